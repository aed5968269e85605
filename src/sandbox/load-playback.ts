import { readFile } from 'node:fs/promises';
import { type Interaction, readCassette } from '../adapters/cassette.js';
import { InputError } from '../cli/errors.js';
import type { RecordedExchange } from '../core/recording.js';

interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string };
  response?: { status?: number; headers?: { name?: string; value?: string }[]; content?: { text?: string; encoding?: string } };
  _error?: string;
}

/** Reads an op-errors cassette or a HAR 1.2 file into the exchanges `serve --cassette` plays back. */
export async function loadPlayback(file: string): Promise<RecordedExchange[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(`${file} is neither an op-errors cassette nor a HAR file (it is not JSON)`);
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (o.format === 'op-errors-cassette') return (await readCassette(file)).interactions.map((i, n) => fromInteraction(i, file, n));
  const log = o.log as { entries?: unknown } | undefined;
  if (log && Array.isArray(log.entries)) return log.entries.map((e, n) => fromHarEntry(e as HarEntry, file, n));
  throw new InputError(`${file} is neither an op-errors cassette nor a HAR file (no "format": "op-errors-cassette", no log.entries)`);
}

function fromInteraction(i: Interaction, file: string, n: number): RecordedExchange {
  const attempt = i.response
    ? { status: i.response.status, headers: lowerCase(i.response.headers), body: i.response.body ?? '' }
    : { status: null, headers: {}, body: '', transport: i.transport ?? { code: 'ECONNRESET', message: 'no response was recorded' } };
  return {
    method: (i.request?.method ?? 'GET').toUpperCase(), url: i.request?.url ?? '/', attempt,
    startedAt: timeOf(i.recordedAt), durationMs: typeof i.durationMs === 'number' ? i.durationMs : null,
    source: { input: file, line: n + 1 },
  };
}

function fromHarEntry(e: HarEntry, file: string, n: number): RecordedExchange {
  const status = e.response?.status ?? 0;
  const failed = status === 0 || e._error !== undefined;
  const attempt = failed
    ? { status: null, headers: {}, body: '', transport: { code: 'ECONNRESET', message: e._error ?? 'the request failed (HAR status 0)' } }
    : { status, headers: harHeaders(e.response?.headers ?? []), body: harBody(e.response?.content) };
  return {
    method: (e.request?.method ?? 'GET').toUpperCase(), url: e.request?.url ?? '/', attempt,
    startedAt: timeOf(e.startedDateTime), durationMs: typeof e.time === 'number' && e.time >= 0 ? e.time : null,
    source: { input: file, line: n + 1 },
  };
}

// HAR repeats a header once per value; an Attempt joins them, as node does for most headers.
function harHeaders(list: { name?: string; value?: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of list) {
    if (!name || name.startsWith(':')) continue;
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value ?? '' : `${out[key]}, ${value ?? ''}`;
  }
  return out;
}

function harBody(content: { text?: string; encoding?: string } | undefined): string {
  const text = content?.text ?? '';
  return content?.encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
}

function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function timeOf(iso: string | undefined): number | null {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? null : t;
}
