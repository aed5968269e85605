import type { Exchange, InputProblem } from './types.js';
import { ExchangeGrouper } from './exchange-grouper.js';
import { ResponseBlock } from './response-block.js';
import { JsonDepthScanner, tryParseJson } from './json-scanner.js';
import {
  isCurlWarning, matchCurlError, matchHeader, matchStatusLine, matchTrailingStatus,
  splitGluedStatus,
} from './line-patterns.js';

/** Where the reader sends what it understood and what it could not. */
export interface ReaderSink {
  exchange(exchange: Exchange): void;
  problem(problem: InputProblem): void;
}

const MAX_HEADER_LINES = 1_000;
const MAX_TEXT_CHARS = 64 * 1024;
const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;
type State = 'idle' | 'headers' | 'body' | 'json' | 'text';

/**
 * Turns the lines of a stream (bare JSON bodies, NDJSON, `curl -i`/`-D -` transcripts, curl error lines,
 * trailing `-w '%{http_code}'` lines) into exchanges, without being told which form it is.
 */
export class ExchangeReader {
  private state: State = 'idle';
  private block: ResponseBlock | null = null;
  private readonly group: ExchangeGrouper;
  private pending: string[] = [];
  private pendingChars = 0;
  private pendingLine = 0;
  private scanner = new JsonDepthScanner();
  private sawAnything = false;

  constructor(private readonly input: string, private readonly sink: ReaderSink) {
    this.group = new ExchangeGrouper(input, (e) => sink.exchange(e));
  }

  /** Feeds one line (without its newline); `n` is its 1-based line number. */
  line(raw: string, n: number): void {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    switch (this.state) {
      case 'json': return this.jsonLine(text, n);
      case 'headers': return this.headerLine(text, n);
      case 'body': return this.bodyLine(text, n);
      case 'text': return this.textLine(text, n);
      default: return this.idleLine(text, n);
    }
  }

  /** Signals the end of input: flushes what is still open and reports empty input. */
  end(lastLine: number): void {
    if (this.state === 'json') {
      this.problem(this.pendingLine, 'truncated JSON: the document starting here never closes');
    } else if (this.state === 'text') this.finishText();
    else if (this.block) this.finishBlock();
    this.state = 'idle';
    this.group.flush();
    if (!this.sawAnything) {
      this.problem(Math.max(1, lastLine), 'no input: expected a JSON body, NDJSON, or the output of curl -i');
    }
  }

  private idleLine(text: string, n: number): void {
    const t = text.trim();
    if (t === '' || isCurlWarning(t)) return;
    if (this.startsResponse(text, n)) return;
    const trailing = matchTrailingStatus(t);
    if (trailing !== null && this.group.setTrailingStatus(trailing)) return;
    const c = t.charCodeAt(0);
    if (c === 123 || c === 91) {
      const json = tryParseJson(t);
      if (json !== undefined) return this.bareBody(t, json, null, n);
      const glued = splitGluedStatus(t);
      const gluedJson = glued ? tryParseJson(glued.body) : undefined;
      if (glued && gluedJson !== undefined) return this.bareBody(glued.body, gluedJson, glued.status, n);
      this.beginPending('json', n);
      this.scanner = new JsonDepthScanner();
      return this.jsonLine(text, n);
    }
    this.beginPending('text', n);
    this.textLine(text, n);
  }

  /** Handles status lines and curl error lines in any state; returns true when it took the line. */
  private startsResponse(text: string, n: number): boolean {
    const status = matchStatusLine(text);
    if (status) {
      this.closeCurrent();
      this.block = new ResponseBlock(status.status, n);
      this.state = 'headers';
      this.sawAnything = true;
      return true;
    }
    const curl = matchCurlError(text);
    if (!curl) return false;
    this.sawAnything = true;
    if (curl.exitCode === 22) {
      const code = /\b([1-5]\d\d)\b/.exec(curl.message);
      // With -i the response block is already here; the (22) line only repeats its status.
      if (this.block && code && Number(code[1]) === this.block.status) return true;
      this.closeCurrent();
      this.state = 'idle';
      this.group.addFramed({ status: code ? Number(code[1]) : null, headers: {}, body: '' }, n);
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

  private headerLine(text: string, n: number): void {
    const block = this.block!;
    if (text.trim() === '') {
      this.state = 'body';
      return;
    }
    if (this.startsResponse(text, n)) return;
    if ((text.startsWith(' ') || text.startsWith('\t')) && block.lastHeader) {
      block.headers[block.lastHeader] += ` ${text.trim()}`;
      return;
    }
    const header = matchHeader(text);
    if (!header || ++block.headerLines > MAX_HEADER_LINES) {
      if (header) this.problem(n, `header block starting at line ${block.line} has no end; the rest is read as its body`);
      this.state = 'body';
      return this.bodyLine(text, n);
    }
    const prev = block.headers[header.name];
    block.headers[header.name] = prev === undefined ? header.value : `${prev}, ${header.value}`;
    block.lastHeader = header.name;
  }

  private bodyLine(text: string, n: number): void {
    if (this.startsResponse(text, n)) return;
    if (isCurlWarning(text)) return;
    const block = this.block!;
    if (!block.addBodyLine(text)) this.problem(n, `the body of the response at line ${block.line} is over 64 MB; the rest of it is skipped`);
  }

  private jsonLine(text: string, n: number): void {
    if (this.pending.length > 0 && (matchStatusLine(text) || matchCurlError(text))) {
      this.problem(this.pendingLine, 'truncated JSON: the document starting here never closes');
      this.resetPending();
      this.startsResponse(text, n);
      return;
    }
    this.pushPending(text, n);
    if (!this.scanner.feed(text)) return;
    const doc = this.pending.join('\n');
    const start = this.pendingLine;
    this.resetPending();
    const json = tryParseJson(doc.trim());
    if (json === undefined) this.problem(start, 'invalid JSON: the document starting here does not parse');
    else this.bareBody(doc, json, null, start);
  }

  private textLine(text: string, n: number): void {
    if (this.pending.length > 0 && this.startsResponse(text, n)) return;
    const t = text.trimStart();
    // An object starts a new body even when it is broken; "[" also begins prose such as log prefixes.
    if (this.pending.length > 0 && (t.startsWith('{') || (t.startsWith('[') && tryParseJson(t) !== undefined))) {
      this.finishText();
      return this.idleLine(text, n);
    }
    this.pushPending(text, n);
  }

  private bareBody(body: string, json: unknown, status: number | null, n: number): void {
    this.sawAnything = true;
    this.group.addBare({ status, headers: {}, body, json }, n);
  }

  private finishText(): void {
    const body = this.pending.join('\n').trim();
    const line = this.pendingLine;
    this.resetPending();
    if (body === '') return;
    this.sawAnything = true;
    this.group.addBare({ status: null, headers: {}, body }, line);
  }

  /** Closes whatever is in progress before a new response starts. */
  private closeCurrent(): void {
    if (this.state === 'text') this.finishText();
    else if (this.block) this.finishBlock();
  }

  private finishBlock(): void {
    const attempt = this.block!.finish();
    const line = this.block!.line;
    this.block = null;
    if (attempt) this.group.addFramed(attempt, line);
  }

  private beginPending(state: 'json' | 'text', n: number): void {
    this.state = state;
    this.pendingLine = n;
  }

  private pushPending(text: string, n: number): void {
    this.pendingChars += text.length + 1;
    if (this.pendingChars > (this.state === 'json' ? MAX_DOCUMENT_CHARS : MAX_TEXT_CHARS)) {
      if (this.state === 'json') {
        this.problem(this.pendingLine, 'JSON document too large (over 256 MB)');
        this.resetPending();
        this.state = 'text';
        this.pendingLine = n;
      }
      return;
    }
    this.pending.push(text);
  }

  private resetPending(): void {
    this.pending = [];
    this.pendingChars = 0;
    this.state = 'idle';
  }

  private problem(line: number, message: string): void {
    this.sawAnything = true;
    this.sink.problem({ input: this.input, line, message });
  }
}
