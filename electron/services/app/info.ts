import { join } from 'node:path';
import type { AppInfo } from '../../../shared/contract/app';
import { schemaVersion } from '../../db/open';
import type { Runtime } from '../runtime';
import { detectEngines } from './engines';
import { appVersion } from './version';

export async function appInfo(rt: Runtime): Promise<AppInfo> {
  const { cipher } = rt.secrets;
  return {
    name: 'Mailbench',
    version: appVersion(),
    dataDir: rt.dataDir,
    databaseFile: join(rt.dataDir, 'mailbench.db'),
    schemaVersion: schemaVersion(rt.db),
    transport: rt.transport,
    platform: `${process.platform}-${process.arch}`,
    node: process.versions.node,
    engines: await detectEngines(),
    secretStorage: { kind: cipher.kind, ...(cipher.warning ? { warning: cipher.warning } : {}) },
  };
}
