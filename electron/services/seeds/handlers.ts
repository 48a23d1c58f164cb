import { Resolver } from 'node:dns/promises';
import { AppError } from '../../../shared/contract/errors';
import type { Handlers } from '../../rpc/dispatch';
import { getDkimSigningKey } from '../auth/dkim-keys';
import type { Runtime } from '../runtime';
import type { DkimKey } from './compose';
import type { MxLookup } from './providers';
import { parseSeedCsv, seedsToCsv } from './seed-csv';
import { SeedService, type SeedServiceOptions } from './service';

type SeedMethods =
  | 'seeds.lists' | 'seeds.saveList' | 'seeds.deleteList' | 'seeds.importCsv' | 'seeds.exportCsv'
  | 'seeds.profiles' | 'seeds.saveProfile' | 'seeds.deleteProfile' | 'seeds.preview'
  | 'seeds.send' | 'seeds.cancel' | 'seeds.resume' | 'seeds.runs' | 'seeds.run' | 'seeds.rows' | 'seeds.checkNow' | 'seeds.exportReport';

/** The seed service of a runtime: one per process, closed with the runtime (running sends are cancelled, stay resumable). */
export function seedServiceOf(rt: Runtime, options: SeedServiceOptions = {}): SeedService {
  const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: (name, payload) => rt.dispatcher.emit(name, payload) }, { dkimKey: (id) => rsaSigningKey(rt, id), ...options });
  rt.onClose(() => service.close());
  return service;
}

export function seedsHandlers(rt: Runtime, service = seedServiceOf(rt)): Pick<Handlers, SeedMethods> {
  return {
    'seeds.lists': () => service.library.lists(),
    'seeds.saveList': (input) => service.library.saveList(input),
    'seeds.deleteList': ({ id }) => ({ deleted: service.library.deleteList(id) }),
    'seeds.importCsv': async ({ name, csv, file }) => service.library.saveList({ name, seeds: await parseSeedCsv(csv, file ?? `${name}.csv`, mxLookup()) }),
    'seeds.exportCsv': ({ id }) => ({ csv: seedsToCsv(service.library.list(id).seeds) }),
    'seeds.profiles': () => service.library.profiles(),
    'seeds.saveProfile': (input) => service.library.saveProfile(input),
    'seeds.deleteProfile': ({ id }) => ({ deleted: service.library.deleteProfile(id) }),
    'seeds.preview': ({ message, to }) => service.preview(message, to),
    'seeds.send': async (input) => ({ runId: await service.sendToList(input), warnings: service.warnings(input.message) }),
    'seeds.cancel': ({ runId }) => ({ cancelled: service.cancel(runId) }),
    'seeds.resume': async ({ runId, resendUnknown }) => ({ runId: await service.resume(runId, resendUnknown) }),
    'seeds.runs': ({ limit }) => service.history(limit),
    'seeds.run': ({ runId, limit }) => service.detail(runId, limit),
    'seeds.rows': ({ runId, after, limit }) => service.rows(runId, after, limit),
    'seeds.checkNow': ({ runId }) => service.checkPlacement(runId),
    'seeds.exportReport': ({ runId }) => ({ csv: service.exportReport(runId) }),
  };
}

/** MX lookups for provider guesses, short and single-try: offline, an unknown domain just stays 'other'. */
function mxLookup(): MxLookup {
  const resolver = new Resolver({ timeout: 1500, tries: 1 });
  return (domain) => resolver.resolveMx(domain);
}

/** A key from the Authentication feature's store; nodemailer signs with RSA only, so Ed25519 keys are refused up front. */
function rsaSigningKey(rt: Runtime, id: string): DkimKey {
  const key = getDkimSigningKey(rt, id);
  if (key.algorithm !== 'rsa-sha256') {
    throw new AppError('invalid_input', `${key.selector}._domainkey.${key.domain} is an Ed25519 key; seed sends are signed with RSA keys only.`, {
      hint: 'Generate an RSA key for this domain under Authentication → Builders (receivers still need RSA; Ed25519 can be added as a second signature later).',
    });
  }
  return { domain: key.domain, selector: key.selector, privateKeyPem: key.privateKeyPem };
}
