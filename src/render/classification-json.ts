import type { Classification } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import type { AttemptSummary, SourceRef } from './classification-types.js';

// classify --json writes one of these per log line; the parts that repeat for every line with the same code
// (the head fields and the fix, two thirds of the bytes) are encoded once and copied as bytes.

/** The fields of the `classify --json` contract, in the order every line writes them. */
export const CLASSIFICATION_FIELDS = ['ok', 'status', 'statusSource', 'code', 'known', 'retryable', 'retry', 'retryAfter',
  'message', 'fix', 'requestId', 'fields', 'details', 'attempts', 'source'] as const;

/** One field of the JSON contract. */
export type ClassificationField = typeof CLASSIFICATION_FIELDS[number];

/** Parses `--fields a,b,c`: contract fields, written in the contract's order whatever order they are given in. */
export function parseFieldList(text: string): ClassificationField[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const valid: readonly string[] = CLASSIFICATION_FIELDS;
  const unknown = names.filter((n) => !valid.includes(n));
  if (unknown.length > 0 || names.length === 0) {
    const what = unknown.length === 0 ? 'No field given.' : `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}.`;
    throw new UsageError(`${what} The fields are: ${CLASSIFICATION_FIELDS.join(', ')}.`);
  }
  return CLASSIFICATION_FIELDS.filter((f) => names.includes(f));
}

const RETRY_INDEX = { none: 0, backoff: 1, reauth: 2, refresh: 3 } as const;
const SOURCE_INDEX = { input: 1, option: 2, catalog: 3 } as const;
const MAX_CACHED = 4096;

type FieldWriter = (e: ClassificationEncoder, c: Classification, attempts: AttemptSummary[], source: SourceRef) => string;

/** How each field is written when only some are asked for; the full line has a faster path of its own. */
const WRITERS: Record<ClassificationField, FieldWriter> = {
  ok: (_, c) => `"ok":${c.ok}`,
  status: (_, c) => `"status":${c.status}`,
  statusSource: (_, c) => `"statusSource":${c.statusSource === null ? 'null' : `"${c.statusSource}"`}`,
  code: (e, c) => `"code":${e.recurring(c.code)}`,
  known: (_, c) => `"known":${c.known}`,
  retryable: (_, c) => `"retryable":${c.retryable}`,
  retry: (_, c) => `"retry":"${c.retry}"`,
  retryAfter: (_, c) => `"retryAfter":${JSON.stringify(c.retryAfter)}`,
  message: (_, c) => `"message":${JSON.stringify(c.message)}`,
  fix: (e, c) => `"fix":${e.recurring(c.fix)}`,
  requestId: (_, c) => `"requestId":${JSON.stringify(c.requestId)}`,
  fields: (_, c) => `"fields":${c.fields.length === 0 ? '[]' : JSON.stringify(c.fields)}`,
  details: (_, c) => `"details":${isEmpty(c.details) ? '{}' : JSON.stringify(c.details)}`,
  attempts: (e, _, attempts) => `"attempts":[${e.attemptList(attempts)}]`,
  source: (e, _, __, source) => `"source":{"input":${e.recurring(source.input)},"line":${source.line}}`,
};

/**
 * Encodes classifications as the JSON contract (or the chosen fields of it), one line each. The caches live
 * as long as the encoder (one run of classify), so nothing outlives the output it was built for.
 */
export class ClassificationEncoder {
  private readonly heads = new Map<string, Map<number, Buffer>>();
  private readonly fixes = new Map<string, Buffer>();
  private readonly strings = new Map<string, string>();
  private readonly writers: FieldWriter[] | null;

  /** `fields`: the contract fields to write (from parseFieldList); all of them when not given. */
  constructor(fields?: readonly ClassificationField[]) {
    const some = fields !== undefined && fields.length < CLASSIFICATION_FIELDS.length;
    this.writers = some ? fields.map((f) => WRITERS[f]) : null;
  }

  /** The JSON line of one exchange as byte and text segments, in the contract's field order, newline included. */
  segments(c: Classification, attempts: AttemptSummary[], source: SourceRef): (string | Buffer)[] {
    if (this.writers) return [`{${this.writers.map((w) => w(this, c, attempts, source)).join(',')}}\n`];
    // Each empty or null value is a constant, and each string that recurs is encoded once: the common cases of a
    // log line allocate only the two strings of its varying parts.
    return [
      this.head(c),
      `${c.retryAfter === null ? 'null' : JSON.stringify(c.retryAfter)},"message":${JSON.stringify(c.message)}`,
      this.fixPart(c.fix),
      `"requestId":${c.requestId === null ? 'null' : JSON.stringify(c.requestId)},"fields":${c.fields.length === 0 ? '[]' : JSON.stringify(c.fields)},` +
      `"details":${isEmpty(c.details) ? '{}' : JSON.stringify(c.details)},"attempts":[${this.attemptList(attempts)}],` +
      `"source":{"input":${this.recurring(source.input)},"line":${source.line}}}\n`,
    ];
  }

  /** The same line as one string, without the newline. */
  line(c: Classification, attempts: AttemptSummary[], source: SourceRef): string {
    return this.segments(c, attempts, source).map((s) => (typeof s === 'string' ? s : s.toString('utf8'))).join('').slice(0, -1);
  }

  /** JSON-encodes a string that recurs on many lines (codes, fixes, input names) once. */
  recurring(s: string | null): string {
    if (s === null) return 'null';
    let json = this.strings.get(s);
    if (json === undefined) {
      json = JSON.stringify(s);
      if (this.strings.size < MAX_CACHED) this.strings.set(s, json);
    }
    return json;
  }

  /** The `attempts` array's items, without the brackets. */
  attemptList(attempts: AttemptSummary[]): string {
    return attempts.length === 1 ? `{"status":${attempts[0].status},"code":${this.recurring(attempts[0].code)}}`
      : attempts.map((a) => `{"status":${a.status},"code":${this.recurring(a.code)}}`).join(',');
  }

  /** The fields from `ok` to `retryAfter":`, the same for every response with this code, status and rule. */
  private head(c: Classification): Buffer {
    const source = c.statusSource === null ? 0 : SOURCE_INDEX[c.statusSource];
    const key = ((c.status ?? 0) * 4 + source) * 16 + RETRY_INDEX[c.retry] * 4 + (c.ok ? 2 : 0) + (c.known ? 1 : 0);
    const code = c.code ?? '';
    let byKey = this.heads.get(code);
    if (!byKey) this.heads.set(code, (byKey = new Map()));
    let h = byKey.get(key);
    if (h === undefined) {
      h = Buffer.from(`{"ok":${c.ok},"status":${c.status},"statusSource":${c.statusSource === null ? 'null' : `"${c.statusSource}"`},` +
        `"code":${this.recurring(c.code)},"known":${c.known},` +
        `"retryable":${c.retryable},"retry":"${c.retry}","retryAfter":`);
      if (byKey.size < 256 && this.heads.size < MAX_CACHED) byKey.set(key, h);
    }
    return h;
  }

  private fixPart(fix: string | null): Buffer {
    const key = fix ?? '';
    let b = this.fixes.get(key);
    if (b === undefined) {
      b = Buffer.from(`,"fix":${fix === null ? 'null' : JSON.stringify(fix)},`);
      if (this.fixes.size < MAX_CACHED) this.fixes.set(key, b);
    }
    return b;
  }
}

function isEmpty(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return false;
  return true;
}
