import type { PydanticError } from './pydantic.js';
import { readPage } from './pydantic.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 date-time as Pydantic accepts it: a date, a time, optional fraction and zone.
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reads query parameters, collecting a Pydantic-style error for each bad one. */
export class QueryReader {
  readonly errors: PydanticError[] = [];

  constructor(private readonly query: URLSearchParams) {}

  /** `limit` (1–100, default 50) and `offset` (default 0). */
  page(): { limit: number; offset: number } {
    const p = readPage(this.query);
    if (p.ok) return p;
    this.errors.push(...p.errors);
    return { limit: 50, offset: 0 };
  }

  /** A UUID; null when absent (an error when `required`). */
  uuid(name: string, required = false): string | null {
    const raw = this.query.get(name);
    if (raw === null) {
      if (required) this.errors.push({ type: 'missing', loc: ['query', name], msg: 'Field required', input: null });
      return null;
    }
    if (UUID.test(raw)) return raw.toLowerCase();
    this.errors.push({ type: 'uuid_parsing', loc: ['query', name], input: raw,
      msg: 'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]' });
    return null;
  }

  /** A number from `min` to `max`; null when absent. */
  number(name: string, min: number, max: number): number | null {
    const raw = this.query.get(name);
    if (raw === null) return null;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      this.errors.push({ type: 'float_parsing', loc: ['query', name], msg: 'Input should be a valid number, unable to parse string as a number', input: raw });
    } else if (n < min) {
      this.errors.push({ type: 'greater_than_equal', loc: ['query', name], msg: `Input should be greater than or equal to ${min}`, input: raw, ctx: { ge: min } });
    } else if (n > max) {
      this.errors.push({ type: 'less_than_equal', loc: ['query', name], msg: `Input should be less than or equal to ${max}`, input: raw, ctx: { le: max } });
    } else return n;
    return null;
  }

  /** Every value of a (repeatable) parameter that must be one of `allowed`. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T[] {
    const values = this.query.getAll(name);
    values.forEach((v, i) => {
      if (allowed.includes(v as T)) return;
      const expected = allowed.map((a) => `'${a}'`).join(', ');
      this.errors.push({ type: 'enum', loc: values.length > 1 ? ['query', name, i] : ['query', name], msg: `Input should be ${expected}`, input: v, ctx: { expected } });
    });
    return values.filter((v): v is T => allowed.includes(v as T));
  }

  /** An ISO 8601 date-time as epoch ms; null when absent. */
  datetime(name: string): number | null {
    const raw = this.query.get(name);
    if (raw === null) return null;
    const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) || !raw.includes('T') ? raw : `${raw}Z`);
    if (DATETIME.test(raw) && !Number.isNaN(ms)) return ms;
    this.errors.push({ type: 'datetime_from_date_parsing', loc: ['query', name], msg: 'Input should be a valid datetime or date, invalid character in year', input: raw });
    return null;
  }

  /** A free-text parameter; null when absent or blank. */
  text(name: string): string | null {
    const raw = this.query.get(name);
    return raw === null || raw.trim() === '' ? null : raw.trim();
  }
}
