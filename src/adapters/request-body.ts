import { readFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { findJsonError } from '../core/json-error.js';
import { fileProblem } from '../core/file-problem.js';

/** The body of `-d`: JSON text, @file, or @- for stdin; checked to be JSON before anything is sent. */
export async function readBody(data: string, readStdin: () => Promise<string>): Promise<string> {
  let text = data;
  let where = '-d';
  if (data === '@-') {
    text = await readStdin();
    where = '-d @- (stdin)';
  } else if (data.startsWith('@')) {
    where = `-d ${data}`;
    try {
      text = await readFile(data.slice(1), 'utf8');
    } catch (e) {
      throw new UsageError(`${where}: ${fileProblem(data.slice(1), e)}`);
    }
  }
  const error = findJsonError(text);
  if (error) throw new UsageError(`${where}: invalid JSON at line ${error.line}, column ${error.column}: ${error.message}`);
  return text;
}

/** A body piped in on stdin, checked to be JSON; undefined when nothing came. */
export async function stdinBody(readStdin: () => Promise<string>): Promise<string | undefined> {
  const text = await readStdin();
  if (text.trim() === '') return undefined;
  const error = findJsonError(text);
  if (error) throw new UsageError(`the body on stdin is not JSON: line ${error.line}, column ${error.column}: ${error.message}`);
  return text;
}

/** The text of a file named by `-F key=@file`. */
export async function readFieldFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`-F: ${fileProblem(path, e)}`);
  }
}
