import { ResponseBlock } from './response-block.js';
import { ReaderBase } from './reader-base.js';
import { JsonDepthScanner, tryParseJson } from './json-scanner.js';
import { isCurlWarning, matchCurlError, matchHeader, matchStatusLine, matchTrailingStatus, splitGluedStatus } from './line-patterns.js';
import {
  gluedStart, isClientNoise, isRequestLine, isWgetStart, matchVerboseFailure, matchStatusThenBody, noteRequestPart,
  readCurlWriteOut, startsClientLine, stripProgress,
} from './client-lines.js';

export type { ReaderSink } from './reader-base.js';

const MAX_HEADER_LINES = 1_000;

/**
 * Turns the lines of a stream into exchanges, without being told which form it is: bare JSON bodies, NDJSON
 * and log records, `curl -i`/`-v`/`--retry` transcripts (a status line may follow a body on the same line),
 * wget -S and HTTPie transcripts, curl error and -w lines, Python exceptions.
 */
export class ExchangeReader extends ReaderBase {
  private block: ResponseBlock | null = null;
  /** How many spaces indent the header block being read (wget -S indents by two). */
  private headerIndent = 0;
  /** curl -v markers seen: `* ` and `> ` lines are the client's, not the body's. */
  private verbose = false;
  private wget = false;

  /** Feeds one line (without its newline); `n` is its 1-based line number. */
  line(raw: string, n: number): void {
    const crlf = raw.endsWith('\r');
    let text = crlf ? raw.slice(0, -1) : raw;
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.charCodeAt(0) === 32 || text.includes('\r')) {
      const kept = stripProgress(text);
      if (kept === '' && text !== '') return;
      text = kept;
    }
    this.dispatch(text, n, crlf);
  }

  protected inTranscript(): boolean {
    return this.verbose || this.wget;
  }

  /** Signals the end of input: flushes what is still open and reports empty input. */
  end(lastLine: number): void {
    this.flushVerboseFailure();
    if (this.state === 'json') {
      if (!this.overflowed) this.problem(this.pendingLine, 'truncated JSON: the document starting here never closes');
    } else if (this.state === 'text') this.finishText(null);
    else if (this.state === 'traceback') this.finishTraceback();
    else if (this.block) this.finishBlock(true);
    this.state = 'idle';
    this.group.flush();
    if (!this.sawAnything) {
      this.problem(Math.max(1, lastLine), 'no input: expected a JSON body, NDJSON, or the output of curl -i');
    }
  }

  protected dispatch(text: string, n: number, crlf: boolean): void {
    const c = text.charCodeAt(0);
    if (c === 60 && (text.length === 1 || text.charCodeAt(1) === 32) && this.state !== 'json' && this.state !== 'text') {
      this.verbose = true;
      return this.responseLine(text.slice(2), n, crlf);
    }
    if ((c === 42 || c === 62) && (text.length === 1 || text.charCodeAt(1) === 32) &&
      (this.verbose || this.state === 'idle' || this.state === 'headers')) {
      this.verbose = true;
      const failure = c === 42 ? matchVerboseFailure(text) : null;
      if (failure) {
        this.flushVerboseFailure();
        // Cut off mid-response: the failure, not the partial response, is the outcome.
        if (this.state === 'headers' || this.state === 'body') {
          this.block = null;
          this.state = 'idle';
        }
        this.verboseFailure = { ...failure, n };
      }
      if (c === 62) noteRequestPart(text.slice(2).trim(), this.group);
      return;
    }
    if ((c === 123 || c === 125 || this.wget) && isClientNoise(text, this.wget)) return;
    if (c === 32 && this.wget && text.startsWith('  HTTP/') && this.state !== 'json') return this.responseLine(text.slice(2), n, crlf, 2);
    return this.responseLine(text, n, crlf);
  }

  /** A line of the response side, with any `< ` or wget indent taken off. */
  private responseLine(text: string, n: number, crlf: boolean, indent = 0): void {
    switch (this.state) {
      case 'json': return this.jsonLine(text, n, crlf);
      case 'headers': return this.headerLine(text, n, crlf, indent);
      case 'body': return this.bodyLine(text, n, crlf);
      case 'text': return this.textLine(text, n, crlf);
      case 'request': return this.requestLine(text, n, crlf);
      case 'traceback': return this.tracebackLine(text, n, crlf);
      default: return this.idleLine(text, n, crlf, indent);
    }
  }

  protected idleLine(text: string, n: number, crlf: boolean, indent = 0): void {
    const t = text.trim();
    if (t === '') return;
    // A JSON document first: the common case of a log, and none of the client lines below starts so.
    const c = t.charCodeAt(0);
    if (c === 123 || c === 91) {
      const json = tryParseJson(t);
      if (json !== undefined) return this.bareBody(t, json, null, n);
      const glued = splitGluedStatus(t);
      const gluedJson = glued ? tryParseJson(glued.body) : undefined;
      if (glued && gluedJson !== undefined) return this.bareBody(glued.body, gluedJson, glued.status, n);
      this.beginPending('json', n);
      this.scanner = new JsonDepthScanner();
      return this.jsonLine(text, n, crlf);
    }
    if (isCurlWarning(t)) return this.group.noteRetryWarning(t);
    if (this.startsResponse(text, n, indent)) return;
    if (isWgetStart(text)) {
      this.wget = true;
      return;
    }
    if (isRequestLine(t)) {
      this.state = 'request';
      noteRequestPart(t, this.group);
      return;
    }
    if (this.traceback.takesLine(t, n)) {
      this.state = 'traceback';
      return;
    }
    const trailing = matchTrailingStatus(t);
    if (trailing !== null && this.group.setTrailingStatus(trailing)) return;
    const oneLine = matchStatusThenBody(t);
    const oneLineJson = oneLine ? tryParseJson(oneLine.body) : undefined;
    if (oneLine && oneLineJson !== undefined) return this.bareBody(oneLine.body, oneLineJson, oneLine.status, n);
    this.beginPending('text', n);
    this.textLine(text, n, crlf);
  }

  /** Handles status lines and curl error lines in any state; returns true when it took the line. */
  protected startsResponse(text: string, n: number, indent = 0): boolean {
    const status = matchStatusLine(text);
    if (status) this.flushVerboseFailure();
    else if (this.verboseFailure && matchCurlError(text)) this.verboseFailure = null;
    if (status) {
      this.closeCurrent();
      this.block = new ResponseBlock(status.status, n);
      this.state = 'headers';
      this.headerIndent = indent;
      if (indent > 0) this.wget = true;
      this.sawAnything = true;
      return true;
    }
    const curl = matchCurlError(text);
    if (!curl) return false;
    this.sawAnything = true;
    if (curl.exitCode === 22) {
      const code = /\b([1-5]\d\d)\b/.exec(curl.message);
      const failed = code ? Number(code[1]) : null;
      // With -i the response block is already here; the (22) line only repeats its status.
      if (this.block && failed === this.block.status) return true;
      this.closeCurrent();
      this.state = 'idle';
      if (failed !== null && this.group.setTrailingStatus(failed)) return true;
      this.group.addFailLine({ status: failed, headers: {}, body: '' }, n);
      return true;
    }
    // A transfer cut off mid-response: the transport failure, not the partial block, is the outcome.
    if (this.state === 'headers' || this.state === 'body') this.block = null;
    else this.closeCurrent();
    this.state = 'idle';
    const transport = { code: `curl:${curl.exitCode}`, message: text.trim() };
    this.group.addFramed({ status: null, headers: {}, body: '', transport }, n);
    return true;
  }

  private headerLine(text: string, n: number, crlf: boolean, indent: number): void {
    const block = this.block!;
    if (this.headerIndent > 0 && indent === 0) {
      if (!text.startsWith('  ')) {
        this.state = 'body';
        return this.bodyLine(text, n, crlf);
      }
      text = text.slice(2);
    }
    if (text.trim() === '') {
      this.state = 'body';
      return;
    }
    if (this.startsResponse(text, n, indent)) return;
    if ((text.startsWith(' ') || text.startsWith('\t')) && block.lastHeader) {
      block.headers[block.lastHeader] += ` ${text.trim()}`;
      return;
    }
    const header = matchHeader(text);
    if (!header || ++block.headerLines > MAX_HEADER_LINES) {
      if (header) this.problem(n, `header block starting at line ${block.line} has no end; the rest is read as its body`);
      this.state = 'body';
      return this.bodyLine(text, n, crlf);
    }
    const prev = block.headers[header.name];
    block.headers[header.name] = prev === undefined ? header.value : `${prev}, ${header.value}`;
    block.lastHeader = header.name;
  }

  private bodyLine(text: string, n: number, crlf: boolean): void {
    if (this.startsResponse(text, n)) return;
    if (isCurlWarning(text)) return this.group.noteRetryWarning(text);
    const block = this.block!;
    if (block.complete && text.startsWith('{"') && readCurlWriteOut(tryParseJson(text)) !== null) return;
    const cut = block.cutIndex(text, crlf);
    if (cut >= 0 && cut < text.length) {
      this.addBody(block, text.slice(0, cut), n, false);
      return this.dispatch(text.slice(cut), n, crlf);
    }
    this.addBody(block, text, n, crlf);
  }

  private addBody(block: ResponseBlock, text: string, n: number, crlf: boolean): void {
    if (!block.addBodyLine(text, crlf)) this.problem(n, `the body of the response at line ${block.line} is over 16 MB; the rest of it is skipped`);
  }

  /** Reads an HTTPie/curl request block (request line and headers) up to its blank line, noting its method. */
  private requestLine(text: string, n: number, crlf: boolean): void {
    if (text.trim() === '') this.state = 'idle';
    else if (matchStatusLine(text) || (!matchHeader(text) && !/^\s/.test(text))) {
      this.state = 'idle';
      this.dispatch(text, n, crlf);
    } else noteRequestPart(text.trim(), this.group);
  }

  private tracebackLine(text: string, n: number, crlf: boolean): void {
    if (this.traceback.takesLine(text, n)) return;
    this.state = 'idle';
    this.finishTraceback();
    this.dispatch(text, n, crlf);
  }

  /** Closes whatever is in progress before a new response starts. */
  private closeCurrent(): void {
    if (this.state === 'text') this.finishText(null);
    else if (this.block) this.finishBlock();
  }

  private finishBlock(atEnd = false): void {
    const { line, status } = this.block!;
    const attempt = this.block!.finish();
    this.block = null;
    if (attempt) this.group.addFramed(attempt, line);
    else if (atEnd) this.problem(line, `the input ends with an interim ${status} response; no final response follows it`);
  }
}
