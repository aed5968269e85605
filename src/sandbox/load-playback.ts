import { readFile } from 'node:fs/promises';
import { CASSETTE_FORMAT, sniffRecording } from '../core/cassette-codec.js';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
import type { RecordedExchange } from '../core/recording.js';
import { callsFromCassette, callsFromHar } from '../input/recording-formats.js';

/** Reads an op-errors cassette or a HAR 1.2 file into the exchanges `serve --cassette` plays back, in order. */
export async function loadPlayback(file: string): Promise<RecordedExchange[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(fileProblem(file, e));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(`${file} is neither an op-errors cassette nor a HAR file (it is not JSON)`);
  }
  const kind = sniffRecording(parsed);
  if (kind === null) {
    throw new InputError(`${file} is neither an op-errors cassette nor a HAR file (no "format": "${CASSETTE_FORMAT}", no log.entries)`);
  }
  const o = parsed as Record<string, unknown>;
  const calls = kind === 'cassette' ? callsFromCassette(o, file) : callsFromHar(o, file);
  return calls.flatMap((c) => c.attempts);
}
