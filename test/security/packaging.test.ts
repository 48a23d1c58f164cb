import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  fileAssociations: { ext: string }[];
  asarUnpack: string[];
  afterPack: string;
  linux: { target: string[] };
  mac: { target: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string };
  win: { target: string };
};

/** The PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('packaging (electron-builder.yml), checked without building', () => {
  it('is a valid electron-builder configuration (its own JSON schema)', () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    // The schema does reject a broken file: a misspelt key or a wrong type fails it.
    expect(validate({ ...config, asarUnpak: ['x'] })).toBe(false);
    expect(validate({ ...config, fileAssociations: 'mjml' })).toBe(false);
  });

  it('builds AppImage, deb, a hardened dmg and NSIS, and associates .mjml and .eml', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true });
    expect(config.win.target).toBe('nsis');
    expect(config.fileAssociations.map((association) => association.ext).sort()).toEqual(['eml', 'mjml']);
  });

  it('keeps better-sqlite3 out of the asar and runs package.json main from the built files', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/electron/main.mjs');
    expect(pkg.scripts.dist).toMatch(/native\.mjs electron .*electron-builder/);
  });

  it('grants the hardened runtime only what Electron needs', () => {
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = readFileSync(join(root, file), 'utf8');
      expect(plist).toContain('com.apple.security.cs.allow-jit');
      for (const risky of ['allow-unsigned-executable-memory', 'allow-dyld-environment-variables', 'get-task-allow', 'disable-executable-page-protection']) {
        expect(plist, risky).not.toContain(risky);
      }
    }
  });

  it('ships the project icon in every size the three platforms use', () => {
    const build = join(root, 'resources', 'build');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) expect(pngSize(join(build, 'icons', `${size}x${size}.png`))).toEqual([size, size]);
    expect(readFileSync(join(build, 'icon.icns')).subarray(0, 4).toString('latin1')).toBe('icns');
    const ico = readFileSync(join(build, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(6);
  });
});

describe('after-pack hook flips Electron fuses', () => {
  const work = mkdtempSync(join(tmpdir(), 'mailbench-fuses-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /**
   * A stand-in for the packed Linux binary: Electron's fuse sentinel, wire version 1, then
   * 8 fuses all enabled ('1'), as @electron/fuses finds them in a real binary.
   */
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  function fakeBinary(path: string): void {
    const wire = Buffer.concat([Buffer.from('ELF...padding...'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('11111111'), Buffer.from('...rest')]);
    writeFileSync(path, wire);
  }

  it('sets RunAsNode off, cookie encryption on, NODE_OPTIONS and --inspect off, ASAR integrity on, app only from the asar', async () => {
    const binary = join(work, 'mailbench-desktop');
    fakeBinary(binary);
    const hook = require(join(root, config.afterPack)) as { default(context: object): Promise<void> };
    await hook.default({ appOutDir: work, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Mailbench' }, executableName: 'mailbench-desktop' } });
    const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as typeof import('@electron/fuses');
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
  });
});
