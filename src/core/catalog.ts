import type { FieldFixRow } from './field-fixes.js';
import type { CatalogEntry, RetryStrategy } from './types.js';

/** Upper-cases a code and turns spaces and dashes into underscores: "order-not-found" → ORDER_NOT_FOUND. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]+/g, '_');
}

const MAX_SPELLINGS = 4096;

/** A set of catalog entries with lookups by code, alias and HTTP status. */
export class Catalog {
  private readonly byCode = new Map<string, CatalogEntry>();
  private readonly byAlias = new Map<string, CatalogEntry>();
  /** Codes as the inputs spell them, looked up once: a log repeats a handful of them on every line. */
  private readonly spelled = new Map<string, CatalogEntry | null>();

  constructor(
    private readonly entries: readonly CatalogEntry[],
    private readonly genericCodes: Readonly<Record<number, string>>,
    /** The docs' per-field fixes, keyed by Pydantic error type and location. */
    readonly fieldFixes: readonly FieldFixRow[] = [],
  ) {
    for (const e of entries) this.byCode.set(normalizeCode(e.code), e);
    for (const e of entries) {
      for (const a of e.aliases ?? []) this.byAlias.set(normalizeCode(a), e);
    }
  }

  /** Every entry, in catalog order. */
  all(): readonly CatalogEntry[] {
    return this.entries;
  }

  /** The entry for a code or one of its aliases, case-insensitively. */
  get(code: string): CatalogEntry | undefined {
    const exact = this.byCode.get(code);
    if (exact) return exact;
    const known = this.spelled.get(code);
    if (known !== undefined) return known ?? undefined;
    const key = normalizeCode(code);
    const entry = this.byCode.get(key) ?? this.byAlias.get(key);
    if (this.spelled.size < MAX_SPELLINGS) this.spelled.set(code, entry ?? null);
    return entry;
  }

  /** The generic entry for an HTTP status (404 → NOT_FOUND), if the catalog has one. */
  generic(status: number): CatalogEntry | undefined {
    const code = this.genericCodes[status];
    return code === undefined ? undefined : this.byCode.get(code);
  }

  /** Every entry documented with this status, the generic one first. */
  withStatus(status: number): CatalogEntry[] {
    const generic = this.generic(status);
    const rest = this.entries.filter((e) => e.status === status && e !== generic);
    return generic ? [generic, ...rest] : rest;
  }

  /** Codes that look like a mistyped `query`, closest first. */
  suggest(query: string, max = 3): string[] {
    const q = normalizeCode(query);
    if (q === '') return [];
    const scored = this.entries.map((e) => {
      const code = e.code;
      const names = [code, ...(e.aliases ?? [])].map(normalizeCode);
      let score = Math.min(...names.map((n) => editDistance(q, n)));
      if (names.some((n) => n.includes(q) || (q.length >= 4 && q.includes(n)))) score = Math.min(score, 1.5);
      return { code, score };
    });
    const limit = Math.max(2, Math.floor(q.length / 3));
    return scored.filter((s) => s.score <= limit).sort((a, b) => a.score - b.score || a.code.localeCompare(b.code))
      .slice(0, max).map((s) => s.code);
  }

  /** A new catalog with `extra` entries added, or replacing entries with the same code. */
  extend(extra: readonly CatalogEntry[]): Catalog {
    const replaced = new Set(extra.map((e) => normalizeCode(e.code)));
    const kept = this.entries.filter((e) => !replaced.has(normalizeCode(e.code)));
    return new Catalog([...kept, ...extra], this.genericCodes, this.fieldFixes);
  }
}

/** The retry rule for a status with no catalog entry: server faults are transient, others are not. */
export function fallbackRetry(status: number | null): RetryStrategy {
  if (status === null) return 'none';
  return status >= 500 && status !== 501 && status !== 505 ? 'backoff' : 'none';
}

/** The fix for a status with no catalog entry. */
export function fallbackFix(status: number | null, location?: string): string {
  if (status === null) {
    return 'The response gives no HTTP status or known code: look the code up in the API\'s documentation, or pass ' +
      'the status with --status (or pipe the output of curl -i) so op-errors can apply its rule.';
  }
  if (status >= 300 && status < 400) {
    return `The server redirected the request${location ? ` to ${location}` : ''}: send it to that URL ` +
      '(curl -L follows redirects) and update the base URL if the move is permanent.';
  }
  if (status >= 500) {
    return `The server failed with HTTP ${status}: retry with exponential backoff and, if it persists, ` +
      'contact support with the request id.';
  }
  return `The server rejected the request with HTTP ${status}: correct the request before sending it again.`;
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
