import { StringDecoder } from 'node:string_decoder';

const MAX_KEY = 1024;

/**
 * Yields, one at a time and parsed, the elements of the array at `path` (keys from the top object, e.g.
 * ["interactions"] or ["log", "entries"]) of a JSON document read in chunks, and calls `onScalar` for the top
 * object's other short string and number values: a recording of any size is read in the memory of its largest
 * element. Throws when the document's nesting is broken.
 */
export async function* jsonArrayElements(
  source: AsyncIterable<Uint8Array | string>, path: readonly string[], onScalar?: (key: string, raw: string) => void,
): AsyncGenerator<unknown> {
  for await (const span of jsonArraySpans(source, [path], { scalar: onScalar })) yield JSON.parse(span.text);
}

/** One element of a target array: which path it is under, its text, and where that text lies in the stream. */
export interface ArraySpan {
  path: number;
  text: string;
  /** Offsets in the stream's characters: in bytes when the stream is decoded as latin1. */
  start: number;
  end: number;
}

/** What the reader is told besides the elements: the top object's short scalars, and each target array it opens. */
export interface SpanHooks {
  scalar?: (key: string, raw: string) => void;
  opened?: (path: number) => void;
}

/**
 * The elements of the arrays at any of `paths`, as text with their offsets, in document order (see
 * jsonArrayElements). Only the structure is read: fed latin1, every byte is one character and the offsets
 * are byte offsets of the file, which UTF-8 text cannot confuse (its multi-byte characters are all above 0x7f).
 */
export async function* jsonArraySpans(
  source: AsyncIterable<Uint8Array | string>, paths: readonly (readonly string[])[], hooks: SpanHooks = {},
): AsyncGenerator<ArraySpan> {
  const decoder = new StringDecoder('utf8');
  const stack: { array: boolean; key: string | null }[] = [];
  let inString = false;
  let escaped = false;
  let str: string[] = [];
  let strFrom = 0;
  let lastString = '';
  let capturing = false;
  let captureDepth = 0;
  let captureFrom = 0;
  let capturePath = 0;
  let spanStart = 0;
  let base = 0;
  let previousLength = 0;
  let parts: string[] = [];
  let scalar = '';
  const targetOf = () => paths.findIndex((path) => stack.length === path.length + 1 && stack[path.length].array &&
    path.every((key, j) => !stack[j].array && stack[j].key === key));
  const onScalar = hooks.scalar;
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    base += previousLength;
    previousLength = text.length;
    captureFrom = 0;
    strFrom = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        // Jump to the closing quote: a quote preceded by an odd number of backslashes is escaped.
        let q = text.indexOf('"', i);
        while (q !== -1 && backslashesBefore(text, q, i, escaped) % 2 === 1) q = text.indexOf('"', q + 1);
        if (q === -1) {
          escaped = backslashesBefore(text, text.length, i, escaped) % 2 === 1;
          i = text.length;
          break;
        }
        inString = false;
        escaped = false;
        i = q;
        if (!capturing) {
          str.push(text.slice(strFrom, i));
          lastString = str.join('').slice(0, MAX_KEY);
          str = [];
          if (stack.length === 1) scalar = JSON.stringify(lastString);
        }
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (!capturing && c !== ',' && c !== ']') {
        const target = targetOf();
        if (target !== -1) {
          capturing = true;
          capturePath = target;
          captureDepth = stack.length;
          captureFrom = i;
          spanStart = base + i;
          parts = [];
        }
      }
      if (c === '"') {
        inString = true;
        escaped = false;
        strFrom = i + 1;
        str = [];
        continue;
      }
      if (c === '{' || c === '[') {
        stack.push({ array: c === '[', key: null });
        if (c === '[' && !capturing && hooks.opened) {
          const opened = targetOf();
          if (opened !== -1) hooks.opened(opened);
        }
      }
      else if (c === '}' || c === ']') {
        if (stack.length === 0) throw new Error('unbalanced brackets');
        if (stack.length === 1 && scalar !== '') onScalar?.(stack[0].key ?? '', scalar);
        stack.pop();
      } else if (c === ':') {
        if (!capturing && stack.length > 0) stack[stack.length - 1].key = lastString;
        scalar = '';
      } else if (c === ',') {
        if (stack.length === 1 && scalar !== '') onScalar?.(stack[0].key ?? '', scalar);
        scalar = '';
      } else if (stack.length === 1 && scalar.length < MAX_KEY) scalar += c;
      if (!capturing) continue;
      // The element ends when its own container closes, or (for a scalar element) at the next , or ].
      const closedContainer = (c === '}' || c === ']') && stack.length === captureDepth;
      const endedScalar = (c === ',' && stack.length === captureDepth) || (c === ']' && stack.length === captureDepth - 1);
      if (closedContainer || endedScalar) {
        const end = closedContainer ? i + 1 : i;
        parts.push(text.slice(captureFrom, end));
        capturing = false;
        const raw = parts.join('');
        parts = [];
        yield { path: capturePath, text: raw, start: spanStart, end: base + end };
      }
    }
    if (inString && !capturing) str.push(text.slice(strFrom));
    if (capturing) parts.push(text.slice(captureFrom));
  }
  if (stack.length !== 0 || inString) throw new Error('the document ends before its brackets close');
}

/** Backslashes just before `end` (not before `from`); `carried` counts one left over from the previous chunk. */
function backslashesBefore(text: string, end: number, from: number, carried: boolean): number {
  let n = 0;
  let k = end - 1;
  while (k >= from && text[k] === '\\') {
    n++;
    k--;
  }
  return k < from && carried ? n + 1 : n;
}
