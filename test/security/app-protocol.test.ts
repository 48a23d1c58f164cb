import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appUrlToFile } from '../../electron/host/app-url';
import { containedPath } from '../../electron/host/static';
import { tempDir } from '../support/temp';

const temp = tempDir('mailbench-protocol-');
const root = join(temp.dir, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<div id="root"></div>');
writeFileSync(join(temp.dir, 'secret.txt'), 'outside the renderer');
afterAll(() => temp.cleanup());

const inside = (file: string | undefined) => file === undefined || file === resolve(root) || file.startsWith(resolve(root) + sep);

/** Ways people have escaped web roots: dot segments, every encoding of them, separators, NUL, absolute paths. */
const escapes = [
  '/../secret.txt',
  '/..%2fsecret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E%2Fsecret.txt',
  '/assets/../../secret.txt',
  '/assets/%2e%2e/%2e%2e/secret.txt',
  '/..%5csecret.txt',
  '/%252e%252e/secret.txt',
  '//etc/passwd',
  '/%2fetc%2fpasswd',
  '/index.html%00.png',
  '/%00',
  '/%',
  '/%zz',
  '/.%2e/secret.txt',
  `/${'../'.repeat(64)}etc/passwd`,
];

describe('app:// serves only the built renderer', () => {
  it('maps the app\'s own URLs to files inside the renderer folder', () => {
    expect(appUrlToFile(root, 'app://mailbench/index.html')).toBe(join(root, 'index.html'));
    expect(appUrlToFile(root, 'app://mailbench/')).toBe(join(root, 'index.html'));
    expect(appUrlToFile(root, 'app://mailbench/assets/x.js?v=1#top')).toBe(join(root, 'assets', 'x.js'));
  });

  it('refuses every traversal spelling, through the URL parser and straight into containedPath', () => {
    for (const path of escapes) {
      const viaUrl = appUrlToFile(root, `app://mailbench${path}`);
      const direct = containedPath(root, path);
      expect(inside(viaUrl), `app://mailbench${path} -> ${viaUrl}`).toBe(true);
      expect(inside(direct), `${path} -> ${direct}`).toBe(true);
      expect(viaUrl).not.toBe(join(temp.dir, 'secret.txt'));
      expect(direct).not.toBe(join(temp.dir, 'secret.txt'));
    }
  });

  it('refuses other hosts, schemes, credentials and garbage', () => {
    for (const url of [
      'app://evil/index.html',
      'app://mailbench.evil/index.html',
      'app://user:pw@mailbench/index.html',
      'file:///etc/passwd',
      'https://mailbench/index.html',
      'app:index.html',
      'not a url',
      '',
    ]) {
      expect(appUrlToFile(root, url), url).toBeUndefined();
    }
  });

  it('never resolves outside the folder, for any generated path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '..%2f', '%2f', '%5c', '%00', '', 'assets', 'index.html', '~', '%252e'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 24 }), (segments) => {
        const path = `/${segments.join('/')}`;
        expect(inside(containedPath(root, path))).toBe(true);
        expect(inside(appUrlToFile(root, `app://mailbench${path}`))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
