import { open, readFile, rm, stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** How long a recorder waits for another live recorder to finish its write. */
const LOCK_WAIT_MS = 30_000;
const POLL_MS = 25;
const NO_PID_STALE_MS = 5_000;
/** Taking over a stale lock takes milliseconds: a guard older than this was left by a process that died doing it. */
const GUARD_STALE_MS = 10_000;

/**
 * Takes a lock file holding this process's PID; returns its release, which never throws (a write that went
 * through is never reported as failed). A lock whose owner PID is no longer running (a recorder killed with -9)
 * is stale and taken over at once; a live owner is waited for.
 */
export async function acquireLock(path: string, shown: string, waitMs = LOCK_WAIT_MS): Promise<() => Promise<void>> {
  const start = Date.now();
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(path, { force: true }).catch(() => undefined);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new InputError(`cannot lock ${shown} for recording (${path}): ${code ?? (e as Error).message}`);
    }
    const owner = await lockState(path);
    // Another recorder taking it over at the same moment is given the few milliseconds that takes.
    if (owner.stale && (await takeOver(path))) continue;
    if (Date.now() - start > waitMs) {
      const who = `op-errors process ${owner.pid ?? '(unknown)'}`;
      throw new InputError(owner.stale
        ? `${shown} is locked by ${who}, which is no longer running (${path}); remove the lock`
        : `${shown} is locked by ${who} (${path}); remove the lock if that process is gone`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Removes a stale lock so that no live lock is ever removed in its place; false when another recorder is at it.
 * Two recorders that both found it stale would otherwise race: one removes it and takes a new lock, the other
 * then removes that new lock, and both write at once. Under the guard (created exclusively) one of them looks
 * again and removes it: a lock that exists cannot be replaced by a new owner, and a dead owner does not release
 * it, so the lock looked at is the lock removed.
 */
async function takeOver(path: string): Promise<boolean> {
  const guard = `${path}.takeover`;
  try {
    await (await open(guard, 'wx', 0o644)).close();
  } catch {
    const age = await stat(guard).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > GUARD_STALE_MS) await rm(guard, { force: true });
    return false;
  }
  try {
    if ((await lockState(path)).stale) await rm(path, { force: true });
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

/**
 * Who holds a lock: the owner's PID (null when the file is gone, released or taken over, or holds no PID yet) and
 * whether the lock is stale: its owner is no longer running, or never wrote its PID and has long been silent.
 */
async function lockState(path: string): Promise<{ pid: number | null; stale: boolean }> {
  const text = await readFile(path, 'utf8').catch(() => null);
  // Gone already: released, or removed by another recorder's takeover; the next try creates it.
  if (text === null) return { pid: null, stale: false };
  const pid = Number.parseInt(text, 10);
  if (Number.isInteger(pid) && pid > 0) return { pid, stale: !isRunning(pid) };
  // A lock without a PID is either being written this instant or was left by a process that died right then.
  const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
  return { pid: null, stale: age > NO_PID_STALE_MS };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
