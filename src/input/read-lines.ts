import { StringDecoder } from 'node:string_decoder';

/**
 * Calls `onLine` for every line of a byte stream without holding more than one line in memory;
 * `afterChunk` runs between chunks so output can drain. Returns the number of lines.
 */
export async function readLines(
  source: AsyncIterable<Uint8Array | string>,
  onLine: (line: string, n: number) => void,
  afterChunk?: () => Promise<void>,
): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let n = 0;
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    let nl = text.indexOf('\n');
    // Search only the new chunk for newlines: rescanning a long carried line would be quadratic.
    while (nl !== -1) {
      const piece = text.slice(start, nl);
      const line = parts.length === 0 ? piece : parts.join('') + piece;
      parts = [];
      onLine(line, ++n);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) parts.push(text.slice(start));
    if (afterChunk) await afterChunk();
  }
  const rest = parts.join('') + decoder.end();
  if (rest !== '') onLine(rest, ++n);
  return n;
}
