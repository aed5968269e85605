import type { Attempt } from './types.js';
import { isTracebackStart, matchPythonException, pythonOutcome } from './client-lines.js';

const CHAINED = /^(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)$/;

/** What a finished traceback said: the outcome of its last exception, or why there is none. */
export type TracebackResult = { attempt: Attempt; line: number } | { message: string; line: number };

/**
 * Follows a Python traceback (frames, chained exceptions) to its last exception line, which alone says what
 * happened: `requests.exceptions.HTTPError: 503 Server Error: ...` or a connection failure.
 */
export class PythonTraceback {
  private last: { name: string; message: string; line: number } | null = null;
  private open = false;

  /** Takes a line that belongs to a traceback (or is a lone exception line that names an HTTP outcome). */
  takesLine(text: string, n: number): boolean {
    if (isTracebackStart(text) || CHAINED.test(text)) {
      this.open = true;
      return true;
    }
    if (this.open && (text.trim() === '' || /^\s/.test(text))) return true;
    const exception = matchPythonException(text.trimEnd());
    if (exception && (this.open || pythonOutcome(exception.name, exception.message))) {
      this.open = true;
      this.last = { ...exception, line: n };
      return true;
    }
    return false;
  }

  /** Ends the traceback; null when it held no exception line at all. */
  finish(): TracebackResult | null {
    const last = this.last;
    this.last = null;
    this.open = false;
    if (!last) return null;
    const outcome = pythonOutcome(last.name, last.message);
    if (!outcome) {
      return { line: last.line, message: `a Python ${last.name} that names no HTTP status or network failure; nothing to classify` };
    }
    const attempt: Attempt = 'status' in outcome
      // The exception's text is the body: "503 Server Error: Service Unavailable for url: ..." (query left out).
      ? { status: outcome.status, headers: {}, body: last.message.replace(/\?\S*/, '') }
      : { status: null, headers: {}, body: '', transport: outcome.transport };
    return { attempt, line: last.line };
  }
}
