import type { Attempt } from '../core/types.js';

// The reason phrases of the statuses a trace or a success line names; others show the bare number.
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 301: 'Moved Permanently', 302: 'Found',
  303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
};

/** The reason phrase of a success or redirect status, `OK` for another 2xx. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status < 300 ? 'OK' : '');
}

/** The request as curl -v shows it on stderr: `> GET /path HTTP/1.1`, the headers, then `>`. */
export function traceRequest(method: string, url: string, headers: Record<string, string>): string {
  const u = new URL(url);
  const lines = [`> ${method} ${u.pathname}${u.search} HTTP/1.1`, `> host: ${u.host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`> ${name}: ${value}`);
  return `${lines.join('\n')}\n>\n`;
}

/** The response as curl -v shows it: `< HTTP/1.1 200 OK`, the headers, then `<`; a transport failure in one line. */
export function traceResponse(a: Attempt): string {
  if (a.transport) return `* ${a.transport.message}\n`;
  const reason = a.status === null ? '' : reasonPhrase(a.status);
  const lines = [`< HTTP/1.1 ${a.status}${reason ? ` ${reason}` : ''}`];
  for (const [name, value] of Object.entries(a.headers)) lines.push(`< ${name}: ${value}`);
  return `${lines.join('\n')}\n<\n`;
}
