import { constants } from 'node:fs';
import { access, lstat, open, readFile, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { type Interaction, checkCassette, encodeCassette } from '../core/cassette-codec.js';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
import { acquireLock } from './file-lock.js';

export type { Cassette, Interaction } from '../core/cassette-codec.js';

/**
 * Where `--record` really writes: the file itself, or the target of a symlink (the link is kept). Anything
 * that is not a regular file (a folder, a FIFO, a device, a dangling link) is refused before a request is sent.
 */
export async function recordingTarget(file: string): Promise<string> {
  let info = await lstat(file).catch(() => null);
  let target = resolve(file);
  if (info?.isSymbolicLink()) {
    target = await realpath(file).catch(async () => {
      throw new InputError(`--record ${file}: it is a symlink to ${await readlink(file).catch(() => '?')}, which does not exist`);
    });
    info = await stat(target);
  }
  if (info && !info.isFile()) {
    const what = info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a FIFO' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
    throw new InputError(`--record ${file}: it is ${what}; give a cassette file`);
  }
  const folder = dirname(target);
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) throw new InputError(`--record ${file}: the folder ${folder} does not exist`);
  // The new content is renamed over the old, so the folder must be writable, not just the file.
  await access(folder, constants.W_OK).catch(() => {
    throw new InputError(`--record ${file}: the folder ${folder} is not writable`);
  });
  if (info && info.size > 0) checkCassette(await readJson(target, file), file);
  return target;
}

/**
 * Checks the target and takes its lock once, before anything is sent: a bad path, a file that is not a cassette
 * (or a newer version) and a lock that a live recorder keeps are reported while nothing is lost yet.
 */
export async function prepareRecording(file: string): Promise<string> {
  const target = await recordingTarget(file);
  const release = await acquireLock(`${target}.lock`, file);
  await release();
  return target;
}

/**
 * Appends interactions to a cassette, creating it if needed. The new file is written beside the old one (with
 * its mode) and renamed over it, under a lock file, so a crash or a second writer never leaves it half-written.
 */
export async function appendToCassette(file: string, interactions: Interaction[]): Promise<void> {
  const target = await recordingTarget(file);
  const release = await acquireLock(`${target}.lock`, file);
  try {
    const existing = await stat(target).catch(() => null);
    const previous = existing && existing.size > 0 ? checkCassette(await readJson(target, file), file).interactions as Interaction[] : [];
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
    try {
      await writeFile(temp, encodeCassette([...previous, ...interactions]), { flag: 'wx', mode: existing ? existing.mode & 0o7777 : 0o666 });
      if (existing) await chmodLikeOriginal(temp, existing.mode);
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw new InputError(`cannot write the recording to ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } finally {
    await release();
  }
}

/**
 * Saves interactions that could not go into the cassette in a cassette of their own beside it (or in the
 * temporary folder when the target's folder refuses too); rewrites `previous` when given. Returns where.
 */
export async function rescueRecording(file: string, interactions: Interaction[], previous: string | null): Promise<string> {
  if (previous) {
    await writeFile(previous, encodeCassette(interactions), { mode: 0o600 });
    return previous;
  }
  const name = `${basename(file).replace(/\.json$/i, '')}.unsaved-${process.pid}-${Date.now()}.json`;
  for (const folder of [dirname(resolve(file)), tmpdir()]) {
    const path = join(folder, name);
    try {
      await writeFile(path, encodeCassette(interactions), { flag: 'wx', mode: 0o600 });
      return path;
    } catch {
      // Try the next place.
    }
  }
  throw new InputError(`could not save the recording anywhere (beside ${file}, nor in ${tmpdir()})`);
}

async function chmodLikeOriginal(path: string, mode: number): Promise<void> {
  // writeFile's mode is filtered by the umask; the cassette keeps exactly the mode it had.
  const handle = await open(path, 'r+');
  try {
    await handle.chmod(mode & 0o7777);
  } finally {
    await handle.close();
  }
}

async function readJson(path: string, shown: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`--record: ${fileProblem(shown, e)}`);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${shown} is not an op-errors cassette (not JSON); it was left as it is`);
  }
}
