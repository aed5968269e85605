import type { Attempt } from './types.js';
import { JsonDepthScanner } from './json-scanner.js';
import { gluedStart, startsClientLine } from './client-lines.js';
import { matchTrailingStatus, splitGluedStatus } from './line-patterns.js';

/** The most of one body the reader keeps; the rest is read and dropped, so memory stays flat. */
export const MAX_BODY_CHARS = 16 * 1024 * 1024;

/** A response being read from curl -i output: its status line, headers, then body lines. */
export class ResponseBlock {
  readonly headers: Record<string, string> = {};
  lastHeader: string | null = null;
  headerLines = 0;
  /** Set once the body is known to be whole (its Content-Length reached, or its JSON closed). */
  complete = false;
  private readonly body: string[] = [];
  private bodyChars = 0;
  private bodyBytes = 0;
  private scanner: JsonDepthScanner | null = null;
  private sawBody = false;

  constructor(readonly status: number, readonly line: number) {}

  /**
   * Where in this body line the body ends and something else a client printed begins (curl writes the next
   * status line straight after a body): at the Content-Length when the bytes match, else where the JSON
   * body closes, else (text of unknown length) where a status line or curl message starts. -1 for none.
   */
  cutIndex(text: string, crlf: boolean): number {
    if (this.complete) return -1;
    const length = Number(this.headers['content-length']);
    if (this.headers['content-length'] !== undefined && Number.isInteger(length) && !this.headers['transfer-encoding']) {
      const need = length - this.bodyBytes;
      const lineBytes = Buffer.byteLength(text) + (crlf ? 2 : 1);
      if (need >= 0 && need < lineBytes) {
        const at = charIndexOfByte(text, need);
        if (at === text.length || (at > 0 && startsClientLine(text.slice(at)))) {
          this.complete = true;
          return at;
        }
      }
    }
    const t = this.sawBody ? text : text.trimStart();
    if (!this.sawBody && t !== '') {
      this.sawBody = true;
      if (t[0] === '{' || t[0] === '[') this.scanner = new JsonDepthScanner();
    }
    if (this.scanner) {
      const end = this.scanner.feed(text);
      if (end === -1) return -1;
      this.scanner = null;
      this.complete = true;
      return end < text.length && startsClientLine(text.slice(end)) ? end : -1;
    }
    return this.sawBody ? gluedStart(text) : -1;
  }

  /** Keeps a body line; false the first time the body passes the cap (the rest is read but not kept). */
  addBodyLine(text: string, crlf = false): boolean {
    this.bodyBytes += Buffer.byteLength(text) + (crlf ? 2 : 1);
    this.bodyChars += text.length + 1;
    if (this.bodyChars <= MAX_BODY_CHARS) this.body.push(text);
    return this.bodyChars <= MAX_BODY_CHARS || this.bodyChars - text.length - 1 > MAX_BODY_CHARS;
  }

  /**
   * The finished response, with a trailing `-w '%{http_code}'` status taken off the body; null for an
   * interim 1xx response.
   */
  finish(): Attempt | null {
    const lines = this.body;
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    let status = this.status;
    const last = lines.at(-1);
    const trailing = last === undefined ? null : matchTrailingStatus(last);
    if (trailing !== null) {
      lines.pop();
      status = trailing;
    } else if (last !== undefined) {
      const glued = splitGluedStatus(last);
      if (glued && glued.status === status) lines[lines.length - 1] = glued.body;
    }
    if (status >= 100 && status < 200) return null;
    return { status, headers: this.headers, body: lines.join('\n') };
  }
}

/** The index of the character that starts at byte `bytes` of the line's UTF-8 form (its length past the end). */
function charIndexOfByte(text: string, bytes: number): number {
  if (Buffer.byteLength(text) === text.length) return Math.min(bytes, text.length);
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    if (used >= bytes) return i;
    const c = text.codePointAt(i)!;
    used += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c >= 0x10000) i++;
  }
  return text.length;
}
