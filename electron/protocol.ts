import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_CSP } from '../shared/csp';
import { APP_ORIGIN, APP_SCHEME, appUrlToFile } from './host/app-url';

export { APP_ORIGIN, APP_SCHEME };

/** Must run before `app.ready`: a standard, secure scheme so Monaco's workers and fetch work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from app://mailbench/, never a path outside it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', APP_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
