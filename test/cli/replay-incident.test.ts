import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';
import { cassette, outage } from '../helpers/incident.js';

async function run(args: string[], columns?: number) {
  const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' }, columns });
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

function incident(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'op-incident-'));
  const file = join(dir, 'incident.json');
  writeFileSync(file, cassette([
    outage(6000, { url: 'https://api.example.test/api/v1/orders?api_key=sk_live_abcdef123456' }),
    { url: 'https://api.example.test/api/v1/blacklists/9', steps: [{ at: 0, status: 404 }], offset: 60_000 },
    { method: 'POST', ...outage(1000), offset: 70_000 },
    { url: 'https://api.example.test/api/v1/prospect-searches', steps: [{ at: 0, status: 429, headers: { 'retry-after': '3' } }, { at: 3000, status: 200 }], offset: 80_000 },
    { steps: [{ at: 0, status: 200 }], offset: 90_000 },
  ]));
  return { dir, file };
}

const verdicts = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; request: { method: string } });

describe('replay --suggest-policy', () => {
  it('gives the cheapest policy as JSON, and replaying with it recovers every recoverable call', async () => {
    const { dir, file } = incident();
    const r = await run(['replay', file, '--suggest-policy', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['policy', 'survival', 'expectedWait', 'p95Wait', 'requests', 'calls']));
    expect(s).toMatchObject({ survival: 1, targetMet: true, replayVerified: true, policy: { limit: 2, baseDelay: 2, jitter: 'none' } });
    expect(s.calls.map((c: { verdict: string }) => c.verdict)).toEqual(['recoverable', 'unrecoverable', 'unrecoverable', 'recoverable', 'ok']);
    expect(s.calls[1].reason).toMatch(/HTTP 404 ORDER_NOT_FOUND: not retryable/);
    expect(s.calls[2].reason).toMatch(/POST without an Idempotency-Key is not safe to repeat/);
    expect(r.out).not.toContain('sk_live_abcdef123456');

    const config = join(dir, '.openprospectrc');
    writeFileSync(config, JSON.stringify({ retry: s.policy }));
    const replayed = verdicts((await run(['--config', config, 'replay', file, '--json'])).out);
    const recoverable = s.calls.map((c: { verdict: string }) => c.verdict !== 'unrecoverable');
    replayed.forEach((v, i) => expect(v.ok).toBe(recoverable[i]));
    // One retry fewer is not enough: the suggestion is just enough.
    writeFileSync(config, JSON.stringify({ retry: { ...s.policy, limit: s.policy.limit - 1 } }));
    expect(verdicts((await run(['--config', config, 'replay', file, '--json'])).out)[0].ok).toBe(false);
  });

  it('prints a table, the calls no policy saves, and a snippet that is a working config', async () => {
    const { dir, file } = incident();
    const r = await run(['replay', file, '--suggest-policy']);
    expect(r.out).toMatch(/│ Retries +│ 2 +│/);
    expect(r.out).toMatch(/Cost +│ [\d.]+ = [\d.]+ s of waiting \+ [\d.]+ requests × 1 s/);
    expect(r.out).toMatch(/No policy saves these calls[^\n]*\n +2\. GET \/api\/v1\/blacklists\/9: HTTP 404/);
    const snippet = /\.openprospectrc[^\n]*\n(\{[\s\S]*?\n\})\n/.exec(r.out)![1];
    const config = join(dir, 'snippet.json');
    writeFileSync(config, snippet);
    const replay = await run(['--config', config, 'replay', file]);
    expect(replay.out.match(/would succeed/g)).toHaveLength(2);
    expect(r.out).toContain('Checked: op-errors replay');
  });

  it('reads recordings as replay does: "-" from stdin, and a missing file is named while the others are searched', async () => {
    const { file } = incident();
    const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' }, input: readFileSync(file, 'utf8') });
    const code = await main(['replay', '-', join(file, '..', 'missing.json'), '--suggest-policy', '--json'], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/^op-errors: .*missing\.json.*$/m);
    expect(JSON.parse(io.stdout()).calls).toHaveLength(5);
  });

  it('starts a message about a file on its own line, with no blank line before it when no progress is shown, on a terminal', async () => {
    const { dir, file } = incident();
    const broken = join(dir, 'broken.har');
    writeFileSync(broken, '{"log": ');
    const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' }, stderrIsTTY: true });
    expect(await main(['replay', file, broken, '--suggest-policy'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^op-errors: [^\n]*broken\.har/);
    // replay itself shows which file it reads: the message ends that progress line.
    const replay = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' }, stderrIsTTY: true });
    expect(await main(['replay', file, broken], replay)).toBe(2);
    expect(replay.stderr()).toMatch(/\rop-errors: reading 2\/2 files[^\n]*\nop-errors: [^\n]*broken\.har/);
  });

  it('is the same for the same seed, and refuses flags that fix the policy itself', async () => {
    const { file } = incident();
    const a = await run(['replay', file, '--suggest-policy', '--json', '--target', '0.9', '--runs', '20', '--seed', '7']);
    const b = await run(['replay', file, '--suggest-policy', '--json', '--target', '0.9', '--runs', '20', '--seed', '7']);
    expect(a.out).toBe(b.out);
    const clash = await run(['replay', file, '--suggest-policy', '--retry', '3']);
    expect(clash.code).toBe(2);
    expect(clash.err).toMatch(/drop --retry/);
    expect((await run(['replay', file, '--suggest-policy', '--retry-base-delay', '2'])).err).toMatch(/drop --retry-base-delay$/m);
    expect((await run(['replay', file, '--suggest-policy', '--target', '1.5'])).code).toBe(2);
  });
});

describe('replay --timeline and --report', () => {
  it('draws each call as a timeline that fits the width', async () => {
    const { file } = incident();
    for (const columns of [60, 100, 140]) {
      const r = await run(['replay', file, '--retry', '3', '--jitter', 'none', '--timeline'], columns);
      const table = r.out.split('\n\n')[0];
      for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(Math.max(60, columns));
      expect(table).toMatch(/rec ▲─+●/);
      expect(table).toMatch(/sim ▲─+▲─+▲─+[●○]/);
      if (columns >= 100) expect(table).toMatch(/waits: 3\.0 s Retry-After/);
    }
  });

  it('writes a self-contained report: a summary and one row per call, recorded and simulated attempts apart', async () => {
    const { dir, file } = incident();
    const out = join(dir, 'report.html');
    const r = await run(['replay', file, '--retry', '3', '--jitter', 'none', '--report', out]);
    expect(r.err).toContain(`wrote the report of 5 calls to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=|@font-face/i);
    expect(html).not.toContain('sk_live');
    expect(html.match(/<section class="call" data-call="\d+"/g)).toHaveLength(5);
    const row = (n: number) => html.slice(html.indexOf(`data-call="${n}"`), html.indexOf('</section>', html.indexOf(`data-call="${n}"`)));
    // The 6 s outage: two recorded attempts; the policy's 3 attempts after 1 s, 2 s, and 4 s waits reach it at 7 s.
    expect(row(1).match(/class="mark [a-z-]+ recorded"/g)).toHaveLength(2);
    expect(row(1).match(/class="mark [a-z-]+ simulated( assumed)?"/g)).toHaveLength(4);
    expect(row(1)).toMatch(/class="mark success simulated assumed"/);
    expect(row(1)).toMatch(/<g class="wait backoff"><title>wait 4\.0 s backoff<\/title>/);
    expect(row(1)).toContain('would succeed after 3 retries');
    expect(row(1)).toMatch(/<g class="deadline"><text[^>]*>deadline 5 min →/);
    expect(row(2)).toMatch(/class="mark not-retryable simulated"/);
    expect(row(4)).toMatch(/<g class="wait retry-after"><title>wait 3\.0 s Retry-After/);
    expect(html).toMatch(/<th>Policy<\/th><td>3 retries: backoff from 1 s/);
    expect(html).toMatch(/<th>Survival<\/th><td>3 of 5 calls \(60%\) would succeed/);

    const tight = join(dir, 'tight.html');
    await run(['replay', file, '--retry', '3', '--jitter', 'none', '--retry-max-time', '5', '--report', tight]);
    const first = readFileSync(tight, 'utf8').split('data-call="2"')[0];
    expect(first).toMatch(/<g class="deadline"><line x1="[\d.]+"[^>]*\/><text[^>]*>deadline 5\.0 s<\/text>/);
    expect(first).toContain('would stop at the deadline after 2 retries');

    const recorded = join(dir, 'recorded.html');
    await run(['replay', file, '--report', recorded]);
    const plain = readFileSync(recorded, 'utf8');
    expect(plain).not.toContain('simulated"');
    expect(plain).toMatch(/<title>wait 3\.0 s Retry-After<\/title>/);
    expect(plain).toContain('2026-11-21 09:01:20 UTC');
  });

  it('draws a capture without timestamps in recorded order, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-incident-'));
    const capture = join(dir, 'capture.txt');
    writeFileSync(capture, 'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\n\r\n{"error":{"code":"SERVICE_UNAVAILABLE"}}\n' +
      'HTTP/1.1 200 OK\r\n\r\n{"items":[]}\n');
    const r = await run(['replay', capture, '--retry', '2', '--timeline', '--report', join(dir, 'r.html')]);
    expect(r.out).toMatch(/rec ▲ +●/);
    expect(r.out).toMatch(/sim ▲─+●/);
    expect(r.out).toContain('no timestamps: order only');
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('no timestamps: attempts in recorded order, a second apart');
    expect(html).toMatch(/<g class="wait retry-after"><title>wait 2\.0 s Retry-After/);
  });

  it('says which report file cannot be written', async () => {
    const { file } = incident();
    const r = await run(['replay', file, '--report', '/nonexistent/dir/r.html']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^op-errors: cannot write the report to \/nonexistent\/dir\/r\.html: ENOENT\n$/m);
  });
});
