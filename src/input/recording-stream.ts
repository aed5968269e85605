import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { CASSETTE_VERSION, decodeInteraction } from '../core/cassette-codec.js';
import { unreadableReason } from '../core/classify.js';
import { InputError } from '../core/errors.js';
import { ExchangeReader } from '../core/exchange-reader.js';
import { tryParseJson } from '../core/json-scanner.js';
import type { InputProblem } from '../core/types.js';
import { jsonArrayElements } from './json-elements.js';
import { readChunks } from './open-input.js';
import { cassetteStartsCall, exchangeFromHar, groupStream, harStartsCall } from './recording-formats.js';
import type { RecordedCall } from '../core/recording.js';
import { fileProblem } from '../core/file-problem.js';
import { type LoadedRecording, loadRecording } from './recordings.js';

/** A recording whose calls are read as they are used: `problems` fills in while `calls` is iterated. */
export interface RecordingStream extends Omit<LoadedRecording, 'calls'> {
  calls: AsyncIterable<RecordedCall> | Iterable<RecordedCall>;
}

/** Files up to this size are read whole (the simplest way, and as fast); larger ones stream in flat memory. */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;

/**
 * Opens a recording of any size: its format is known from its first bytes, its calls are read one at a time.
 * "-" reads stdin, whole, through `readStdin`.
 */
export async function openRecording(file: string, wholeFileBytes = WHOLE_FILE_BYTES, readStdin?: () => Promise<string>): Promise<RecordingStream> {
  if (file === '-' && readStdin) return loadRecording(file, readStdin);
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(fileProblem(file, e));
  });
  if (info.isDirectory()) throw new InputError(fileProblem(file, { code: 'EISDIR' }));
  if (info.size <= wholeFileBytes) return loadRecording(file);
  const head = (await readHead(file)).replace(/^\uFEFF/, '').trimStart();
  const newline = head.indexOf('\n');
  // NDJSON starts with a whole JSON object on its first line; a cassette or HAR document does not.
  const firstLineIsJson = newline !== -1 && tryParseJson(head.slice(0, newline).trim()) !== undefined;
  if (head.startsWith('{') && !firstLineIsJson) {
    if (/"format"\s*:\s*"op-errors-cassette"/.test(head)) return { input: file, kind: 'cassette', calls: cassetteCalls(file), problems: [] };
    if (/"log"\s*:/.test(head)) return { input: file, kind: 'har', calls: harCalls(file), problems: [] };
  }
  const problems: InputProblem[] = [];
  return { input: file, kind: 'capture', calls: captureCalls(file, problems), problems };
}

async function* cassetteCalls(file: string): AsyncGenerator<RecordedCall> {
  const checkVersion = (key: string, raw: string) => {
    if (key === 'version' && raw !== String(CASSETTE_VERSION)) {
      throw new InputError(`${file} is an op-errors cassette of version ${raw}; this op-errors reads and writes version ${CASSETTE_VERSION}`);
    }
  };
  async function* exchanges() {
    let i = 0;
    for await (const it of jsonArrayElements(source(file), ['interactions'], checkVersion)) yield decodeInteraction(it, file, i++);
  }
  yield* asInputErrors(file, groupStream(exchanges(), cassetteStartsCall));
}

async function* harCalls(file: string): AsyncGenerator<RecordedCall> {
  async function* exchanges() {
    let i = 0;
    for await (const e of jsonArrayElements(source(file), ['log', 'entries'])) yield exchangeFromHar(e, file, i++);
  }
  yield* asInputErrors(file, groupStream(exchanges(), harStartsCall));
}

/** curl -i output or NDJSON bodies, line by line: each exchange the reader finds is one call of unknown method and URL. */
async function* captureCalls(file: string, problems: InputProblem[]): AsyncGenerator<RecordedCall> {
  let ready: RecordedCall[] = [];
  let found = 0;
  const reader = new ExchangeReader(file, {
    exchange: (ex) => {
      const why = unreadableReason(ex, undefined);
      if (why) return void problems.push({ ...ex.source, message: why });
      found++;
      ready.push({
        method: '-', url: '-',
        attempts: ex.attempts.map((attempt) => ({ method: '-', url: '-', attempt, startedAt: null, durationMs: null, source: ex.source })),
      });
    },
    problem: (p) => problems.push(p),
  });
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let n = 0;
  for await (const chunk of source(file)) {
    const text = carry + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      reader.line(text.slice(start, nl), ++n);
      start = nl + 1;
    }
    carry = text.slice(start);
    // The calls of this chunk go out before the next is read: memory holds one chunk's worth.
    yield* ready;
    ready = [];
  }
  const rest = carry + decoder.end();
  if (rest !== '') reader.line(rest, ++n);
  reader.end(n);
  yield* ready;
  if (found === 0 && problems.length > 0) {
    throw new InputError(`${file} is not a recording op-errors can read (an op-errors cassette, a HAR file, ` +
      `curl -i output or NDJSON bodies): line ${problems[0].line}: ${problems[0].message}`);
  }
}

function source(file: string): AsyncIterable<Uint8Array> {
  return readChunks(file, CHUNK_BYTES);
}

async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** A document broken midway is the input's fault: it ends the file with a one-line message, not a crash. */
async function* asInputErrors<T>(file: string, inner: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* inner;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: the recording is not valid JSON: ${(e as Error).message}`);
  }
}
