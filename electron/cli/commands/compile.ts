import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ValidationLevel } from '../../../shared/contract/editor';
import { writeFileAtomic } from '../../fs/atomic';
import { compileMjml } from '../../services/editor/compile';
import { minifyEmailHtml } from '../../services/editor/export';
import { type Command, EXIT, UsageError } from '../command';

export const compile: Command = {
  name: 'compile',
  usage: 'mailbench compile <file.mjml> [-o out.html] [--validation strict|soft|skip] [--minify]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { output: { type: 'string', short: 'o' }, validation: { type: 'string', default: 'soft' }, minify: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError(`give exactly one .mjml file (got ${positionals.length}).`);
    const level = ValidationLevel.safeParse(values.validation);
    if (!level.success) throw new UsageError(`--validation must be strict, soft or skip, not ${JSON.stringify(values.validation)}.`);
    const file = positionals[0]!;
    const path = resolve(io.cwd, file);
    let source: string;
    try {
      source = await readFile(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path.`);
    }
    const outcome = await compileMjml(source, { validationLevel: level.data, minify: false, filePath: path });
    for (const issue of outcome.issues) io.err(`${file}:${issue.line}: ${issue.tagName ? `${issue.tagName}: ` : ''}${issue.message}`);
    if (outcome.html === undefined) {
      io.err(`${file}: not compiled (${outcome.issues.length} error${outcome.issues.length === 1 ? '' : 's'}); fix the lines above${level.data === 'strict' ? ' or use --validation soft' : ''}.`);
      return EXIT.findings;
    }
    const html = values.minify ? await minifyEmailHtml(outcome.html) : outcome.html;
    if (values.output === undefined) io.out(html);
    else {
      try {
        writeFileAtomic(resolve(io.cwd, values.output), html);
      } catch (error) {
        throw new UsageError(`cannot write ${values.output} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that its folder exists.`);
      }
    }
    return outcome.issues.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
