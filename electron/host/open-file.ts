import { closeSync, fchmodSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The page a browser is opened with, as Jupyter does it: the opener (xdg-open, open,
 * explorer) gets this file's path, never the tokened URL, because every local user can
 * read a command line in `ps`. The file is created fresh (O_EXCL, so a planted symlink is
 * not followed) and readable by its owner only; its meta refresh carries the URL.
 */
export function writeOpenFile(dir: string, url: string): string {
  const file = join(dir, `web-${process.pid}-open.html`);
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', 0o600);
  try {
    // The mode given to open is filtered by the umask; set it exactly.
    fchmodSync(fd, 0o600);
    writeSync(fd, openPage(url));
  } finally {
    closeSync(fd);
  }
  return file;
}

function openPage(url: string): string {
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening Mailbench</title>
</head>
<body>
<p>This page opens Mailbench. If it does not, <a href="${href}">open Mailbench</a>.</p>
</body>
</html>
`;
}
