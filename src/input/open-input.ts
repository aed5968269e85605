import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';

/** Opens a file for streaming from byte `start`, or stdin for "-"; a missing or unreadable file is an InputError. */
export async function openInput(path: string, stdin: AsyncIterable<Uint8Array | string>, start = 0):
  Promise<AsyncIterable<Uint8Array | string>> {
  if (path === '-') return stdin;
  let folder: boolean;
  try {
    folder = (await stat(path)).isDirectory();
  } catch (e) {
    throw new InputError(fileProblem(path, e));
  }
  if (folder) throw new InputError(fileProblem(path, { code: 'EISDIR' }));
  // Reads of 256 KB: fewer calls and chunks than 64 KB, without holding megabytes of a log at once.
  return createReadStream(path, { highWaterMark: 256 * 1024, start });
}
