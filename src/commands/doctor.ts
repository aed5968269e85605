import type { CommandContext } from '../cli/context.js';
import { EXIT } from '../core/exit.js';
import { probeSetup } from '../adapters/doctor-probe.js';
import { Redactor } from '../core/redact.js';
import { renderChecks } from '../render/doctor.js';
import { loadTableMaker } from '../render/table.js';
import { DEFAULT_BASE_URL, joinUrl } from './call-request.js';

/** What `doctor` was asked. */
export interface DoctorOptions {
  baseUrl?: string;
  timeout: number;
}

/** Checks the key, the base URL, the key's scopes and the clock; returns 0 when every check passes. */
export async function runDoctor(opts: DoctorOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const config = (await ctx.config())?.config ?? null;
  const keyEnv = config?.apiKeyEnv ?? 'OPENPROSPECT_API_KEY';
  const key = io.env[keyEnv]?.trim() ?? '';
  const base = opts.baseUrl ?? io.env.OPENPROSPECT_BASE_URL ?? config?.baseUrl ?? DEFAULT_BASE_URL;
  const redact = new Redactor([key]);
  const { checks, scopes, endpoints } = await probeSetup({
    base: joinUrl(base, '/'), keyEnv, key, timeoutMs: opts.timeout * 1000, now: io.now,
  });
  // A warning (a key that opens only some endpoints) does not fail doctor.
  const ok = checks.every((c) => c.ok);
  if (ctx.json) io.out(redact.text(`${JSON.stringify({ ok, base, checks, scopes, endpoints })}\n`));
  else io.out(redact.text(renderChecks(checks, endpoints, ctx.theme, scopes ? await loadTableMaker(ctx.theme) : undefined)));
  return ok ? EXIT.OK : EXIT.FAILURE;
}
