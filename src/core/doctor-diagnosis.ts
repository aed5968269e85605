import { keyKind } from './connection.js';
import { readEnvelope } from './envelope.js';
import { isObject } from './fields.js';
import { tryParseJson } from './json-scanner.js';

/** One doctor check: what was checked, how it went and, when it failed, the fix and the command that shows more. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** A command that shows more about this failure. */
  more?: string;
  /** Passed, but with something to know (a key that opens only some endpoints); does not fail doctor. */
  warn?: boolean;
}

/** One request doctor sent and what came back (status null: a transport failure). */
export interface Probe {
  url: string;
  status: number | null;
  headers: Record<string, string>;
  body: string;
  transport?: { code: string; message: string };
  durationMs: number;
}

/** The API root every OpenProspect path lives under. */
export const API_ROOT = '/api/v1';

/** Why no HTTP answer came: the cause and what to do about it, from the error code. */
export function transportCause(code: string, host: string): { cause: string; fix: string } {
  if (/CERT|TLS|SSL|EPROTO|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)/.test(code)) {
    return { cause: `TLS failed with ${host} (${code})`,
      fix: 'the certificate is not trusted or the port does not speak TLS: check the scheme (https for api.openprospect.io, http for a local sandbox), and give a corporate CA with NODE_EXTRA_CA_CERTS=/path/ca.pem' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { cause: `the host name ${host} does not resolve (${code})`, fix: 'check the spelling of the host in the base URL, your DNS and VPN' };
  }
  if (code === 'ECONNREFUSED') return { cause: `nothing listens at ${host} (${code})`, fix: 'check the port in the base URL, or start the server (op-errors serve for the sandbox)' };
  if (/TIMEDOUT|TIMEOUT/.test(code)) {
    return { cause: `${host} did not answer in time (${code})`, fix: 'check your network, proxy (HTTPS_PROXY) and firewall; raise --timeout on a slow link' };
  }
  return { cause: `the connection to ${host} failed (${code})`, fix: 'check the base URL, your network and proxy' };
}

/** The failed connect check for a probe that got no HTTP answer. */
export function connectCheck(probe: Probe, host: string): Check {
  if (!probe.transport) return { name: 'connect', ok: true, detail: `${host} answered HTTP in ${probe.durationMs} ms` };
  const { cause, fix } = transportCause(probe.transport.code, host);
  return { name: 'connect', ok: false, detail: cause, fix, more: `op-errors explain ${probe.transport.code}` };
}

/** The outage check: a 5xx from the health probe or the key probe means the service, not the setup, is failing. */
export function serviceCheck(probes: readonly Probe[]): Check {
  const failing = probes.find((p) => p.status !== null && p.status >= 500);
  if (!failing) return { name: 'service', ok: true, detail: 'no server error' };
  const retryAfter = failing.headers['retry-after'];
  const code = codeOf(failing) ?? (/^\s*</.test(failing.body) ? 'an HTML error page (a proxy or gateway)' : null);
  return {
    name: 'service', ok: false,
    detail: `outage: ${pathOf(failing.url)} answered ${failing.status}${code ? ` ${code}` : ''}${retryAfter ? `, Retry-After ${retryAfter}` : ''}`,
    fix: 'the API is failing, not your setup: wait and run doctor again (the status page or support know more); retries with backoff ride it out',
    more: 'op-errors call GET /auth/validate --retry 5 -i',
  };
}

/**
 * The base-path check: OpenProspect serves everything under /api/v1, so a base URL with another path, or one
 * whose /auth/validate answers 404, points at the wrong place; `rootProbe` is the same request at /api/v1.
 */
export function basePathCheck(basePath: string, origin: string, validate: Probe, rootProbe: Probe | null): Check {
  const path = basePath.replace(/\/+$/, '') || '/';
  const rootWorks = rootProbe !== null && rootProbe.status !== null && rootProbe.status !== 404 && rootProbe.status < 500;
  if (validate.status !== 404 && path === API_ROOT) return { name: 'base path', ok: true, detail: `paths under ${API_ROOT}` };
  if (validate.status !== 404 && validate.status !== null) return { name: 'base path', ok: true, detail: `${path} answers GET /auth/validate` };
  const where = path === API_ROOT
    ? `${origin}${API_ROOT}/auth/validate answered 404: this server does not serve the OpenProspect API`
    : `the base URL's path is ${path}, and GET ${path === '/' ? '' : path}/auth/validate answered 404; OpenProspect's paths live under ${API_ROOT}`;
  return {
    name: 'base path', ok: false,
    detail: rootWorks ? `${where} (GET ${API_ROOT}/auth/validate answered ${rootProbe?.status})` : where,
    fix: path === API_ROOT ? `check the host: the API is https://api.openprospect.io${API_ROOT}` : `use --base-url ${origin}${API_ROOT}`,
    more: `op-errors call GET /auth/validate --base-url ${origin}${API_ROOT} -i`,
  };
}

/** The key-set check: the variable holds something shaped like an OpenProspect key. */
export function keySetCheck(keyEnv: string, key: string): Check {
  if (!key) {
    return { name: 'key set', ok: false, detail: `${keyEnv} is not set`,
      fix: `export ${keyEnv}=lnc_live_... (create a key in Settings > Developer > API Keys)`, more: 'op-errors explain UNAUTHORIZED' };
  }
  const kind = keyKind(key);
  if (kind === null) {
    return { name: 'key set', ok: false, detail: `${keyEnv} is set but does not look like lnc_live_... or lnc_test_...`,
      fix: 'copy the whole key again: no quotes, spaces or line breaks, prefix included', more: 'op-errors explain TOKEN_INVALID' };
  }
  return { name: 'key set', ok: true, detail: `${keyEnv} holds a ${kind} key (${key.length} characters)` };
}

/** The key check from the answer to GET /auth/validate: valid with its scopes, or why it was refused. */
export function keyValidCheck(validate: Probe): { check: Check; scopes: string[] | null } {
  const parsed = tryParseJson(validate.body);
  if (validate.status === 200 && isObject(parsed) && Array.isArray(parsed.scopes)) {
    const scopes = parsed.scopes.map(String);
    return { check: { name: 'key valid', ok: true, detail: `active, scopes ${scopes.join(', ') || '(none)'}` }, scopes };
  }
  const env = readEnvelope(parsed);
  const reason = String(env.details.reason ?? '') + ' ' + (env.message ?? '');
  const said = `GET /auth/validate answered ${validate.status}${env.code ? ` ${env.code}` : ''}${env.message ? `: ${env.message}` : ''}`;
  const more = 'op-errors call GET /auth/validate -i';
  const renew = 'create a new key in Settings > Developer > API Keys and update OPENPROSPECT_API_KEY';
  let check: Check;
  if (validate.status === 401 && /revoked/i.test(reason)) check = { name: 'key valid', ok: false, detail: `the key was revoked (${said})`, fix: `${renew}; ask who revoked it and why`, more };
  else if (validate.status === 401 && /expired/i.test(reason)) {
    const when = typeof env.details.expired_at === 'string' ? ` on ${env.details.expired_at}` : '';
    check = { name: 'key valid', ok: false, detail: `the key expired${when} (${said})`, fix: `${renew}, with a later expiration`, more };
  } else if (validate.status === 401) {
    check = { name: 'key valid', ok: false, detail: `the key is not known (${said})`,
      fix: `copy the whole key again (lnc_live_ or lnc_test_ prefix, no quotes), check that it belongs to this environment, or ${renew}`, more };
  } else if (validate.status === 429) {
    check = { name: 'key valid', ok: false, detail: `the key's rate limit is spent (${said})`, fix: 'wait for the window to reset (Retry-After) and run doctor again', more };
  } else check = { name: 'key valid', ok: false, detail: `unexpected answer (${said})`, fix: 'read the whole answer', more };
  return { check, scopes: null };
}

/** The clock check: a skewed clock misreads HTTP-date waits such as Retry-After. */
export function clockCheck(serverDate: string | undefined, now: number, maxSkewS = 5): Check | null {
  const date = Date.parse(serverDate ?? '');
  if (Number.isNaN(date)) return null;
  const skew = Math.round((now - date) / 1000);
  if (Math.abs(skew) <= maxSkewS) return { name: 'clock', ok: true, detail: `within ${Math.max(1, Math.abs(skew))} s of the server's clock` };
  return { name: 'clock', ok: false, detail: `${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the server's clock`,
    fix: 'synchronise the clock (NTP, timedatectl set-ntp true): HTTP-date Retry-After waits are read against it', more: 'date -u; curl -sI https://api.openprospect.io/health | grep -i ^date' };
}

/** The scopes check: each endpoint the key's scopes leave closed, with the scope it needs; a warning, not a failure. */
export function scopesCheck(scopes: readonly string[], endpoints: readonly { method: string; path: string; scopes: readonly string[] }[]): Check {
  const closed = endpoints.filter((e) => !e.scopes.every((s) => scopes.includes(s)));
  if (closed.length === 0) return { name: 'scopes', ok: true, detail: `every one of the ${endpoints.length} endpoints is open to this key` };
  const lacking = [...new Set(closed.flatMap((e) => e.scopes.filter((s) => !scopes.includes(s))))];
  const shown = closed.slice(0, 3).map((e) => `${e.method} ${e.path} needs ${e.scopes.join(' + ')}`).join('; ');
  return {
    name: 'scopes', ok: true, warn: true,
    detail: `${closed.length} of ${endpoints.length} endpoints closed (${shown}${closed.length > 3 ? '; ...' : ''})`,
    fix: `if you call them, use a key with ${lacking.join(', ')} (Settings > Developer > API Keys)`, more: 'op-errors doctor --json lists every endpoint',
  };
}

function codeOf(probe: Probe): string | null {
  const parsed = tryParseJson(probe.body);
  return parsed === undefined ? null : readEnvelope(parsed).code;
}

function pathOf(url: string): string {
  const m = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(url);
  return m?.[1] ?? url;
}
