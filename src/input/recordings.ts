import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
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

/** The files to read: each file as given, and the recordings in each folder, in name order. */
export async function expandInputs(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new InputError(`cannot read ${p}: no such file or folder`);
    }
    if (!info.isDirectory()) files.push(p);
    else {
      const names = (await readdir(p)).filter((n) => FOLDER_EXTENSIONS.test(n)).sort();
      if (names.length === 0) throw new InputError(`${p} holds no recordings (.json, .har, .txt, .ndjson, .log)`);
      files.push(...names.map((n) => join(p, n)));
    }
  }
  return files;
}

/** Reads one recording, recognising its format by content: op-errors cassette, HAR, or curl -i / NDJSON text. */
export async function loadRecording(file: string): Promise<LoadedRecording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(fileProblem(file, e));
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const json = tryParseJson(trimmed) as Record<string, unknown> | undefined;
    if (json && json.format === 'op-errors-cassette') return { input: file, kind: 'cassette', calls: callsFromCassette(json, file), problems: [] };
    if (json && typeof json.log === 'object' && json.log !== null) return { input: file, kind: 'har', calls: callsFromHar(json, file), problems: [] };
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
