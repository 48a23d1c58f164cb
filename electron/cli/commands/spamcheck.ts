import { parseArgs } from 'node:util';
import { isAppError } from '../../../shared/contract/errors';
import { readTarget } from '../../services/lint/inputs';
import { spamcheck } from '../../services/lint/spamassassin';
import { type Command, EXIT, UsageError } from '../command';

export const spamcheckCommand: Command = {
  name: 'spamcheck',
  usage: 'mailbench spamcheck <file> [--subject text] [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, subject: { type: 'string' } } });
    if (positionals.length !== 1) throw new UsageError('Give exactly one file.');
    const file = positionals[0]!;
    const read = await readTarget(file, io.cwd);
    if (!read.ok) throw new UsageError(`cannot read ${file}: ${read.reason}.`);
    let result;
    try {
      result = await spamcheck(read.input, values.subject);
    } catch (error) {
      if (isAppError(error) && error.code === 'unavailable') {
        io.err(`mailbench spamcheck: ${error.message} ${error.details.hint ?? ''}`.trim());
        return EXIT.usage;
      }
      throw error;
    }
    if (values.json) io.out(JSON.stringify({ file, ...result }, null, 2));
    else {
      io.out(`${file}: ${result.score.toFixed(1)} points (${result.threshold.toFixed(1)} required) by ${result.engine}: ${result.isSpam ? 'SPAM' : 'not spam'}`);
      for (const hit of result.hits) io.out(`${hit.score.toFixed(1).padStart(5)} ${hit.rule.padEnd(24)} ${hit.line ? `${file}:${hit.line} ` : ''}${hit.description}`);
    }
    return result.isSpam ? EXIT.findings : EXIT.ok;
  },
};
