import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { clearTextRefusal } from '../core/clear-text.js';
import { UsageError } from '../core/errors.js';
import type { FileConfig } from '../core/config-schema.js';
import { findJsonError } from '../core/json-error.js';
import { headerSecrets, isSecretName, maskUserinfo, urlSecrets } from '../core/redact.js';
import { type RetryFlags, type RetryPolicy, resolvePolicy } from '../core/retry-policy.js';

/** The flags of `call`, as commander parsed them. */
export interface CallFlags extends RetryFlags {
  method: string;
  target: string;
  baseUrl?: string;
  data?: string;
  header: string[];
  query: string[];
  timeout?: number;
  auth: boolean;
  insecureHttp: boolean;
  idempotencyKey?: string;
}

/** A request ready to send, with the policy that governs its retries. */
export interface PreparedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  policy: RetryPolicy;
  idempotencyKey: boolean;
  /** Values that must never be printed: the API key and any credential header given with -H. */
  secrets: string[];
  warnings: string[];
}

/** Where `call` sends a path when nothing else is configured. */
export const DEFAULT_BASE_URL = 'https://api.openprospect.io/api/v1';
const DEFAULT_KEY_ENV = 'OPENPROSPECT_API_KEY';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Builds the request: defaults < config file < environment < flags. */
export async function prepareCall(
  flags: CallFlags, config: FileConfig | null, env: Record<string, string | undefined>,
  readStdin: () => Promise<string>, version: string,
): Promise<PreparedCall> {
  const method = flags.method.toUpperCase();
  if (!METHODS.includes(method)) throw new UsageError(`unknown method '${flags.method}' (use one of ${METHODS.join(', ')})`);
  const url = joinUrl(flags.baseUrl ?? env.OPENPROSPECT_BASE_URL ?? config?.baseUrl ?? DEFAULT_BASE_URL, flags.target);
  for (const q of flags.query) {
    const eq = q.indexOf('=');
    if (eq <= 0) throw new UsageError(`-q/--query takes key=value, got '${q}'`);
    url.searchParams.append(q.slice(0, eq), q.slice(eq + 1));
  }
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': `op-errors/${version}` };
  const secrets: string[] = [];
  for (const h of flags.header) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UsageError(`-H/--header takes "Name: value", got '${h}'`);
    const name = h.slice(0, colon).trim().toLowerCase();
    headers[name] = h.slice(colon + 1).trim();
    if (isSecretName(name)) secrets.push(...headerSecrets(headers[name]));
  }
  secrets.push(...urlSecrets(url));
  const warnings: string[] = [];
  if (flags.auth && headers.authorization === undefined) {
    const keyEnv = config?.apiKeyEnv ?? DEFAULT_KEY_ENV;
    const key = env[keyEnv]?.trim();
    if (!key) {
      throw new UsageError(`${keyEnv} is not set: export ${keyEnv}=lnc_live_... with your API key ` +
        '(create one in Settings > Developer > API Keys), or pass --no-auth to send none');
    }
    if (!/^lnc_(live|test)_/.test(key)) warnings.push(`the key in ${keyEnv} does not start with lnc_live_ or lnc_test_; sending it anyway`);
    headers.authorization = `Bearer ${key}`;
    secrets.push(key);
  }
  const refusal = headers.authorization !== undefined && !flags.insecureHttp ? clearTextRefusal(url) : null;
  if (refusal) throw new UsageError(`${refusal}: use https, or --insecure-http if you must`);
  let body: string | undefined;
  if (flags.data !== undefined) {
    body = await readData(flags.data, readStdin);
    headers['content-type'] ??= 'application/json';
  }
  let idempotencyKey = headers['idempotency-key'] !== undefined;
  if (flags.idempotencyKey !== undefined) {
    headers['idempotency-key'] = flags.idempotencyKey === 'auto' ? randomUUID() : flags.idempotencyKey;
    idempotencyKey = true;
  }
  if (idempotencyKey && (method === 'GET' || method === 'HEAD')) warnings.push(`an Idempotency-Key has no effect on ${method}`);
  return {
    method, url: url.toString(), headers, body, secrets, warnings, idempotencyKey,
    timeoutMs: Math.round((flags.timeout ?? config?.timeout ?? 30) * 1000),
    policy: resolvePolicy(flags, config),
  };
}

/** Joins a path to the base URL; a full URL is used as it is, and a path that repeats the base path is not doubled. */
export function joinUrl(base: string, target: string): URL {
  if (/^https?:\/\//i.test(target)) {
    try {
      return new URL(target);
    } catch {
      throw new UsageError(`'${maskUserinfo(target)}' is not a URL`);
    }
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(base);
  } catch {
    throw new UsageError(`the base URL '${maskUserinfo(base)}' is not a URL`);
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const path = target.startsWith('/') ? target : `/${target}`;
  const full = basePath && (path === basePath || path.startsWith(`${basePath}/`)) ? path : `${basePath}${path}`;
  return new URL(full, baseUrl.origin);
}

async function readData(data: string, readStdin: () => Promise<string>): Promise<string> {
  let text = data;
  let where = '-d';
  if (data === '@-') {
    text = await readStdin();
    where = '-d @- (stdin)';
  } else if (data.startsWith('@')) {
    where = `-d ${data}`;
    try {
      text = await readFile(data.slice(1), 'utf8');
    } catch (e) {
      throw new UsageError(`${where}: cannot read ${data.slice(1)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  }
  const error = findJsonError(text);
  if (error) throw new UsageError(`${where}: invalid JSON at line ${error.line}, column ${error.column}: ${error.message}`);
  return text;
}
