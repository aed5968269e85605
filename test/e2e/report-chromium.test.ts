import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';
import { decodePng, hasColour } from '../helpers/png.js';

const CHROMIUM = '/usr/bin/chromium';
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
// No network, no updates or sync: the page must draw from the file alone.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--hide-scrollbars', '--window-size=1100,1400'];

function chromium(dir: string, args: string[]) {
  const r = spawnSync(CHROMIUM, [...FLAGS, `--user-data-dir=${join(dir, `profile-${args[0].slice(2, 8)}`)}`, ...args],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
  // Headless Chromium complains about the missing system bus on every start; nothing else may go wrong.
  const problems = r.stderr.split('\n').filter((l) => /CONSOLE|Uncaught|net::ERR_|Failed to load|Refused to/i.test(l));
  return { ...r, problems };
}

describe.skipIf(!existsSync(CHROMIUM))('the incident report in headless Chromium', () => {
  it('draws every call from the file alone, without errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-report-'));
    const report = join(dir, 'report.html');
    const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' } });
    await main(['replay', EXAMPLES, '--retry', '3', '--report', report], io);
    const url = pathToFileURL(report).href;

    const dom = chromium(dir, ['--dump-dom', url]);
    expect(dom.status).toBe(0);
    expect(dom.problems).toEqual([]);
    const calls = readFileSync(report, 'utf8').match(/data-call="/g)!.length;
    expect(dom.stdout.match(/<section class="call" data-call="\d+"/g)).toHaveLength(calls);
    expect(dom.stdout.match(/<svg viewBox/g)).toHaveLength(calls);

    const shot = join(dir, 'report.png');
    const screenshot = chromium(dir, [`--screenshot=${shot}`, url]);
    expect(screenshot.status).toBe(0);
    expect(screenshot.problems).toEqual([]);
    const picture = decodePng(readFileSync(shot));
    expect([picture.width, picture.height]).toEqual([1100, 1400]);
    // The marks are drawn in their outcome colours (success, retryable, not retryable) and the waits in grey;
    // magenta is in no part of the report, so a decoder that sees every colour would fail here.
    for (const colour of ['#2e7d32', '#e0a000', '#c62828', '#b0bec5']) expect(hasColour(picture, colour, 12)).toBe(true);
    expect(hasColour(picture, '#ff00ff', 12)).toBe(false);
  }, 150_000);
});
