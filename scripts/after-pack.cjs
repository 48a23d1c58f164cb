// electron-builder afterPack hook: flips Electron's fuses on the packed binary, before
// signing (electron-builder signs after this hook, so the signature covers the change).
//   RunAsNode off                  ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node
//   EnableCookieEncryption on      cookies on disk are encrypted with the OS keychain key
//   NODE_OPTIONS and --inspect off no code injection through the environment or a debugger
//   EnableEmbeddedAsarIntegrity    app.asar is checked against the hash in the binary
//   OnlyLoadAppFromAsar on         a loose app/ folder next to the asar is never loaded
//   GrantFileProtocolExtraPrivileges off  the UI is served from app://, file:// needs nothing special
// It is CommonJS because electron-builder loads hooks with require().
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook file, see above */
const { join } = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The Electron executable inside what electron-builder packed for each platform. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productName = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${productName}.app`);
    case 'win32':
      return join(appOutDir, `${productName}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: unknown platform ${electronPlatformName}`);
  }
}

exports.default = async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Apple silicon refuses a binary whose ad-hoc signature no longer matches; real signing follows.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
  console.log(`  • electron fuses flipped  file=${binary}`);
};
