import { close, open, read, stat } from 'node:fs';
import { promisify } from 'node:util';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';

/**
 * Opens a file for streaming from byte `start`, or stdin (asked for only then) for "-"; a missing or unreadable
 * file is an InputError. The file is read with fs.read, not a read stream: Node's stream modules cost 2-4 ms to load,
 * a fifth of the start of `classify` on one response.
 */
export async function openInput(path: string, stdin: () => AsyncIterable<Uint8Array | string>, start = 0):
  Promise<AsyncIterable<Uint8Array | string>> {
  if (path === '-') return stdin();
  let folder: boolean;
  try {
    folder = (await promisify(stat)(path)).isDirectory();
  } catch (e) {
    throw new InputError(fileProblem(path, e));
  }
  if (folder) throw new InputError(fileProblem(path, { code: 'EISDIR' }));
  // Reads of 256 KB: fewer calls and chunks than 64 KB, without holding megabytes of a log at once.
  return readChunks(path, 256 * 1024, start);
}

/** The bytes of a file from `start` in chunks of up to `size`, each in a buffer of its own; opened on the first read. */
export async function* readChunks(path: string, size: number, start = 0): AsyncGenerator<Buffer> {
  const fd = await promisify(open)(path, 'r');
  try {
    for (let at = start; ;) {
      const buffer = Buffer.allocUnsafe(size);
      const { bytesRead } = await promisify(read)(fd, buffer, 0, size, at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    close(fd, () => {});
  }
}
