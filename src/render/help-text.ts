import { wrap } from './words.js';

const COMMENT = /^(\s*\$ .*?)\s+(# .*)$/;

/**
 * Fits a help section to `width`: prose paragraphs are re-wrapped, indented lists get a hanging indent, and
 * an example too long for the line puts its comment above it and continues the command with ` \`, so the
 * text stays a command the shell runs.
 */
export function fitHelp(text: string, width: number): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const paragraph = proseAt(lines, i);
    if (paragraph > 1) {
      // A paragraph written for a wider screen is re-wrapped whole, not line by line.
      const block = lines.slice(i, i + paragraph);
      out.push(...(block.some((l) => l.length > width) ? wrap(block.join(' '), width).split('\n') : block));
      i += paragraph - 1;
      continue;
    }
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    if (/^\s*\$ /.test(line)) {
      out.push(...fitExample(line, width));
      continue;
    }
    const indent = /^\s*/.exec(line)![0];
    const hanging = /^(\s*\S+\s{2,})/.exec(line)?.[1].replace(/\S/g, ' ') ?? indent;
    out.push(indent + wrap(line.slice(indent.length), width, hanging));
  }
  return out.join('\n');
}

/**
 * How many lines of prose start at line `i`: unindented lines up to a blank or indented one, or up to one that
 * ends with ':'; a heading (a line ending with ':' over an indented block) stands alone.
 */
function proseAt(lines: readonly string[], i: number): number {
  const heading = (k: number) => lines[k].endsWith(':') && /^\s/.test(lines[k + 1] ?? '');
  let n = 0;
  while (i + n < lines.length && /^[^\s$]/.test(lines[i + n])) {
    if (n > 0 && heading(i + n)) break;
    n++;
    if (lines[i + n - 1].endsWith(':')) break;
  }
  return n;
}

function fitExample(line: string, width: number): string[] {
  const out: string[] = [];
  const comment = COMMENT.exec(line);
  let command = line;
  if (comment) {
    const indent = /^\s*/.exec(line)![0];
    out.push(`${indent}${wrap(comment[2], width, `${indent}# `)}`);
    command = comment[1];
  }
  const continuation = `${/^\s*/.exec(command)![0]}    `;
  while (command.length > width) {
    const cut = lastSpaceOutsideQuotes(command, width - 2);
    if (cut <= continuation.length + 4) break;
    out.push(`${command.slice(0, cut)} \\`);
    command = continuation + command.slice(cut + 1);
  }
  out.push(command);
  return out;
}

/** The last space at or before `limit` that is not inside quotes, where a ` \` continuation keeps the command intact. */
function lastSpaceOutsideQuotes(command: string, limit: number): number {
  let quote = '';
  let best = -1;
  for (let i = 0; i <= limit && i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ' ') best = i;
  }
  return best;
}
