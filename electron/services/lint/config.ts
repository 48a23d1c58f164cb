import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, issuesFromZod } from '../../../shared/contract/errors';
import { LintConfig } from '../../../shared/lint/config';
import { knownClient } from '../../../shared/lint/rules/compatibility/policy';

export const CONFIG_FILE = 'mailbench.config.json';

/** Reads `mailbench.config.json` (or the file given); no file means defaults. Bad content is a parse_error with the file and the issues. */
export function loadLintConfig(cwd: string, explicit?: string): { config: LintConfig; file?: string } {
  const file = explicit ? resolve(cwd, explicit) : join(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new AppError('not_found', `Config file ${file} does not exist.`, { file, hint: `Create it or drop --config to use ${CONFIG_FILE} from the current folder.` });
    return { config: {} };
  }
  let raw: unknown;
  const text = readFileSync(file, 'utf8');
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position ? text.slice(0, Number(position)).split('\n').length : undefined;
    throw new AppError('parse_error', `${file} is not valid JSON: ${(error as Error).message}`, { file, ...(line ? { line } : {}), hint: 'Fix the JSON syntax (docs/lint-config.md shows the format).' });
  }
  const parsed = LintConfig.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('parse_error', `${file} does not match the lint config schema.`, { file, issues: issuesFromZod(parsed.error), hint: 'See docs/lint-config.md for the keys and values.' });
  }
  checkClients(parsed.data.clients ?? [], file);
  return { config: parsed.data, file };
}

/** Every client must be one caniemail knows (or the outlook.new alias). */
export function checkClients(clients: readonly string[], file?: string): void {
  const unknown = clients.filter((client) => !knownClient(client));
  if (unknown.length) {
    throw new AppError('invalid_input', `Unknown email client ${unknown.map((c) => JSON.stringify(c)).join(', ')}.`, {
      ...(file ? { file } : {}),
      hint: 'Use caniemail keys such as gmail.desktop-webmail, gmail.ios, outlook.windows, outlook.new, apple-mail.ios, yahoo.desktop-webmail.',
    });
  }
}
