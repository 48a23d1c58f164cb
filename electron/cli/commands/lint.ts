import { parseArgs } from 'node:util';
import { isAppError } from '../../../shared/contract/errors';
import { appVersion } from '../../services/app/version';
import { checkClients, loadLintConfig } from '../../services/lint/config';
import { lintFiles } from '../../services/lint/run';
import { type Command, EXIT, UsageError } from '../command';

const formats = ['text', 'json', 'sarif'] as const;
type Format = (typeof formats)[number];
/** Each lint worker loads its own copy of the engine and mjml: far more workers than cores only costs memory. */
const MAX_JOBS = 64;

export const lintCommand: Command = {
  name: 'lint',
  usage:
    'mailbench lint <files or globs...> [--format text|json|sarif] [--clients list] [--max-warnings N] [--fail-on error|warning] [--include-info] [--jobs N] [--config mailbench.config.json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        clients: { type: 'string' },
        'max-warnings': { type: 'string' },
        'fail-on': { type: 'string', default: 'error' },
        config: { type: 'string' },
        'include-info': { type: 'boolean', default: false },
        jobs: { type: 'string' },
      },
    });
    if (positionals.length === 0) throw new UsageError('Give at least one file or glob, for example "templates/**/*.mjml".');
    const format = values.format as Format;
    if (!formats.includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${values.format}".`);
    const failOn = values['fail-on'];
    if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning, not "${failOn}".`);
    let maxWarnings: number | undefined;
    if (values['max-warnings'] !== undefined) {
      maxWarnings = Number(values['max-warnings']);
      if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings must be a whole number of 0 or more, not "${values['max-warnings']}".`);
    }
    let jobs: number | undefined;
    if (values.jobs !== undefined) {
      jobs = Number(values.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, not "${values.jobs}".`);
    }
    let config;
    try {
      config = loadLintConfig(io.cwd, values.config).config;
      if (values.clients !== undefined) {
        const clients = values.clients.split(',').map((c) => c.trim()).filter(Boolean);
        checkClients(clients);
        config = { ...config, clients };
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      const where = error.details.file ? ` (${error.details.file}${error.details.line ? `:${error.details.line}` : ''})` : '';
      const issues = error.details.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new UsageError(`${error.message}${where}${issues ? ` ${issues}.` : ''} ${error.details.hint ?? ''}`.trim());
    }

    const run = await lintFiles(positionals, io.cwd, config, { jobs });
    // Loaded after the run; SARIF alone reads the engine's rule metadata (with worker threads the main thread
    // has not loaded the engine otherwise).
    const { distinctNotes, formatJson, formatText } = await import('../../services/lint/format');
    const formatSarif = format === 'sarif' ? (await import('../../services/lint/format-sarif')).formatSarif : undefined;
    for (const { file, reason } of run.unreadable) io.err(`mailbench lint: cannot read ${file}: ${reason}.`);
    for (const pattern of run.unmatched) if (!run.unreadable.some((u) => u.file === pattern)) io.err(`mailbench lint: no files match ${pattern}.`);
    const output = format === 'json' ? formatJson(run.reports) : formatSarif ? formatSarif(run.reports, appVersion()) : formatText(run.reports, { includeInfo: values['include-info'] });
    if (output) io.out(output);

    const all = run.reports.flatMap((r) => r.findings);
    const errors = all.filter((f) => f.severity === 'error').length;
    const warnings = all.filter((f) => f.severity === 'warning').length;
    const info = all.length - errors - warnings;
    // Notes are true of the whole run (what the spam score could not evaluate offline): one line each, beside the totals.
    if (format === 'text') for (const note of distinctNotes(run.reports)) io.err(`Note: ${note.message}`);
    // A run that linted nothing has no totals to give: "0 file(s): 0 error(s)" read as a clean result.
    if (format === 'text' && run.reports.length > 0) io.err(`${run.reports.length} file(s): ${errors} error(s), ${warnings} warning(s), ${info} info${info > 0 && !values['include-info'] ? ' (not shown: --include-info)' : ''}.`);
    if (run.unreadable.length > 0 || run.unmatched.length > 0) return EXIT.usage;
    const crossed = errors > 0 || (failOn === 'warning' && warnings > 0) || (maxWarnings !== undefined && warnings > maxWarnings);
    return crossed ? EXIT.findings : EXIT.ok;
  },
};
