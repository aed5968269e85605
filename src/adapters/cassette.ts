import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** One recorded attempt: the request as sent (secrets masked) and what came back. */
export interface Interaction {
  recordedAt: string;
  attempt: number;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: { status: number; headers: Record<string, string>; body: string } | null;
  /** The network failure, when no response came back. */
  transport: { code: string; message: string } | null;
  durationMs: number;
}

/** A cassette file: see docs/cassette.md. */
export interface Cassette {
  format: 'op-errors-cassette';
  version: 1;
  interactions: Interaction[];
}

const LOCK_WAIT_MS = 5_000;
const STALE_LOCK_MS = 30_000;

/** Reads a cassette; a file that is not one is an InputError and is left alone. */
export async function readCassette(file: string): Promise<Cassette> {
  const text = await readFile(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(`${file} is not an op-errors cassette (not JSON); it was left as it is`);
  }
  const c = parsed as Partial<Cassette>;
  if (c?.format !== 'op-errors-cassette' || !Array.isArray(c.interactions)) {
    throw new InputError(`${file} is not an op-errors cassette; it was left as it is`);
  }
  if (c.version !== 1) throw new InputError(`${file} is a cassette of version ${c.version}; this op-errors writes version 1`);
  return c as Cassette;
}

/**
 * Appends interactions to a cassette, creating it if needed. The new file is written beside the old one
 * and renamed over it, under a lock file, so a crash or a second writer never leaves it half-written.
 */
export async function appendToCassette(file: string, interactions: Interaction[]): Promise<void> {
  const release = await lock(`${file}.lock`);
  try {
    const existing = await exists(file) ? await readCassette(file) : null;
    const cassette: Cassette = existing ?? { format: 'op-errors-cassette', version: 1, interactions: [] };
    cassette.interactions.push(...interactions);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(cassette, null, 2)}\n`, { flag: 'wx' });
      await rename(temp, file);
    } catch (e) {
      await rm(temp, { force: true });
      throw new InputError(`cannot write the recording to ${file}: ${(e as Error).message}`);
    }
  } finally {
    await release();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}

async function lock(path: string): Promise<() => Promise<void>> {
  const start = Date.now();
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.close();
      return () => rm(path, { force: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new InputError(`cannot write the recording beside ${path.slice(0, -5)}: ${(e as Error).message}`);
      const age = Date.now() - (await stat(path).then((s) => s.mtimeMs, () => Date.now()));
      if (age > STALE_LOCK_MS) await rm(path, { force: true });
      else if (Date.now() - start > LOCK_WAIT_MS) {
        throw new InputError(`${path} is held by another op-errors; remove it if no other run is recording`);
      } else await new Promise((r) => setTimeout(r, 50));
    }
  }
}
