import { parseArgs } from 'node:util';
import { appInfo } from '../../services/app/info';
import { type Command, EXIT } from '../command';

export const info: Command = {
  name: 'info',
  usage: 'mailbench info [--json]',
  async run(args, io, runtime) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
    const result = await appInfo(runtime());
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return EXIT.ok;
    }
    io.out(`Mailbench ${result.version}`);
    io.out(`data folder   ${result.dataDir}`);
    io.out(`database      ${result.databaseFile} (schema ${result.schemaVersion})`);
    io.out(`secrets       ${result.secretStorage.kind}${result.secretStorage.warning ? ` (${result.secretStorage.warning})` : ''}`);
    for (const engine of result.engines) io.out(`${engine.id.padEnd(13)} ${engine.present ? `found ${engine.version ?? ''}`.trim() : 'not installed'}`);
    return EXIT.ok;
  },
};
