// Regenerates docs/replay-report.png: the HTML report of `replay examples/ --retry 3`, drawn by headless Chromium
// (Debian package `chromium`). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`report-screenshot: ${CHROMIUM} is not installed (apt-get install chromium, or set CHROMIUM)`);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'op-report-shot-'));
const report = join(dir, 'report.html');
try {
  // replay exits 1 because examples/ holds calls that no retry fixes; the report is written all the same.
  try {
    execFileSync(process.execPath, ['bin/op-errors.js', 'replay', 'examples/', '--retry', '3', '--report', report],
      { cwd: root, stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, NO_COLOR: '1' } });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
  // No network, no updates or sync: the page draws from the file alone.
  execFileSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars', '--window-size=1000,1500',
    `--user-data-dir=${join(dir, 'profile')}`, `--screenshot=${join(root, 'docs/replay-report.png')}`, pathToFileURL(report).href],
  { stdio: ['ignore', 'ignore', 'ignore'], timeout: 60_000 });
  console.log('wrote docs/replay-report.png');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
