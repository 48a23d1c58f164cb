import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type { Handlers } from '../../rpc/dispatch';
import type { Runtime } from '../runtime';
import type { ImportSource } from './import';
import { mixFromRecipients } from './providers';
import { WarmupService } from './service';

type WarmupMethod =
  | 'warmup.preview' | 'warmup.create' | 'warmup.list' | 'warmup.get' | 'warmup.delete' | 'warmup.mixFromRecipients'
  | 'warmup.recordActuals' | 'warmup.import' | 'warmup.status' | 'warmup.replan' | 'warmup.analytics' | 'warmup.export';

export function warmupHandlers(rt: Pick<Runtime, 'db'>): Pick<Handlers, WarmupMethod> {
  const service = new WarmupService(rt.db);
  return {
    'warmup.preview': ({ spec }) => service.preview(spec),
    'warmup.create': ({ spec }) => service.create(spec),
    'warmup.list': () => service.list(),
    'warmup.get': ({ planId }) => service.get(planId),
    'warmup.delete': ({ planId }) => ({ deleted: service.delete(planId) }),
    'warmup.mixFromRecipients': ({ text }) => mixFromRecipients(text),
    'warmup.recordActuals': ({ planId, date, provider, ip, counts }) => {
      service.recordActuals(planId, date, provider, ip, counts);
      return { saved: true };
    },
    'warmup.import': async ({ planId, format, path, text, fileName, jobId }, ctx) => {
      const source: ImportSource = path !== undefined
        ? { path }
        : text !== undefined
          ? { text, name: fileName ?? 'pasted events' }
          : (() => {
              throw new AppError('invalid_input', 'An import needs the path of the export file or its text.', { hint: 'Pass path, or text with fileName.' });
            })();
      const id = jobId ?? randomUUID();
      const report = (state: 'running' | 'finished' | 'failed', done: number, total: number, message: string) =>
        ctx.emit('job.progress', { jobId: id, kind: 'warmup.import', done, total, message, state });
      try {
        const summary = await service.import(planId, format, source, (p) => report('running', p.bytesDone, p.bytesTotal, `${p.read.toLocaleString('en-US')} events read`));
        report('finished', 1, 1, `${summary.imported} imported, ${summary.duplicates} duplicates, ${summary.skipped} skipped`);
        return summary;
      } catch (error) {
        report('failed', 0, 0, error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    'warmup.status': ({ planId, date }) => service.status(planId, date),
    'warmup.replan': ({ planId, date, dryRun }) => service.replan(planId, date, dryRun),
    'warmup.analytics': ({ planId }) => service.analytics(planId),
    'warmup.export': ({ planId, kind }) => service.export(planId, kind),
  };
}
