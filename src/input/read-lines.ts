import { StringDecoder } from 'node:string_decoder';

/** The longest line kept, in characters; a longer one is read to its end and dropped, so memory stays flat. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** The problem reported for a line over MAX_LINE_CHARS. */
export const LINE_TOO_LONG = `line over ${MAX_LINE_CHARS / 1024 / 1024} MB: skipped; the rest of the input is still read`;

/** What to call as lines are read. */
export interface LineHandlers {
  /** One line, without its newline; `n` is its 1-based number. */
  line(line: string, n: number): void;
  /** A line over MAX_LINE_CHARS was skipped (it still counts in the numbering). */
  tooLong?(n: number): void;
}

/**
 * Calls the handlers for every line of a byte stream without holding more than one line (at most
 * MAX_LINE_CHARS) in memory; `afterChunk` runs between chunks so output can drain. Lines are numbered from
 * `firstLine` (a part of a file read on its own); returns the number of the last one.
 */
export async function readLines(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  handlers: LineHandlers | ((line: string, n: number) => void),
  afterChunk?: () => Promise<void>,
  firstLine = 1,
): Promise<number> {
  const { line: onLine, tooLong } = typeof handlers === 'function' ? { line: handlers, tooLong: undefined } : handlers;
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let carried = 0;
  let skipping = false;
  let n = firstLine - 1;
  const overflow = () => {
    parts = [];
    carried = 0;
    if (!skipping) tooLong?.(n + 1);
    skipping = true;
  };
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    let nl = text.indexOf('\n');
    // Search only the new chunk for newlines: rescanning a long carried line would be quadratic.
    while (nl !== -1) {
      if (skipping || carried + nl - start > MAX_LINE_CHARS) {
        if (!skipping) overflow();
        skipping = false;
        n++;
      } else {
        const piece = text.slice(start, nl);
        const line = parts.length === 0 ? piece : parts.join('') + piece;
        parts = [];
        carried = 0;
        onLine(line, ++n);
      }
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length && !skipping) {
      carried += text.length - start;
      if (carried > MAX_LINE_CHARS) overflow();
      else parts.push(text.slice(start));
    }
    if (afterChunk) await afterChunk();
  }
  const tail = decoder.end();
  if (skipping) return n + 1;
  if (carried + tail.length > MAX_LINE_CHARS) {
    overflow();
    return n + 1;
  }
  const rest = parts.join('') + tail;
  if (rest !== '') onLine(rest, ++n);
  return n;
}
