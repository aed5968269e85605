import type { CommandContext } from './context.js';
import { EXIT } from '../core/exit.js';
import { send } from '../adapters/http.js';
import { isObject } from '../core/fields.js';
import { tryParseJson } from '../core/json-scanner.js';
import { Redactor } from '../core/redact.js';
import { ENDPOINTS } from '../data/endpoints.js';
import { type Check, renderChecks } from '../render/doctor.js';
import { encodeJson } from '../render/json.js';
import { joinUrl, keyKind, plainHttpRefusal } from '../core/connection.js';
import { DOCTOR_DEFAULTS, resolveSettings } from '../core/settings.js';

/** What `doctor` was asked. */
export interface DoctorOptions {
  baseUrl?: string;
  timeout?: number;
}

const MAX_SKEW_S = 5;

/** Checks the key, the base URL, the key's scopes and the clock; returns 0 when every check passes. */
export async function runDoctor(opts: DoctorOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const config = (await ctx.config())?.config ?? null;
  const settings = resolveSettings(opts, config, io.env, DOCTOR_DEFAULTS);
  const keyEnv = settings.apiKeyEnv;
  const key = io.env[keyEnv]?.trim() ?? '';
  const base = settings.baseUrl;
  const redact = new Redactor([key]);
  const checks: Check[] = [];
  const timeoutMs = settings.timeout * 1000;
  checks.push(keyCheck(keyEnv, key));
  const origin = joinUrl(base, '/').origin;
  const health = await send({ method: 'GET', url: `${origin}/health`, headers: {}, timeoutMs });
  const h = health.attempt;
  checks.push(h.status === 200
    ? { name: 'base URL', ok: true, detail: `${origin}/health answered 200 in ${health.durationMs} ms` }
    : { name: 'base URL', ok: false, detail: h.transport ? h.transport.message : `/health answered ${h.status}`,
      fix: `check the base URL (${base}), your network and proxy; op-errors explain ${h.transport?.code ?? h.status}` });
  let scopes: string[] | null = null;
  const refusal = key ? plainHttpRefusal(joinUrl(base, '/auth/validate')) : null;
  if (refusal) checks.push({ name: 'key valid', ok: false, detail: `not checked: ${refusal}`, fix: 'use an https:// base URL' });
  else if (key) {
    const v = await send({ method: 'GET', url: joinUrl(base, '/auth/validate').toString(), headers: { authorization: `Bearer ${key}`, accept: 'application/json' }, timeoutMs });
    const parsed = tryParseJson(v.attempt.body);
    const body = isObject(parsed) ? parsed : null;
    if (v.attempt.status === 200 && Array.isArray(body?.scopes)) {
      scopes = body.scopes.map(String);
      checks.push({ name: 'key valid', ok: true, detail: `GET /auth/validate: valid, scopes ${scopes.join(', ') || '(none)'}` });
    } else {
      checks.push({ name: 'key valid', ok: false, detail: v.attempt.transport?.message ?? `GET /auth/validate answered ${v.attempt.status}`,
        fix: v.attempt.status === 401 ? 'the key is unknown, expired or revoked: create a new one in Settings > Developer > API Keys'
          : `op-errors call GET /auth/validate shows the whole answer` });
    }
    const date = Date.parse(v.attempt.headers.date ?? h.headers.date ?? '');
    if (!Number.isNaN(date)) {
      const skew = Math.round((io.now() - date) / 1000);
      checks.push(Math.abs(skew) <= MAX_SKEW_S
        ? { name: 'clock', ok: true, detail: `within ${Math.max(1, Math.abs(skew))} s of the server's clock` }
        : { name: 'clock', ok: false, detail: `${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the server's clock`,
          fix: 'synchronise the clock (NTP, timedatectl set-ntp true): HTTP-date Retry-After waits are read against it' });
    }
  }
  const endpoints = scopes ? ENDPOINTS.map((e) => ({ ...e, open: e.scopes.every((s) => scopes!.includes(s)) })) : [];
  const ok = checks.every((c) => c.ok);
  if (ctx.json) io.out(redact.text(encodeJson({ ok, base, checks, scopes, endpoints })));
  else io.out(redact.text(renderChecks(checks, endpoints, ctx.theme, ctx.width)));
  return ok ? EXIT.OK : EXIT.FAILURE;
}

function keyCheck(keyEnv: string, key: string): Check {
  if (!key) return { name: 'key set', ok: false, detail: `${keyEnv} is not set`, fix: `export ${keyEnv}=lnc_live_... (create a key in Settings > Developer > API Keys)` };
  const kind = keyKind(key);
  if (kind === null) {
    return { name: 'key set', ok: false, detail: `${keyEnv} is set but does not look like lnc_live_... or lnc_test_...`,
      fix: 'copy the whole key again: no quotes, spaces or line breaks, prefix included' };
  }
  return { name: 'key set', ok: true, detail: `${keyEnv} holds a ${kind} key (${key.length} characters)` };
}
