import type { Handlers } from '../rpc/dispatch';
import { openExternalLink } from './app/external';
import { appInfo } from './app/info';
import { authHandlers } from './auth/handlers';
import { dmarcHandlers } from './dmarc/handlers';
import { editorHandlers } from './editor/handlers';
import { lintHandlers } from './lint/handlers';
import type { Runtime } from './runtime';
import { seedsHandlers } from './seeds/handlers';
import { shellHandlers } from './shell/handlers';
import { warmupHandlers } from './warmup/handlers';

/**
 * The contract served: one entry per method, each a thin call into a service.
 * Features add their handlers through a `xxxHandlers(rt)` spread, like app below.
 */
export function createHandlers(rt: Runtime): Handlers {
  return {
    'app.info': () => appInfo(rt),
    'app.openExternal': ({ url }) => openExternalLink(rt, url),
    ...authHandlers(rt),
    ...editorHandlers(rt),
    ...lintHandlers(rt),
    ...shellHandlers(rt),
    ...seedsHandlers(rt),
    ...warmupHandlers(rt),
    ...dmarcHandlers(rt),
  };
}
