import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** Opens a file for streaming, or stdin for "-"; a missing or unreadable file is an InputError. */
export async function openInput(path: string, stdin: AsyncIterable<Uint8Array | string>):
  Promise<AsyncIterable<Uint8Array | string>> {
  if (path === '-') return stdin;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`cannot read ${path}: it is a folder`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new InputError(`cannot read ${path}: ${why}`);
  }
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}
