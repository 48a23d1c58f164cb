import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { Handlers } from '../../rpc/dispatch';
import type { Runtime } from '../runtime';
import type { ImportResult } from '../../../shared/contract/dmarc';
import { DmarcService } from './service';

type DmarcMethod = 'dmarc.import' | 'dmarc.summary' | 'dmarc.whatIf' | 'dmarc.failures' | 'dmarc.tls' | 'dmarc.seedJoin';

export function dmarcHandlers(rt: Pick<Runtime, 'db'>): Pick<Handlers, DmarcMethod> {
  const service = new DmarcService(rt.db);
  return {
    'dmarc.import': async ({ paths, files, jobId }, ctx) => {
      if (paths.length === 0 && files.length === 0) throw new AppError('invalid_input', 'An import needs report files or folders.', { hint: 'Choose report files, or type the path of a file or folder.' });
      const relative = paths.find((p) => !isAbsolute(p) || p.includes('\0'));
      if (relative !== undefined) throw new AppError('invalid_input', `${relative.slice(0, 200)} is not an absolute path.`, { hint: 'Give the full path of the file or folder.' });
      const id = jobId ?? randomUUID();
      const report = (state: 'running' | 'finished' | 'failed', done: number, message: string) =>
        ctx.emit('job.progress', { jobId: id, kind: 'dmarc.import', done, message, state });
      const onProgress = (p: { files: number; imported: number; duplicates: number; refused: number }) =>
        report('running', p.files, `${p.files.toLocaleString('en-US')} files read: ${p.imported} reports imported, ${p.duplicates} duplicates, ${p.refused} refused`);
      try {
        const uploaded = files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') }));
        const fromUpload = await service.importSources(uploaded, onProgress);
        const fromDisk: ImportResult = paths.length ? await service.importPaths(paths, '/', onProgress) : { imported: [], duplicates: [], refused: [] };
        const result: ImportResult = {
          imported: [...fromUpload.imported, ...fromDisk.imported],
          duplicates: [...fromUpload.duplicates, ...fromDisk.duplicates],
          refused: [...fromUpload.refused, ...fromDisk.refused],
        };
        report('finished', uploaded.length + paths.length, `${result.imported.length} imported, ${result.duplicates.length} duplicates, ${result.refused.length} refused`);
        return result;
      } catch (error) {
        report('failed', 0, error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    'dmarc.summary': ({ lookUpPtr, ...query }) => (lookUpPtr ? service.summaryWithPtr(query) : service.summary(query)),
    'dmarc.whatIf': ({ domain, policy }) => service.whatIf(domain, policy),
    'dmarc.failures': ({ domain, limit }) => service.failures(domain, limit),
    'dmarc.tls': ({ since, until }) => service.tls(since, until),
    'dmarc.seedJoin': ({ domain }) => service.seedJoin(domain),
  };
}
