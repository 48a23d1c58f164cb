import { isAbsolute, resolve } from 'node:path';
import { kindOf } from '../../../shared/lint/kind';
import { readInput } from '../../fs/open-input';

export type ReadBytes = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/** Reads one file's bytes within its kind's budget (README, "Budgets"): a regular .mjml/.html/.htm or .eml file, else a reason. */
export async function readTargetBytes(file: string, cwd: string): Promise<ReadBytes> {
  try {
    const { bytes } = await readInput(isAbsolute(file) ? file : resolve(cwd, file), kindOf(file) === 'eml' ? 'message' : 'template');
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.replace(/^Cannot read [^:]*: /, '').replace(/\.$/, '') };
  }
}
