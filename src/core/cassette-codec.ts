import { InputError } from './errors.js';
import { isObject } from './fields.js';
import { Redactor } from './redact.js';
import type { RecordedExchange } from './recording.js';
import type { Attempt } from './types.js';

const URL_MASKER = new Redactor([]);

/** The `format` marker of an op-errors cassette. */
export const CASSETTE_FORMAT = 'op-errors-cassette';
/** The only cassette layout this op-errors reads and writes. */
export const CASSETTE_VERSION = 1;

/** One recorded attempt: the request as sent (secrets masked) and what came back. */
export interface Interaction {
  recordedAt: string;
  attempt: number;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  /** `bodyEncoding: "base64"` when the body is data (an export, an image): its bytes, base64-encoded. */
  response: { status: number; headers: Record<string, string>; body: string; bodyEncoding?: 'base64' } | null;
  /** The network failure, when no response came back. */
  transport: { code: string; message: string } | null;
  durationMs: number;
}

/** A cassette file: see docs/cassette.md. */
export interface Cassette {
  format: typeof CASSETTE_FORMAT;
  version: typeof CASSETTE_VERSION;
  interactions: Interaction[];
}

/** What a parsed JSON recording is, by its shape: an op-errors cassette, a HAR file, or neither. */
export function sniffRecording(json: unknown): 'cassette' | 'har' | null {
  if (!isObject(json)) return null;
  if (json.format === CASSETTE_FORMAT) return 'cassette';
  // A `log` without entries is still meant as HAR: its reader says what is missing.
  return isObject(json.log) ? 'har' : null;
}

/**
 * Checks that parsed JSON is a cassette this op-errors can read, with one message per failure for every
 * command (`call --record`, `replay`, `serve --cassette`).
 */
export function checkCassette(json: unknown, file: string): { interactions: unknown[] } {
  if (!isObject(json) || json.format !== CASSETTE_FORMAT) throw new InputError(`${file} is not an op-errors cassette`);
  if (json.version !== CASSETTE_VERSION) {
    throw new InputError(`${file} is an op-errors cassette of version ${String(json.version)}; this op-errors reads and writes version ${CASSETTE_VERSION}`);
  }
  if (!Array.isArray(json.interactions)) throw new InputError(`${file} is an op-errors cassette without an interactions list`);
  return { interactions: json.interactions };
}

/** The cassette's text for a list of interactions, as `--record` writes it. */
export function encodeCassette(interactions: readonly Interaction[]): string {
  const cassette: Cassette = { format: CASSETTE_FORMAT, version: CASSETTE_VERSION, interactions: [...interactions] };
  return `${JSON.stringify(cassette, null, 2)}\n`;
}

/** A recorded exchange, and whether it is the first attempt of its call (`attempt: 1`). */
export type CassetteExchange = RecordedExchange & { first: boolean };

/** Reads one interaction of a cassette (parsed JSON) as the exchange replay and serve work with. */
export function decodeInteraction(it: unknown, file: string, index: number): CassetteExchange {
  if (!isObject(it) || !isObject(it.request)) throw new InputError(`${file}: interaction ${index + 1} has no request`);
  const req = it.request;
  const res = isObject(it.response) ? it.response : null;
  const transport = isObject(it.transport) ? { code: String(it.transport.code), message: String(it.transport.message ?? it.transport.code) } : undefined;
  const attempt: Attempt = res
    ? { status: Number(res.status) || null, headers: headerMap(res.headers), ...recordedBody(res) }
    : { status: null, headers: {}, body: '', transport: transport ?? { code: 'ECONNRESET', message: 'no response recorded' } };
  const startedAt = typeof it.recordedAt === 'string' ? Date.parse(it.recordedAt) : NaN;
  return {
    // op-errors masks what it records; a cassette written by hand may not be, so its URL is masked too.
    method: String(req.method ?? 'GET').toUpperCase(), url: URL_MASKER.url(String(req.url ?? '-')), attempt,
    startedAt: Number.isNaN(startedAt) ? null : startedAt, durationMs: typeof it.durationMs === 'number' ? it.durationMs : null,
    idempotencyKey: 'idempotency-key' in headerMap(req.headers), source: { input: file, line: index + 1 }, first: it.attempt === 1,
  };
}

/** A recorded response body: text as it is, or base64 data as its bytes (and the text they decode to). */
function recordedBody(res: Record<string, unknown>): { body: string; bytes?: Uint8Array } {
  const text = typeof res.body === 'string' ? res.body : '';
  if (res.bodyEncoding !== 'base64') return { body: text };
  const bytes = Buffer.from(text, 'base64');
  return { body: bytes.toString('utf8'), bytes };
}

/** Reads a whole parsed cassette into its exchanges, in recorded order. */
export function decodeCassette(json: unknown, file: string): CassetteExchange[] {
  return checkCassette(json, file).interactions.map((it, i) => decodeInteraction(it, file, i));
}

/** Header lists ([{name, value}], as in HAR) or maps, as lower-case name → value. */
export function headerMap(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (name: string, value: unknown) => {
    // HTTP/2 pseudo-headers (":status") in browser HAR exports are not headers of the response.
    if (name.startsWith(':')) return;
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? String(value) : `${out[key]}, ${String(value)}`;
  };
  if (Array.isArray(raw)) for (const h of raw) if (isObject(h) && typeof h.name === 'string') add(h.name, h.value);
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) add(k, v);
  return out;
}
