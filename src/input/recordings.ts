import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
import { sniffRecording } from '../core/cassette-codec.js';
import { unreadableReason } from '../core/classify.js';
import { ExchangeReader } from '../core/exchange-reader.js';
import { tryParseJson } from '../core/json-scanner.js';
import type { RecordedCall, RecordedExchange } from '../core/recording.js';
import type { InputProblem } from '../core/types.js';
import { callsFromCassette, callsFromHar } from './recording-formats.js';

/** What a recording file held, and what in it could not be read. */
export interface LoadedRecording {
  input: string;
  kind: 'cassette' | 'har' | 'capture';
  calls: RecordedCall[];
  problems: InputProblem[];
}

const FOLDER_EXTENSIONS = /\.(json|har|txt|ndjson|jsonl|log|http)$/i;

/**
 * The inputs to read: each file as given ("-" is stdin), and the recordings in each folder, in name order. A path
 * that cannot be read stays in the list, so that reading it reports the problem and the others still run; a
 * folder without recordings is reported by `problems`.
 */
export async function expandInputs(paths: string[]): Promise<{ files: string[]; problems: string[] }> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const p of paths) {
    const folder = p !== '-' && await stat(p).then((info) => info.isDirectory(), () => false);
    if (!folder) files.push(p);
    else {
      const names = (await readdir(p)).filter((n) => FOLDER_EXTENSIONS.test(n)).sort();
      if (names.length === 0) problems.push(`${p} holds no recordings (.json, .har, .txt, .ndjson, .log)`);
      files.push(...names.map((n) => join(p, n)));
    }
  }
  return { files, problems };
}

/**
 * Reads one recording, recognising its format by content: op-errors cassette, HAR, or curl -i / NDJSON text.
 * "-" reads stdin through `readStdin`.
 */
export async function loadRecording(file: string, readStdin?: () => Promise<string>): Promise<LoadedRecording> {
  let text: string;
  try {
    text = file === '-' && readStdin ? await readStdin() : await readFile(file, 'utf8');
  } catch (e) {
    // Stdin that cannot be read says so itself.
    if (e instanceof InputError) throw e;
    throw new InputError(fileProblem(file, e));
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const json = tryParseJson(trimmed) as Record<string, unknown> | undefined;
    const kind = sniffRecording(json);
    if (kind === 'cassette') return { input: file, kind, calls: callsFromCassette(json!, file), problems: [] };
    if (kind === 'har') return { input: file, kind, calls: callsFromHar(json!, file), problems: [] };
  }
  return capture(file, text);
}

/** A curl -i capture or NDJSON bodies: each exchange the reader finds is one call of unknown method and URL. */
function capture(file: string, text: string): LoadedRecording {
  const calls: RecordedCall[] = [];
  const problems: InputProblem[] = [];
  const reader = new ExchangeReader(file, {
    exchange: (ex) => {
      const why = unreadableReason(ex, undefined);
      if (why) return void problems.push({ ...ex.source, message: why });
      calls.push({
        method: '-', url: '-',
        attempts: ex.attempts.map((attempt) => ({ method: '-', url: '-', attempt, startedAt: null, durationMs: null, source: ex.source })),
      });
    },
    problem: (p) => problems.push(p),
  });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => reader.line(line, i + 1));
  reader.end(lines.length);
  if (calls.length === 0 && problems.length > 0) {
    throw new InputError(`${file} is not a recording op-errors can read (an op-errors cassette, a HAR file, ` +
      `curl -i output or NDJSON bodies): line ${problems[0].line}: ${problems[0].message}`);
  }
  return { input: file, kind: 'capture', calls, problems };
}
