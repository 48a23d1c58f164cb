import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyClient, clientIds, clientProfiles, isClientId } from '../../../shared/clients/index';
import { isAppError } from '../../../shared/contract/errors';
import { writeFileAtomic } from '../../fs/atomic';
import { compileMjml } from '../../services/editor/compile';
import { findChromium, screenshotHtml } from '../../services/preview/screenshot';
import { type Command, EXIT, UsageError } from '../command';

const whole = (value: string | undefined, flag: string, min: number, max: number, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${value}".`);
  return n;
};

export const previewCommand: Command = {
  name: 'preview',
  usage: `mailbench preview <file.html|file.mjml> --client ${clientIds.join('|')} [--out x.png] [--width 600] [--height 1200] [--dark] [--format text|json]`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        client: { type: 'string' },
        out: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        dark: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
      },
    });
    if (positionals.length !== 1) throw new UsageError(`give exactly one .html or .mjml file (got ${positionals.length}).`);
    const clientId = values.client;
    if (clientId === undefined || !isClientId(clientId)) throw new UsageError(`--client must be one of ${clientIds.join(', ')}${clientId === undefined ? '' : `, not "${clientId}"`}.`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}".`);
    const width = whole(values.width, '--width', 200, 2000, 600);
    const height = whole(values.height, '--height', 200, 10000, 1200);
    const file = positionals[0]!;
    const lower = file.toLowerCase();
    if (!/\.(?:html?|mjml)$/.test(lower)) throw new UsageError(`${file}: preview takes an .html or .mjml file; for an .eml, save its HTML part first.`);
    let source: string;
    try {
      source = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path.`);
    }
    let html = source;
    if (lower.endsWith('.mjml')) {
      // The changes' lines are then lines of the compiled HTML, which is what the client receives.
      const outcome = await compileMjml(source, { validationLevel: 'soft', minify: false, filePath: resolve(io.cwd, file) });
      if (outcome.html === undefined) throw new UsageError(`${file}: mjml could not compile it; run mailbench compile ${file} to see why.`);
      html = outcome.html;
    }
    // Resolve Chromium before the work, so a missing browser is one clear line, not a late failure.
    const chromium = values.out === undefined ? undefined : findChromium(io.env);
    if (values.out !== undefined && !chromium) {
      throw new UsageError('no Chromium found for --out (looked for MAILBENCH_CHROMIUM, then chromium, chromium-browser, google-chrome on PATH); install it (Debian: apt install chromium) or leave out --out to list the changes only.');
    }
    let preview;
    try {
      preview = applyClient(html, clientId, { dark: values.dark });
    } catch (error) {
      if (isAppError(error)) throw new UsageError(`${file}: ${error.message} ${error.details.hint ?? ''}`.trim());
      throw error;
    }
    const profile = clientProfiles[clientId];
    const where = lower.endsWith('.mjml') ? `${file} (compiled HTML)` : file;
    if (values.format === 'json') {
      io.out(JSON.stringify({ file, client: clientId, label: profile.label, variant: profile.variant, dark: values.dark, fidelity: profile.fidelity, changes: preview.changes }, null, 2));
    } else {
      io.out(`${profile.label}${values.dark ? ', dark mode' : ''}: ${preview.changes.length} change(s). Fidelity ${profile.fidelity.level}: ${profile.fidelity.note}`);
      for (const change of preview.changes) io.out(`${where}:${change.line} ${change.kind} ${change.summary}`);
    }
    if (values.out !== undefined && chromium) {
      let png: Buffer;
      try {
        png = await screenshotHtml(preview.html, { chromium, width, height });
      } catch (error) {
        if (isAppError(error)) throw new UsageError(`${error.message} ${error.details.hint ?? ''}`.trim());
        throw error;
      }
      try {
        writeFileAtomic(resolve(io.cwd, values.out), png);
      } catch (error) {
        throw new UsageError(`cannot write ${values.out} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that its folder exists.`);
      }
      io.err(`Wrote ${values.out} (${width}x${height}, ${profile.label}).`);
    }
    return EXIT.ok;
  },
};
