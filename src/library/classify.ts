import { attemptOutcomes } from '../core/attempts.js';
import type { Catalog } from '../core/catalog.js';
import { classifyExchange, unreadableReason } from '../core/classify.js';
import { ExchangeReader } from '../core/exchange-reader.js';
import type { Attempt, Exchange, InputProblem } from '../core/types.js';
import { defaultCatalog } from '../data/catalog.js';
import { ClassificationEncoder } from '../render/classification-json.js';
import type { ClassificationRecord, ClassifyInput, ClassifyOptions, ResponseLike } from './types.js';

/**
 * Classifies what a user would pipe to `op-errors classify` (a body, NDJSON, `curl -i` output...) or one
 * response object; returns one object of the `classify --json` contract per exchange found, in input order.
 */
export function classify(input: ClassifyInput, options: ClassifyOptions = {}): ClassificationRecord[] {
  const name = options.source ?? '-';
  const exchanges: Exchange[] = [];
  const problems: InputProblem[] = [];
  const sink = { exchange: (e: Exchange) => exchanges.push(e), problem: (p: InputProblem) => problems.push(p) };
  if (typeof input === 'string') readText(input, new ExchangeReader(name, sink));
  else exchanges.push({ attempts: [attemptOf(input)], source: { input: name, line: 1 } });

  const settings = { catalog: defaultCatalog as Catalog, now: options.now ?? Date.now(), statusHint: options.status ?? null };
  const records: ClassificationRecord[] = [];
  const encoder = new ClassificationEncoder();
  for (const ex of exchanges) {
    const why = unreadableReason(ex, settings.statusHint);
    if (why) {
      problems.push({ ...ex.source, message: why });
      continue;
    }
    const final = classifyExchange(ex, settings);
    // Parsing the line the CLI writes keeps the library's objects identical to `classify --json`.
    records.push(JSON.parse(encoder.line(final, attemptOutcomes(ex, final, settings), ex.source)));
  }
  for (const p of problems.sort((a, b) => a.line - b.line)) options.onProblem?.(p);
  return records;
}

function readText(text: string, reader: ExchangeReader): void {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => reader.line(line, i + 1));
  reader.end(text === '' ? 0 : lines.length);
}

function attemptOf(response: ResponseLike): Attempt {
  const headers: Record<string, string> = {};
  for (const [key, value] of headerPairs(response.headers)) {
    const name = key.toLowerCase();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const { body } = response;
  if (body === undefined || body === null) return { status: response.status, headers, body: '' };
  if (typeof body === 'string') return { status: response.status, headers, body };
  if (body instanceof Uint8Array) return { status: response.status, headers, body: new TextDecoder().decode(body) };
  return { status: response.status, headers, body: JSON.stringify(body), json: body };
}

function headerPairs(headers: ResponseLike['headers']): [string, string][] {
  if (!headers) return [];
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    const pairs: [string, string][] = [];
    (headers as Headers).forEach((value, key) => pairs.push([key, value]));
    return pairs;
  }
  return Object.entries(headers as Record<string, unknown>).flatMap(([key, value]): [string, string][] => {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value.map((v) => [key, String(v)]) : [[key, String(value)]];
  });
}
