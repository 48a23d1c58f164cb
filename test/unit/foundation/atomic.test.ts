import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/fs/atomic';
import { tempDir } from '../../support/temp';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('writeFileAtomic', () => {
  it('replaces the whole file and leaves no temp files behind', () => {
    const file = join(dir, 'out.html');
    writeFileAtomic(file, 'first');
    writeFileAtomic(file, 'second version');
    expect(readFileSync(file, 'utf8')).toBe('second version');
    expect(readdirSync(dir)).toEqual(['out.html']);
  });

  it('fails loudly when the target folder does not exist', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.txt'), 'x')).toThrow(/ENOENT/);
  });
});
