import { randomUUID } from 'node:crypto';
import { readBody, readFieldFile, stdinBody } from '../adapters/request-body.js';
import { type RequestField, fieldsObject, parseField } from '../core/request-fields.js';
import type { FileConfig } from '../core/config-schema.js';
import { clearTextRefusal } from '../core/clear-text.js';
import { idempotencyHeader, joinUrl, keyKind } from '../core/connection.js';
import { UsageError } from '../core/errors.js';
import { type RetryPolicy, policyFrom } from '../core/retry-policy.js';
import { type Settings, resolveSettings } from '../core/settings.js';
import type { ScenarioName } from '../sandbox/types.js';
import type { RetryOptions } from './retry-options.js';
import { headerSecrets, isSecretName, urlSecrets } from '../core/redact.js';

/** The options of `call`, as its definition declares them. */
export interface CallFlags extends RetryOptions {
  /** The first argument: the method, or the path when it is the only one. */
  method?: string;
  /** The second argument: the path or URL. */
  target?: string;
  /** -X: the method, as curl takes it. */
  request?: string;
  /** -f key=value: string fields of a JSON body (query parameters with GET). */
  rawField?: string[];
  /** -F key=value: typed fields (true, false, null, integers, @file). */
  field?: string[];
  output?: string;
  silent?: boolean;
  verbose?: boolean;
  paginate?: boolean;
  baseUrl?: string;
  timeout?: number;
  data?: string;
  header: string[];
  query: string[];
  include?: boolean;
  bodyOnly?: boolean;
  /** False with --no-body. */
  body?: boolean;
  /** False with --no-auth. */
  auth?: boolean;
  insecureHttp?: boolean;
  idempotencyKey?: string;
  record?: string;
  /** Run against the built-in sandbox, started on a free port for this call: true, or a scenario name. */
  sandbox?: boolean | ScenarioName;
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

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Where the request's body comes from: stdin is read only when it is not a terminal. */
export interface BodySources {
  readStdin: () => Promise<string>;
  stdinIsTTY: boolean;
}

/** Builds the request from the resolved settings (defaults < config file < environment < flags). */
export async function prepareCall(
  flags: CallFlags, config: FileConfig | null, env: Record<string, string | undefined>, sources: BodySources, version: string,
): Promise<PreparedCall> {
  const { method: asked, target } = methodAndTarget(flags);
  const settings = resolveSettings(flags, config, env);
  const url = joinUrl(settings.baseUrl, target);
  const fields = await readFields(flags);
  if (flags.data !== undefined && fields.length > 0) throw new UsageError('-d and -f/-F both give a body: use one of them');
  const readsNoBody = asked === 'GET' || asked === 'HEAD';
  if (readsNoBody && flags.data !== undefined) throw new UsageError(`-d gives a body, which ${asked} does not send: use POST, PUT or PATCH`);
  let body: string | undefined;
  if (fields.length > 0 && readsNoBody) for (const f of fields) url.searchParams.append(f.key, String(f.value));
  else if (fields.length > 0) body = JSON.stringify(fieldsObject(fields));
  else if (flags.data !== undefined) body = await readBody(flags.data, sources.readStdin);
  else if (!readsNoBody && !sources.stdinIsTTY) body = await stdinBody(sources.readStdin);
  const method = asked ?? (body === undefined ? 'GET' : 'POST');
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
  if (flags.auth !== false && headers.authorization === undefined) {
    const key = apiKey(settings, env, warnings);
    headers.authorization = `Bearer ${key}`;
    secrets.push(key);
  }
  const refusal = headers.authorization !== undefined && !flags.insecureHttp ? clearTextRefusal(url) : null;
  if (refusal) throw new UsageError(`${refusal}: use https, or --insecure-http if you must`);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const idempotency = idempotencyHeader(headers, flags.idempotencyKey, randomUUID);
  if (idempotency) headers['idempotency-key'] = idempotency.value;
  if (idempotency && (method === 'GET' || method === 'HEAD')) warnings.push(`an Idempotency-Key has no effect on ${method}`);
  return {
    method, url: url.toString(), headers, body, secrets, warnings, idempotencyKey: idempotency !== null,
    timeoutMs: Math.round(settings.timeout * 1000), policy: policyFrom(settings, flags.retryUnsafe === true),
  };
}

/** The method (-X, or the first of two arguments; undefined when neither names one) and the path. */
function methodAndTarget(flags: CallFlags): { method: string | undefined; target: string } {
  const positional = flags.target === undefined ? undefined : flags.method;
  const target = flags.target ?? flags.method;
  if (target === undefined) throw new UsageError('call needs a path or URL, e.g. op-errors call /orders');
  if (positional !== undefined && flags.request !== undefined && positional.toUpperCase() !== flags.request.toUpperCase()) {
    throw new UsageError(`the method is given twice: ${positional} and -X ${flags.request}`);
  }
  const method = (flags.request ?? positional)?.toUpperCase();
  if (method !== undefined && !METHODS.includes(method)) {
    throw new UsageError(`unknown method '${flags.request ?? positional}' (use one of ${METHODS.join(', ')})`);
  }
  if (method === undefined && METHODS.includes(target.toUpperCase())) {
    throw new UsageError(`call ${target} needs a path or URL, e.g. op-errors call ${target.toUpperCase()} /orders`);
  }
  return { method, target };
}

/** The -f and -F fields, with -F @file values read. */
async function readFields(flags: CallFlags): Promise<RequestField[]> {
  const fields = (flags.rawField ?? []).map((f) => parseField(f, false));
  for (const f of flags.field ?? []) {
    const file = /^[^=]+=@(.+)$/.exec(f)?.[1];
    const text = file === undefined ? undefined : await readFieldFile(file);
    fields.push(parseField(f, true, () => text ?? ''));
  }
  return fields;
}

/** The API key from the environment variable the settings name; a usage error when it is not set. */
function apiKey(settings: Settings, env: Record<string, string | undefined>, warnings: string[]): string {
  const keyEnv = settings.apiKeyEnv;
  const key = env[keyEnv]?.trim();
  if (!key) {
    throw new UsageError(`${keyEnv} is not set: export ${keyEnv}=lnc_live_... with your API key ` +
      '(create one in Settings > Developer > API Keys), or pass --no-auth to send none');
  }
  if (keyKind(key) === null) warnings.push(`the key in ${keyEnv} does not look like lnc_live_... or lnc_test_...; sending it anyway`);
  return key;
}
