import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openRecording } from '../../src/input/recording-stream.js';
import type { RecordedCall } from '../../src/core/recording.js';
import { loadRecording } from '../../src/input/recordings.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/recordings/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'op-stream-'));

async function streamed(file: string) {
  const r = await openRecording(file, 0);
  const calls: RecordedCall[] = [];
  for await (const c of r.calls) calls.push(c);
  return { kind: r.kind, calls, problems: r.problems };
}

describe('recordings read as streams give what reading them whole gives', () => {
  for (const name of ['flaky-orders.json', 'browser-session.har', 'outage.har']) {
    it(name, async () => {
      const whole = await loadRecording(fixture(name));
      expect(await streamed(fixture(name))).toEqual({ kind: whole.kind, calls: whole.calls, problems: whole.problems });
    });
  }

  it('NDJSON bodies and curl -i captures, line by line', async () => {
    const file = join(dir, 'log.ndjson');
    writeFileSync(file, [503, 200, 429].map((s) => JSON.stringify({ status: s, error: { code: s === 200 ? undefined : 'X' } })).join('\n'));
    const whole = await loadRecording(file);
    const s = await streamed(file);
    expect(s.kind).toBe('capture');
    expect(s.calls).toEqual(whole.calls);
    expect(s.problems).toEqual(whole.problems);
  });

  it('a newer cassette and a document cut short end with one-line messages', async () => {
    const newer = join(dir, 'v2.json');
    writeFileSync(newer, JSON.stringify({ format: 'op-errors-cassette', version: 2, interactions: [] }, null, 2));
    await expect(streamed(newer)).rejects.toThrow(/version 2; this op-errors reads and writes version 1/);
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, JSON.stringify({ format: 'op-errors-cassette', version: 1, interactions: [{ request: { method: 'GET', url: '/x' } }, { request: {} }] }, null, 2).slice(0, -20));
    await expect(streamed(cut)).rejects.toThrow(/not valid JSON/);
  });
});
