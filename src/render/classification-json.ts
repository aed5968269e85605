import type { Classification } from '../core/types.js';
import type { AttemptSummary, SourceRef } from './classification-types.js';

// classify --json writes one of these per log line; the parts that repeat for every line with the same code
// (the head fields and the fix, two thirds of the bytes) are encoded once and copied as bytes.

const RETRY_INDEX = { none: 0, backoff: 1, reauth: 2, refresh: 3 } as const;
const SOURCE_INDEX = { input: 1, option: 2, catalog: 3 } as const;
const MAX_CACHED = 4096;

/**
 * Encodes classifications as the JSON contract, one line each. The caches live as long as the encoder
 * (one run of classify), so nothing outlives the output it was built for.
 */
export class ClassificationEncoder {
  private readonly heads = new Map<string, Map<number, Buffer>>();
  private readonly fixes = new Map<string, Buffer>();
  private readonly strings = new Map<string, string>();

  /** The JSON line of one exchange as byte and text segments, in the contract's field order, newline included. */
  segments(c: Classification, attempts: AttemptSummary[], source: SourceRef): (string | Buffer)[] {
    const att = attempts.length === 1 ? `{"status":${attempts[0].status},"code":${this.recurring(attempts[0].code)}}`
      : attempts.map((a) => `{"status":${a.status},"code":${this.recurring(a.code)}}`).join(',');
    return [
      this.head(c),
      `${JSON.stringify(c.retryAfter)},"message":${JSON.stringify(c.message)}`,
      this.fixPart(c.fix),
      `"requestId":${JSON.stringify(c.requestId)},"fields":${c.fields.length === 0 ? '[]' : JSON.stringify(c.fields)},` +
      `"details":${isEmpty(c.details) ? '{}' : JSON.stringify(c.details)},"attempts":[${att}],` +
      `"source":{"input":${this.recurring(source.input)},"line":${source.line}}}\n`,
    ];
  }

  /** The same line as one string, without the newline. */
  line(c: Classification, attempts: AttemptSummary[], source: SourceRef): string {
    return this.segments(c, attempts, source).map((s) => (typeof s === 'string' ? s : s.toString('utf8'))).join('').slice(0, -1);
  }

  /** JSON-encodes a string that recurs on many lines (codes, input names) once. */
  private recurring(s: string | null): string {
    if (s === null) return 'null';
    let json = this.strings.get(s);
    if (json === undefined) {
      json = JSON.stringify(s);
      if (this.strings.size < MAX_CACHED) this.strings.set(s, json);
    }
    return json;
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
