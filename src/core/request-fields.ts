import { UsageError } from './errors.js';

/** One `-f key=value` or `-F key=value` field, with its key split into a path (`a[b][]` → a, b, []). */
export interface RequestField {
  /** The key as written, for query strings. */
  key: string;
  path: string[];
  value: unknown;
}

const KEY_PART = /\[([^\]]*)\]/g;

/**
 * Reads a field as `gh api` does: -f keeps the value a string; -F turns true, false, null and integers
 * into JSON values (`@file` is read by the caller, which passes the text as `fileText`).
 */
export function parseField(text: string, typed: boolean, fileText?: (path: string) => string): RequestField {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`${typed ? '-F/--field' : '-f/--raw-field'} takes key=value, got '${text}'`);
  const key = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  const head = /^[^[]+/.exec(key)?.[0];
  const rest = key.slice(head?.length ?? 0);
  if (!head || rest.replace(KEY_PART, '') !== '') throw new UsageError(`field key '${key}' is not name, name[sub] or name[]`);
  const path = [head, ...[...rest.matchAll(KEY_PART)].map((m) => (m[1] === '' ? '[]' : m[1]))];
  return { key, path, value: typed ? typedValue(raw, fileText) : raw };
}

function typedValue(raw: string, fileText?: (path: string) => string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d{1,15}$/.test(raw)) return Number(raw);
  if (raw.startsWith('@') && fileText) return fileText(raw.slice(1));
  return raw;
}

/** The JSON object the fields describe: nested keys become objects, `[]` appends to an array. */
export function fieldsObject(fields: readonly RequestField[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const f of fields) {
    let node: Record<string, unknown> | unknown[] = root;
    f.path.forEach((part, i) => {
      const last = i === f.path.length - 1;
      const next = last ? f.value : f.path[i + 1] === '[]' ? [] : {};
      if (Array.isArray(node)) {
        if (part !== '[]') throw new UsageError(`field '${f.key}': cannot mix [] and named keys`);
        node.push(next);
        node = next as Record<string, unknown>;
        return;
      }
      if (part === '[]') throw new UsageError(`field '${f.key}': [] must follow a name`);
      if (last) node[part] = next;
      else {
        const existing = node[part];
        const fits = Array.isArray(next) ? Array.isArray(existing) : typeof existing === 'object' && existing !== null && !Array.isArray(existing);
        if (existing !== undefined && !fits) throw new UsageError(`field '${f.key}' conflicts with an earlier field`);
        node[part] = existing ?? next;
      }
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}
