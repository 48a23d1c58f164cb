import type { Handlers } from '../../rpc/dispatch';
import type { Runtime } from '../runtime';
import { parseSeedCsv, seedsToCsv } from './seed-csv';
import { SeedService, type SeedServiceOptions } from './service';

type SeedMethods =
  | 'seeds.lists' | 'seeds.saveList' | 'seeds.deleteList' | 'seeds.importCsv' | 'seeds.exportCsv'
  | 'seeds.profiles' | 'seeds.saveProfile' | 'seeds.deleteProfile' | 'seeds.preview'
  | 'seeds.send' | 'seeds.cancel' | 'seeds.resume' | 'seeds.runs' | 'seeds.run' | 'seeds.checkNow' | 'seeds.exportReport';

/** The seed service of a runtime: one per process, closed with the runtime (running sends are cancelled, stay resumable). */
export function seedServiceOf(rt: Runtime, options: SeedServiceOptions = {}): SeedService {
  const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: (name, payload) => rt.dispatcher.emit(name, payload) }, options);
  rt.onClose(() => service.close());
  return service;
}

export function seedsHandlers(rt: Runtime, service = seedServiceOf(rt)): Pick<Handlers, SeedMethods> {
  return {
    'seeds.lists': () => service.library.lists(),
    'seeds.saveList': (input) => service.library.saveList(input),
    'seeds.deleteList': ({ id }) => ({ deleted: service.library.deleteList(id) }),
    'seeds.importCsv': async ({ name, csv, file }) => service.library.saveList({ name, seeds: await parseSeedCsv(csv, file ?? `${name}.csv`) }),
    'seeds.exportCsv': ({ id }) => ({ csv: seedsToCsv(service.library.list(id).seeds) }),
    'seeds.profiles': () => service.library.profiles(),
    'seeds.saveProfile': (input) => service.library.saveProfile(input),
    'seeds.deleteProfile': ({ id }) => ({ deleted: service.library.deleteProfile(id) }),
    'seeds.preview': ({ message, to }) => service.preview(message, to),
    'seeds.send': async (input) => ({ runId: await service.sendToList(input) }),
    'seeds.cancel': ({ runId }) => ({ cancelled: service.cancel(runId) }),
    'seeds.resume': async ({ runId, resendUnknown }) => ({ runId: await service.resume(runId, resendUnknown) }),
    'seeds.runs': ({ limit }) => service.history(limit),
    'seeds.run': ({ runId }) => service.detail(runId),
    'seeds.checkNow': ({ runId }) => service.checkPlacement(runId),
    'seeds.exportReport': ({ runId }) => ({ csv: service.exportReport(runId) }),
  };
}
