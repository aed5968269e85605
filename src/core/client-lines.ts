// Recognisers for what HTTP clients print around responses besides status lines and headers: verbose
// markers, progress meters, wget's own lines, request blocks, Python exceptions and curl's -w '%{json}'.
import { isObject } from './fields.js';
import { matchHeader } from './line-patterns.js';
import type { TransportFailure } from './types.js';

const PROGRESS_ROW = /^ *\d{1,3} +\S+ +\d{1,3} +\S+ +\d{1,3} +\S+ +\S+ +\S+ +[-:\d]+ +[-:\d]+ +[-:\d]+ +\S+ *$/;
const PROGRESS_HEAD = /^ *(?:% Total +% Received % Xferd|Dload +Upload +Total +Spent)\b/;
const CURL_DATA_COUNT = /^[{}] \[\d+ bytes data\]$/;
const WGET_NOISE = [
  /^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d-- {2}\S/, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:ERROR|\(.*\) - )/,
  /^(?:Resolving|Connecting to|Reusing existing connection to) .*\.\.\./, /^(?:HTTP|Proxy) request sent, awaiting response\.\.\./,
  /^Length: (?:\d|unspecified)/, /^Saving to: /, /^ +\d+K[ .]/, /^Retrying\.$/, /^Location: \S+ \[following\]$/,
  /^Read error at byte /, /^(?:FINISHED|Total wall clock time|Downloaded:) /,
];
const REQUEST_LINE = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT) \S+ HTTP\/\d(?:\.\d)?$/;
const STATUS_THEN_BODY = /^([1-5]\d\d)[ \t]+([{[].*)$/;
const PY_EXCEPTION = /^([A-Za-z_][\w.]*(?:Error|Exception|Timeout|Exhausted))(?:: (.*))?$/;
const PY_HTTP_ERROR = /^(\d{3}) (?:Client|Server) Error: (.*?)(?: for url: (\S+))?$/;
const AFTER_BODY = /^(?:HTTP\/\d(?:\.\d)? \d{3}\b|curl: \(\d+\) |Warning: |\* |\{"(?:certs|content_type)":|[1-5]\d\d\s*$)/;
const GLUED_STARTS = /HTTP\/\d(?:\.\d)? \d{3}\b|curl: \(\d+\) |Warning: Problem : |\* Connection #\d/;

const VERBOSE_FAILURES: [RegExp, number][] = [
  [/^\* Failed to connect to /, 7], [/^\* Could not resolve (?:host|proxy): /, 6], [/^\* (?:Operation|Connection) timed out/, 28],
  [/^\* Recv failure: /, 56], [/^\* Empty reply from server/, 52], [/^\* (?:OpenSSL|SSL|TLS) .*error/i, 35],
];

/** A curl -v info line that reports a failed transfer, as the exit code curl gives it (`curl -sv` prints no other). */
export function matchVerboseFailure(line: string): { exitCode: number; message: string } | null {
  for (const [re, exitCode] of VERBOSE_FAILURES) if (re.test(line)) return { exitCode, message: line.slice(2) };
  return null;
}

/** Drops the `\r`-separated updates of curl's progress meter from a line; returns what is left. */
export function stripProgress(line: string): string {
  if (!line.includes('\r')) return PROGRESS_HEAD.test(line) ? '' : line;
  const kept = line.split('\r').filter((part) => !PROGRESS_ROW.test(part) && !PROGRESS_HEAD.test(part));
  return kept.join('');
}

/** A line curl -v, wget -S or curl's progress meter writes that carries nothing about the response. */
export function isClientNoise(line: string, wget: boolean): boolean {
  if (CURL_DATA_COUNT.test(line)) return true;
  return wget && WGET_NOISE.some((re) => re.test(line));
}

/** True for the first line wget writes for a URL (`--2026-11-22 04:32:23--  http://...`). */
export function isWgetStart(line: string): boolean {
  return WGET_NOISE[0].test(line);
}

/** A request line (`GET /v1/orders HTTP/1.1`), as HTTPie `-p H` and curl -v (after `> `) print it. */
export function isRequestLine(line: string): boolean {
  return REQUEST_LINE.test(line);
}

/**
 * Notes a request line or header of a transcript (curl -v after `> `, HTTPie): the method, and an
 * Idempotency-Key, say whether repeating the request is safe.
 */
export function noteRequestPart(text: string, sink: { noteRequest(method: string): void; noteRequestHeader(name: string): void }): void {
  if (isRequestLine(text)) sink.noteRequest(text.slice(0, text.indexOf(' ')));
  else {
    const header = matchHeader(text);
    if (header) sink.noteRequestHeader(header.name);
  }
}

/** A status printed before a body on one line, as `print(r.status_code, r.text)` does: `429 {"error":...}`. */
export function matchStatusThenBody(line: string): { status: number; body: string } | null {
  const m = STATUS_THEN_BODY.exec(line);
  return m ? { status: Number(m[1]), body: m[2] } : null;
}

/** True for the line that opens a Python traceback. */
export function isTracebackStart(line: string): boolean {
  return line === 'Traceback (most recent call last):';
}

/** A Python exception line (`requests.exceptions.HTTPError: 503 Server Error: ...`), or null. */
export function matchPythonException(line: string): { name: string; message: string } | null {
  const m = PY_EXCEPTION.exec(line);
  return m ? { name: m[1], message: m[2] ?? '' } : null;
}

/** What a Python requests/urllib3/httpx exception says about the HTTP outcome, or null when it says nothing. */
export function pythonOutcome(name: string, message: string): { status: number } | { transport: TransportFailure } | null {
  const short = name.split('.').at(-1) ?? name;
  const http = short === 'HTTPError' || short === 'HTTPStatusError' ? PY_HTTP_ERROR.exec(message) ??
    /\b([45]\d\d)\b/.exec(message) : null;
  if (http) return { status: Number(http[1]) };
  const full = `${name}: ${message}`;
  const errno = /Connection refused|Errno 111\b/.test(full) ? 'ECONNREFUSED'
    : /Connection reset|Errno 104\b|RemoteDisconnected|Connection aborted/.test(full) ? 'ECONNRESET'
      : /Timeout|timed out/i.test(full) ? 'ETIMEDOUT'
        : /Name or service not known|nodename nor servname|getaddrinfo failed|Errno -[23]\b/.test(full) ? 'ENOTFOUND'
          : /SSLError|CERTIFICATE_VERIFY_FAILED/.test(full) ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : null;
  return errno ? { transport: { code: errno, message: full.length > 300 ? `${full.slice(0, 297)}...` : full } } : null;
}

/** The object curl writes for `-w '%{json}'`: its status, or its transport failure when none came back. */
export function readCurlWriteOut(json: unknown): { status: number | null; transport?: TransportFailure } | null {
  if (!isObject(json) || typeof json.http_code !== 'number' || !('url_effective' in json) || !('exitcode' in json)) return null;
  const exit = typeof json.exitcode === 'number' ? json.exitcode : 0;
  if (json.http_code === 0 && exit !== 0) {
    const message = typeof json.errormsg === 'string' ? json.errormsg : `curl exit code ${exit}`;
    return { status: null, transport: { code: `curl:${exit}`, message: `curl: (${exit}) ${message}` } };
  }
  return { status: json.http_code === 0 ? null : json.http_code };
}

/**
 * Where, in a line that continues a text body with no known length, something a client printed begins
 * (the next status line, a curl error or retry warning written straight after the body); -1 if nowhere.
 */
export function gluedStart(line: string): number {
  const m = GLUED_STARTS.exec(line);
  return m && m.index > 0 ? m.index : -1;
}

/** True when a line begins with something a client prints after a body, so a body cut before it is complete. */
export function startsClientLine(rest: string): boolean {
  return AFTER_BODY.test(rest);
}
