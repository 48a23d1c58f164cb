// CI gate over Electronegativity: its CLI always exits 0, so this runs its scanner and
// fails on any HIGH or MEDIUM finding that reviewed.json does not name (check + file).
// It scans what the desktop app is made of: electron/ (the shell and the services it
// loads), renderer/index.html (the CSP the window gets) and package.json (Electron's version).
// Two more rules keep the gate honest: Electronegativity's own inline `eng-disable` comments
// are refused (a suppression goes in reviewed.json, with its reason), and every reviewed use
// must still be found (else the scan missed files, or the list is stale). CI runs the
// typecheck first: a file that does not parse would be skipped by the scanner without a word.
//   node .ci/tools/electronegativity/gate.mjs [project-root]
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..', '..', '..'));
const runner = join(here, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js');
if (!existsSync(runner)) {
  console.error(`electronegativity is not installed: run npm ci --prefix ${here}`);
  process.exit(2);
}
const runElectronegativity = createRequire(import.meta.url)(runner);

/** Source files under a folder, as paths relative to the project root. */
function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(m?[jt]sx?|cjs|html)$/.test(name) ? [full] : [];
  });
}
const suppressed = sources(join(root, 'electron')).filter((file) => /eng-disable/.test(readFileSync(file, 'utf8')));
if (suppressed.length > 0) {
  console.error(`electronegativity: inline eng-disable comments are not allowed (${suppressed.join(', ')}); review the finding in .ci/tools/electronegativity/reviewed.json instead.`);
  process.exit(1);
}

const scan = mkdtempSync(join(tmpdir(), 'mailbench-electronegativity-'));
try {
  cpSync(join(root, 'electron'), join(scan, 'electron'), { recursive: true });
  cpSync(join(root, 'renderer', 'index.html'), join(scan, 'renderer', 'index.html'));
  cpSync(join(root, 'package.json'), join(scan, 'package.json'));
  // Called as a library, not as the CLI: the CLI's CSV writer appends the rows and writes the
  // header with two unsynchronised writes, so its report is sometimes scrambled.
  const { issues } = await runElectronegativity({
    input: scan,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
  });
  const reviewed = JSON.parse(readFileSync(join(here, 'reviewed.json'), 'utf8')).reviewed;
  const findings = issues.map((found) => ({
    check: found.id,
    severity: found.severity.name,
    confidence: found.confidence.name,
    file: found.file,
    location: `${found.location.line}:${found.location.column}`,
    description: found.description,
  }));
  const isReviewed = (finding) => reviewed.some((entry) => entry.check === finding.check && entry.file === finding.file);
  const blocking = findings.filter((finding) => (finding.severity === 'HIGH' || finding.severity === 'MEDIUM') && !isReviewed(finding));
  for (const finding of findings) {
    const mark = blocking.includes(finding) ? 'FAIL' : isReviewed(finding) ? 'reviewed' : 'ok';
    console.log(`${mark.padEnd(8)} ${finding.severity.padEnd(13)} ${finding.check} ${finding.file}:${finding.location} ${finding.description}`);
  }
  const unseen = reviewed.filter((entry) => !findings.some((finding) => finding.check === entry.check && finding.file === entry.file));
  if (unseen.length > 0) {
    console.error(`\nelectronegativity: reviewed uses not found in this scan: ${unseen.map((entry) => `${entry.check} in ${entry.file}`).join(', ')}. The scan missed files, or reviewed.json is stale: remove the entries that no longer apply.`);
    process.exit(1);
  }
  if (blocking.length > 0) {
    console.error(`\nelectronegativity: ${blocking.length} high or medium finding(s). Fix them, or review one use and add it to .ci/tools/electronegativity/reviewed.json with the reason.`);
    process.exit(1);
  }
  console.log(`\nelectronegativity: ${findings.length} finding(s), none high or medium outside the reviewed list.`);
} finally {
  rmSync(scan, { recursive: true, force: true });
}
