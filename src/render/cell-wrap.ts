// How a table cell's text wraps: between words, as cli-table3 wraps it; a word longer than a whole line (a
// path, a code, an id) is broken after a '/', '-' or '_' near the edge where it has one, else at the edge.

const SPACES = /(\s+)/;
const SOFT_BREAK = /[/_-]/g;

/** Greedy word wrap that keeps the whitespace between words on a line; a word longer than a line is broken. */
export function wrapWords(text: string, room: number): string[] {
  const parts = text.split(SPACES);
  const lines: string[] = [];
  let line = '';
  let whitespace = '';
  for (let i = 0; i < parts.length; i += 2) {
    let word = parts[i];
    const joined = line === '' ? word : line + whitespace + word;
    if (joined.length <= room) line = joined;
    else {
      if (line !== '') lines.push(line);
      while (word.length > room) {
        const cut = breakPoint(word, room);
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    whitespace = parts[i + 1] ?? '';
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Where to break a word too long for `room`: after the last '/', '-' or '_' that keeps over a third of the line. */
function breakPoint(word: string, room: number): number {
  for (let at = room; at > room / 3; at--) if ('/-_'.includes(word[at - 1])) return at;
  return room;
}

/** The longest piece of text no wrap breaks without cutting it: a word, or a part of one between '/', '-' and '_'. */
export function longestPiece(text: string): number {
  let max = 0;
  for (const word of text.split(SPACES)) {
    if (word.length <= max) continue;
    let start = 0;
    for (const m of word.matchAll(SOFT_BREAK)) {
      max = Math.max(max, m.index + 1 - start);
      start = m.index + 1;
    }
    max = Math.max(max, word.length - start);
  }
  return max;
}
