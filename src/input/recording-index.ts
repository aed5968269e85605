import { type FileHandle, open } from 'node:fs/promises';
import { CASSETTE_FORMAT, CASSETTE_VERSION, decodeInteraction } from '../core/cassette-codec.js';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
import type { RecordedExchange } from '../core/recording.js';
import { jsonArraySpans } from './json-elements.js';
import { exchangeFromHar } from './recording-formats.js';

/** A recording indexed by where each exchange lies in its file: only offsets stay in memory, exchanges are read when asked for. */
export interface IndexedRecording {
  kind: 'cassette' | 'har';
  count: number;
  /** The exchange at `i` (0-based, in recorded order), read from the file and decoded as when it was indexed. */
  exchange(i: number): Promise<RecordedExchange>;
  /** Lets the file go. */
  close(): Promise<void>;
}

const PATHS = [['interactions'], ['log', 'entries']] as const;
const CHUNK_BYTES = 256 * 1024;

/**
 * Reads an op-errors cassette or a HAR 1.2 file of any size once, in flat memory, handing each exchange to
 * `visit` and keeping only its offsets. The file stays open, so a cassette replaced (renamed over) while it is
 * served keeps answering from the version that was indexed.
 */
export async function indexRecording(file: string, visit: (e: RecordedExchange, i: number) => void): Promise<IndexedRecording> {
  const handle = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new InputError(fileProblem(file, e));
  });
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputError(fileProblem(file, { code: 'EISDIR' }));
    const first = await firstCharacter(handle);
    if (first !== '{' && first !== '[') throw new InputError(`${file} is neither an op-errors cassette nor a HAR file (it is not JSON)`);
    const scanned = await scan(file, handle, visit);
    return { kind: scanned.kind, count: scanned.count, exchange: (i) => readExchange(file, handle, scanned, i), close: () => handle.close() };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

interface Scanned {
  kind: 'cassette' | 'har';
  count: number;
  starts: number[];
  ends: number[];
}

async function scan(file: string, handle: FileHandle, visit: (e: RecordedExchange, i: number) => void): Promise<Scanned> {
  const top: Record<string, string> = {};
  const versionCheck = () => {
    if (top.format === JSON.stringify(CASSETTE_FORMAT) && top.version !== undefined && top.version !== String(CASSETTE_VERSION)) {
      throw new InputError(`${file} is an op-errors cassette of version ${top.version}; this op-errors reads and writes version ${CASSETTE_VERSION}`);
    }
  };
  const opened = new Set<number>();
  const starts: number[] = [];
  const ends: number[] = [];
  let elementsOf = -1;
  try {
    const hooks = { scalar: (key: string, raw: string) => ((top[key] = raw), versionCheck()), opened: (p: number) => void opened.add(p) };
    for await (const span of jsonArraySpans(latin1Chunks(handle), PATHS, hooks)) {
      if (elementsOf !== -1 && span.path !== elementsOf) throw new InputError(`${file} holds both interactions and log.entries: give one recording per file`);
      elementsOf = span.path;
      const kind = span.path === 0 ? 'cassette' : 'har';
      visit(decode(file, kind, Buffer.from(span.text, 'latin1').toString('utf8'), starts.length), starts.length);
      starts.push(span.start);
      ends.push(span.end);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: the recording is not valid JSON: ${(e as Error).message}`);
  }
  versionCheck();
  const cassette = top.format === JSON.stringify(CASSETTE_FORMAT);
  const wanted = cassette ? 0 : 1;
  if (cassette && !opened.has(0)) throw new InputError(`${file} is an op-errors cassette without an interactions list`);
  if (!opened.has(wanted) || (elementsOf !== -1 && elementsOf !== wanted)) {
    throw new InputError(`${file} is neither an op-errors cassette nor a HAR file (no "format": "${CASSETTE_FORMAT}", no log.entries)`);
  }
  return { kind: cassette ? 'cassette' : 'har', count: starts.length, starts, ends };
}

function decode(file: string, kind: 'cassette' | 'har', text: string, i: number): RecordedExchange {
  const json: unknown = JSON.parse(text);
  return kind === 'cassette' ? decodeInteraction(json, file, i) : exchangeFromHar(json, file, i);
}

async function readExchange(file: string, handle: FileHandle, at: Scanned, i: number): Promise<RecordedExchange> {
  const bytes = Buffer.alloc(at.ends[i] - at.starts[i]);
  await handle.read(bytes, 0, bytes.length, at.starts[i]);
  return decode(file, at.kind, bytes.toString('utf8'), i);
}

/** The file's bytes in chunks, one character per byte: read from the handle the exchanges are read from later. */
async function* latin1Chunks(handle: FileHandle): AsyncGenerator<string> {
  const buffer = Buffer.alloc(CHUNK_BYTES);
  for (let position = 0; ;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.toString('latin1', 0, bytesRead);
  }
}

/** The first character past a byte-order mark and white space, or '' for an empty file. */
async function firstCharacter(handle: FileHandle): Promise<string> {
  const head = Buffer.alloc(4096);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  return head.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().charAt(0);
}
