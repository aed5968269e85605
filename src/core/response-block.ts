import type { Attempt } from './types.js';
import { matchTrailingStatus, splitGluedStatus } from './line-patterns.js';

const MAX_BODY_CHARS = 64 * 1024 * 1024;

/** A response being read from curl -i output: its status line, headers, then body lines. */
export class ResponseBlock {
  readonly headers: Record<string, string> = {};
  lastHeader: string | null = null;
  headerLines = 0;
  private readonly body: string[] = [];
  private bodyChars = 0;

  constructor(readonly status: number, readonly line: number) {}

  /** Keeps a body line; false the first time the body passes the cap (the rest is read but not kept). */
  addBodyLine(text: string): boolean {
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
