import { ExchangeReader } from '../../src/core/exchange-reader.js';
import type { Exchange, InputProblem } from '../../src/core/types.js';

/** Runs the reader over a whole string, as the classify command does line by line. */
export function readAll(text: string, input = '-'): { exchanges: Exchange[]; problems: InputProblem[] } {
  const exchanges: Exchange[] = [];
  const problems: InputProblem[] = [];
  const reader = new ExchangeReader(input, { exchange: (e) => exchanges.push(e), problem: (p) => problems.push(p) });
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((l, i) => reader.line(l, i + 1));
  reader.end(lines.length);
  return { exchanges, problems };
}

/** Builds `curl -i` style output: status line, headers, blank line, body, with CRLF like the wire. */
export function curlI(status: string, headers: Record<string, string>, body = ''): string {
  const head = [status, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return `${head}\r\n\r\n${body}`;
}
