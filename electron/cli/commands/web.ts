import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeOpenFile } from '../../host/open-file';
import { startWebHost } from '../../host/server';
import { projectRoot, rendererDir } from '../../paths';
import { type Command, EXIT, UsageError } from '../command';

export const web: Command = {
  name: 'web',
  usage: 'mailbench web [--port N] [--no-open]',
  async run(args, io, runtime) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } }, strict: true });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${JSON.stringify(values.port)}.`);
    const dir = rendererDir();
    if (!existsSync(join(dir, 'index.html'))) await buildRenderer(io);
    const rt = runtime();
    const host = await startWebHost({ dispatcher: rt.dispatcher, rendererDir: dir, port });
    const openFile = writeOpenFile(rt.dataDir, host.url);
    io.out(`Mailbench is running at ${host.url}`);
    io.out(`Or open this file in your browser (it holds the same link, readable only by you): ${openFile}`);
    if (!values['no-open']) openBrowser(openFile);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    rmSync(openFile, { force: true });
    return EXIT.ok;
  },
};

/** From a source checkout the UI may not be built yet; a packed app always ships it. */
async function buildRenderer(io: { err(text: string): void }): Promise<void> {
  io.err('Building the UI once (vite build)…');
  const vite = await import('vite').catch(() => {
    throw new UsageError('The UI is not built and Vite is not installed. Run `npm run build` in the Mailbench folder.');
  });
  await vite.build({ configFile: join(projectRoot(), 'vite.config.ts'), logLevel: 'warn' });
}

/** The opener gets the file's path: its command line is visible to every local user, the token must not be. */
function openBrowser(file: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [file], { stdio: 'ignore', detached: true });
  child.on('error', () => {
    // No desktop opener: the printed URL is the way in.
  });
  child.unref();
}
