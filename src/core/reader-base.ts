import type { Attempt, Exchange, InputProblem } from './types.js';
import { ExchangeGrouper } from './exchange-grouper.js';
import { MAX_BODY_CHARS } from './response-block.js';
import { JsonDepthScanner, tryParseJson } from './json-scanner.js';
import { gluedStart, readCurlWriteOut, startsClientLine } from './client-lines.js';
import { isCurlWarning, matchCurlError, matchStatusLine, matchTrailingStatus } from './line-patterns.js';
import { PythonTraceback } from './python-traceback.js';
import { attemptFromRecord, isLogRecord, recordAsBody } from './log-record.js';

/** Where the reader sends what it understood and what it could not. */
export interface ReaderSink {
  exchange(exchange: Exchange): void;
  problem(problem: InputProblem): void;
  /** A whole HAR file or op-errors cassette read as one JSON document; without it the reader reports a problem. */
  recording?(json: Record<string, unknown>, line: number): void;
}

/** What the reader is in the middle of. */
export type ReaderState = 'idle' | 'headers' | 'body' | 'json' | 'text' | 'request' | 'traceback';

const MAX_TEXT_CHARS = 64 * 1024;

/**
 * The output side of the exchange reader: documents and text being collected, and what becomes of a
 * finished bare body (a log record's nested outcome, curl's -w object, a whole recording).
 */
export abstract class ReaderBase {
  protected state: ReaderState = 'idle';
  protected readonly group: ExchangeGrouper;
  protected pending: string[] = [];
  protected pendingChars = 0;
  protected pendingLine = 0;
  protected scanner = new JsonDepthScanner();
  protected readonly traceback = new PythonTraceback();
  protected sawAnything = false;
  /** The JSON document being read passed the cap: scan it to its end, keep nothing. */
  protected overflowed = false;
  /** A failure curl -v reported in an info line, held until a `curl: (N)` line confirms or replaces it. */
  protected verboseFailure: { exitCode: number; message: string; n: number } | null = null;

  constructor(protected readonly input: string, protected readonly sink: ReaderSink) {
    this.group = new ExchangeGrouper(input, (e) => sink.exchange(e));
  }

  /** True when nothing read so far changes how the next line is read: a new reader can go on from here. */
  atBoundary(): boolean {
    return this.state === 'idle' && this.verboseFailure === null && this.group.settled() && !this.inTranscript();
  }

  /** A curl -v or wget transcript is being read: its marks change how the lines after them are read. */
  protected abstract inTranscript(): boolean;
  /** Reads one line in the current state (after client prefixes are taken off). */
  protected abstract dispatch(text: string, n: number, crlf: boolean): void;
  /** Reads a line outside any response or document. */
  protected abstract idleLine(text: string, n: number, crlf: boolean): void;
  /** Takes a status line or curl error line; true when it did. */
  protected abstract startsResponse(text: string, n: number): boolean;

  protected jsonLine(text: string, n: number, crlf: boolean): void {
    if (this.pending.length > 0 && (matchStatusLine(text) || matchCurlError(text))) {
      this.problem(this.pendingLine, 'truncated JSON: the document starting here never closes');
      this.resetPending();
      this.startsResponse(text, n);
      return;
    }
    const end = this.scanner.feed(text);
    const rest = end === -1 ? '' : text.slice(end);
    // Another document or a client line glued after this one (curl -w '%{json}', the next status line).
    const cut = rest.trim() !== '' && (startsClientLine(rest) || /^\s*[{[]/.test(rest));
    this.pushPending(cut ? text.slice(0, end) : text, n);
    if (end === -1) return;
    const doc = this.pending.join('\n');
    const start = this.pendingLine;
    const skipped = this.overflowed;
    this.resetPending();
    const json = skipped ? undefined : tryParseJson(doc.trim());
    if (json !== undefined) this.bareBody(doc, json, null, start);
    else if (!skipped) this.problem(start, 'invalid JSON: the document starting here does not parse');
    if (cut) this.dispatch(rest.trimStart(), n, crlf);
  }

  protected textLine(text: string, n: number, crlf: boolean): void {
    if (this.pending.length > 0 && this.startsResponse(text, n)) return;
    const t = text.trimStart();
    const status = this.pending.length > 0 ? matchTrailingStatus(t) : null;
    if (status !== null) return this.finishText(status);
    // An object starts a new body even when it is broken; "[" also begins prose such as log prefixes.
    if (this.pending.length > 0 && (t.startsWith('{') || (t.startsWith('[') && tryParseJson(t) !== undefined))) {
      this.finishText(null);
      return this.idleLine(text, n, crlf);
    }
    const glued = gluedStart(text);
    if (glued > 0) {
      this.pushPending(text.slice(0, glued), n);
      this.finishText(null);
      return this.dispatch(text.slice(glued), n, crlf);
    }
    if (isCurlWarning(t)) {
      this.finishText(null);
      return this.group.noteRetryWarning(t);
    }
    this.pushPending(text, n);
  }

  /** Reports a line the line reader dropped (too long to hold); the reading goes on. */
  skipped(n: number, message: string): void {
    this.problem(n, message);
  }

  protected finishTraceback(): void {
    const done = this.traceback.finish();
    if (!done) return;
    this.sawAnything = true;
    if ('attempt' in done) this.group.addFramed(done.attempt, done.line);
    else this.problem(done.line, done.message);
  }

  protected bareBody(body: string, json: unknown, status: number | null, n: number): void {
    this.sawAnything = true;
    if (json !== null && typeof json === 'object' && !Array.isArray(json) && status === null) {
      const record = json as Record<string, unknown>;
      const writeOut = readCurlWriteOut(record);
      if (writeOut) return this.writeOut(writeOut, n);
      if (record.format === 'op-errors-cassette' || (typeof record.log === 'object' && record.log !== null &&
        Array.isArray((record.log as Record<string, unknown>).entries))) return this.recording(record, n);
      const nested = attemptFromRecord(record);
      if (nested) return this.group.addBare(nested, n);
      if (isLogRecord(record)) return this.group.addBare({ status, headers: {}, body, json: recordAsBody(record) }, n);
    }
    this.group.addBare({ status, headers: {}, body, json }, n);
  }

  /** curl's -w '%{json}' object: the status of the body before it, or an exchange of its own. */
  protected writeOut(out: { status: number | null; transport?: Attempt['transport'] }, n: number): void {
    if (out.transport) return this.group.addFramed({ status: null, headers: {}, body: '', transport: out.transport }, n);
    if (out.status !== null && this.group.setTrailingStatus(out.status)) return;
    if (out.status !== null && !this.group.lastStatusIs(out.status)) this.group.addBare({ status: out.status, headers: {}, body: '' }, n);
  }

  protected recording(json: Record<string, unknown>, n: number): void {
    if (this.sink.recording) return this.sink.recording(json, n);
    this.problem(n, 'this is a recording (a HAR file or an op-errors cassette): classify its calls with op-errors replay');
  }

  protected finishText(status: number | null): void {
    const body = this.pending.join('\n').trim();
    const line = this.pendingLine;
    this.resetPending();
    if (body === '') return;
    this.sawAnything = true;
    this.group.addBare({ status, headers: {}, body }, line);
  }

  protected beginPending(state: 'json' | 'text', n: number): void {
    this.state = state;
    this.pendingLine = n;
  }

  protected pushPending(text: string, n: number): void {
    if (this.overflowed) return;
    this.pendingChars += text.length + 1;
    if (this.pendingChars > (this.state === 'json' ? MAX_BODY_CHARS : MAX_TEXT_CHARS)) {
      // Past the cap the document is still scanned to its end, so the lines after it are read as usual.
      if (this.state === 'json') {
        this.problem(this.pendingLine, "JSON document too large (over 16 MB): skipped to its end");
        this.pending = [];
        this.overflowed = true;
      }
      return;
    }
    this.pending.push(text);
  }

  protected resetPending(): void {
    this.pending = [];
    this.pendingChars = 0;
    this.overflowed = false;
    this.state = 'idle';
  }

  protected problem(line: number, message: string): void {
    this.sawAnything = true;
    this.sink.problem({ input: this.input, line, message });
  }

  /** A failure curl -v reported in an info line: an attempt, unless a `curl: (N)` line says it again. */
  protected flushVerboseFailure(): void {
    const f = this.verboseFailure;
    if (!f) return;
    this.verboseFailure = null;
    this.sawAnything = true;
    this.group.addFramed({ status: null, headers: {}, body: '', transport: { code: `curl:${f.exitCode}`, message: f.message } }, f.n);
  }
}
