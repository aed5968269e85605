// Recognisers for the lines that curl and similar tools write around response bodies.

const STATUS_LINE = /^HTTP\/(\d(?:\.\d)?) +(\d{3})(?: +(.*?))? *$/;
const CURL_ERROR = /^curl: \((\d+)\) ?(.*)$/;
const CURL_WARNING = /^Warning: /;
const TRAILING_STATUS = /^[1-5]\d\d$/;
const GLUED_STATUS = /^(.*[}\]>])([1-5]\d\d)$/;
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/** A parsed status line such as `HTTP/2 503 ` or `HTTP/1.1 404 Not Found`. */
export interface StatusLine {
  status: number;
  reason: string;
}

/** Reads an HTTP status line (HTTP/1.x, HTTP/2 and HTTP/3 forms, with or without reason). */
export function matchStatusLine(line: string): StatusLine | null {
  if (!line.startsWith('HTTP/')) return null;
  const m = STATUS_LINE.exec(line);
  return m ? { status: Number(m[2]), reason: m[3] ?? '' } : null;
}

/** Reads a curl error line such as `curl: (28) Operation timed out after 30001 milliseconds`. */
export function matchCurlError(line: string): { exitCode: number; message: string } | null {
  if (!line.startsWith('curl: (')) return null;
  const m = CURL_ERROR.exec(line);
  return m ? { exitCode: Number(m[1]), message: m[2] } : null;
}

/** True for curl's retry warnings (`Warning: Problem : HTTP error. Will retry in 2 seconds.`). */
export function isCurlWarning(line: string): boolean {
  return CURL_WARNING.test(line);
}

/** A status code alone on a line, as written by `curl -w '\n%{http_code}'`. */
export function matchTrailingStatus(line: string): number | null {
  const t = line.trim();
  return TRAILING_STATUS.test(t) ? Number(t) : null;
}

/** A body immediately followed by `-w '%{http_code}'` with no newline, e.g. `{"code":"X"}503`. */
export function splitGluedStatus(line: string): { body: string; status: number } | null {
  const m = GLUED_STATUS.exec(line.trimEnd());
  return m ? { body: m[1], status: Number(m[2]) } : null;
}

/** Reads a `Name: value` header line; the name is returned in lower case. */
export function matchHeader(line: string): { name: string; value: string } | null {
  const m = HEADER.exec(line);
  return m ? { name: m[1].toLowerCase(), value: m[2] } : null;
}

/** Status codes curl --retry treats as transient, so a later block is another attempt. */
export const CURL_RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504, 522, 524]);
