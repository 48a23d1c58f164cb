import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '../../../shared/contract/errors';
import { readTarget } from '../../services/lint/inputs';
import { spamcheck } from '../../services/lint/spamassassin';
import { type Command, EXIT, UsageError } from '../command';

export const spamcheckCommand: Command = {
  name: 'spamcheck',
  usage: 'mailbench spamcheck <file> [--subject text] [--spamd-port N] [--json]\n  spamd is looked for on --spamd-port, else env SPAMD_PORT, else 783; without one, a cold spamassassin -L runs (about 10 s).',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, subject: { type: 'string' }, 'spamd-port': { type: 'string' } } });
    if (positionals.length !== 1) throw new UsageError('Give exactly one file.');
    const rawPort = values['spamd-port'];
    const port = rawPort === undefined ? undefined : /^\d{1,5}$/.test(rawPort) && Number(rawPort) >= 1 && Number(rawPort) <= 65535 ? Number(rawPort) : Number.NaN;
    if (Number.isNaN(port)) throw new UsageError(`--spamd-port ${rawPort}: give the port spamd listens on (1-65535).`);
    const file = positionals[0]!;
    const read = await readTarget(file, io.cwd);
    if (!read.ok) throw new UsageError(`cannot read ${file}: ${read.reason}.`);
    let result;
    try {
      // A message goes to SpamAssassin as the bytes on disk: decoding and re-encoding would change 8-bit bodies.
      const bytes = read.input.kind === 'eml' ? await readFile(isAbsolute(file) ? file : join(io.cwd, file)) : undefined;
      result = await spamcheck(read.input, { ...(values.subject ? { subject: values.subject } : {}), ...(port ? { port } : {}), ...(bytes ? { bytes } : {}) });
    } catch (error) {
      if (isAppError(error) && (error.code === 'unavailable' || error.code === 'invalid_input')) {
        io.err(`mailbench spamcheck: ${error.message} ${error.details.hint ?? ''}`.trim());
        return EXIT.usage;
      }
      throw error;
    }
    if (values.json) io.out(JSON.stringify({ file, ...result }, null, 2));
    else {
      io.out(`${file}: ${result.score.toFixed(1)} points (${result.threshold.toFixed(1)} required) by ${result.answeredBy}: ${result.isSpam ? 'SPAM' : 'not spam'}`);
      for (const hit of result.hits) io.out(`${hit.score.toFixed(1).padStart(5)} ${hit.rule.padEnd(24)} ${hit.line ? `${file}:${hit.line} ` : ''}${hit.description}`);
    }
    return result.isSpam ? EXIT.findings : EXIT.ok;
  },
};
