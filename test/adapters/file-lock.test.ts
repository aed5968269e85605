import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/adapters/file-lock.js';

describe('the cassette lock', () => {
  it('is held by one writer at a time, also when many take over a stale lock at once', async () => {
    let overlaps = 0;
    for (let round = 0; round < 12; round++) {
      const lock = join(mkdtempSync(join(tmpdir(), 'op-lock-')), 'c.json.lock');
      // A PID far above any pid_max in use: its owner is gone.
      writeFileSync(lock, '4194000\n');
      let inside = 0;
      await Promise.all(Array.from({ length: 6 }, async (_, n) => {
        // Staggered by a fraction of a millisecond each, so that one's takeover lands amid another's.
        await new Promise((r) => setTimeout(r, (n * (round % 5)) / 4));
        const release = await acquireLock(lock, 'c.json');
        inside++;
        if (inside > 1) overlaps++;
        await new Promise((r) => setTimeout(r, 2));
        inside--;
        await release();
      }));
    }
    expect(overlaps).toBe(0);
  });

  it('names the PID of an owner that is gone when the lock cannot be taken over in time', async () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'op-lock-')), 'c.json.lock');
    writeFileSync(lock, '4194000\n');
    // Another recorder is taking it over (its guard is fresh), so this one waits and gives up.
    writeFileSync(`${lock}.takeover`, '');
    await expect(acquireLock(lock, 'c.json', 0)).rejects.toThrow(
      `c.json is locked by op-errors process 4194000, which is no longer running (${lock}); remove the lock`);
  });
});
