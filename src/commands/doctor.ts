import type { CommandContext } from './context.js';
import { EXIT } from '../core/exit.js';
import { probeSetup } from '../adapters/doctor-probe.js';
import { Redactor } from '../core/redact.js';
import { renderChecks } from '../render/doctor.js';
import { encodeJson } from '../render/json.js';
import { joinUrl } from '../core/connection.js';
import { DOCTOR_DEFAULTS, resolveSettings } from '../core/settings.js';

/** What `doctor` was asked. */
export interface DoctorOptions {
  baseUrl?: string;
  timeout?: number;
}

/** Checks the key, the base URL, the key's scopes and the clock; returns 0 when every check passes. */
export async function runDoctor(opts: DoctorOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const config = (await ctx.config())?.config ?? null;
  const settings = resolveSettings(opts, config, io.env, DOCTOR_DEFAULTS);
  const keyEnv = settings.apiKeyEnv;
  const key = io.env[keyEnv]?.trim() ?? '';
  const base = settings.baseUrl;
  const redact = new Redactor([key]);
  const root = joinUrl(base, '/');
  const { checks, scopes, endpoints } = await probeSetup({
    base: root, keyEnv, key, timeoutMs: settings.timeout * 1000, now: io.now,
  });
  // A warning (a key that opens only some endpoints) does not fail doctor.
  const ok = checks.every((c) => c.ok);
  if (ctx.json) io.out(redact.text(encodeJson({ ok, base, checks, scopes, endpoints })));
  else io.out(redact.text(renderChecks(checks, endpoints, ctx.theme, ctx.width)));
  return ok ? EXIT.OK : EXIT.FAILURE;
}
