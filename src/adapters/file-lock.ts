import { open, readFile, rm, stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** How long a recorder waits for another live recorder to finish its write. */
const LOCK_WAIT_MS = 30_000;
const POLL_MS = 25;
const NO_PID_STALE_MS = 5_000;

/**
 * Takes a lock file holding this process's PID; returns its release. A lock whose owner PID is no longer
 * running (a recorder killed with -9) is stale and taken over at once; a live owner is waited for.
 */
export async function acquireLock(path: string, shown: string, waitMs = LOCK_WAIT_MS): Promise<() => Promise<void>> {
  const start = Date.now();
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(path, { force: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new InputError(`cannot lock ${shown} for recording (${path}): ${code ?? (e as Error).message}`);
    }
    const owner = await lockOwner(path);
    // A lock without a PID is either being written this instant or was left by an older op-errors.
    const stale = owner === null ? Date.now() - (await stat(path).then((s) => s.mtimeMs, () => Date.now())) > NO_PID_STALE_MS : !isRunning(owner);
    if (stale) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() - start > waitMs) {
      throw new InputError(`${shown} is locked by op-errors process ${owner ?? '(unknown)'} (${path}); remove the lock if that process is gone`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The PID written in a lock file; null while the owner has not written it yet, or for an unreadable file. */
async function lockOwner(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
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
