import { clearTextRefusal } from '../core/clear-text.js';
import {
  API_ROOT, type Check, type Probe, basePathCheck, clockCheck, connectCheck, keySetCheck, keyValidCheck, scopesCheck, serviceCheck,
} from '../core/doctor-diagnosis.js';
import { ENDPOINTS, type Endpoint } from '../data/endpoints.js';
import { send } from './http.js';

/** What doctor found: the checks in order, the key's scopes, and each endpoint open or closed. */
export interface DoctorReport {
  checks: Check[];
  scopes: string[] | null;
  endpoints: (Endpoint & { open: boolean })[];
}

/** Where and with what doctor probes. */
export interface ProbeTarget {
  /** The base URL, parsed (…/api/v1). */
  base: URL;
  keyEnv: string;
  key: string;
  timeoutMs: number;
  now: () => number;
}

/**
 * Probes the setup step by step (health, then the key at the base URL, then /api/v1 when that path is
 * wrong) and names the first cause that explains a failure; the checks after a failed step are left out,
 * as their answers would only repeat it.
 */
export async function probeSetup(t: ProbeTarget): Promise<DoctorReport> {
  const checks: Check[] = [keySetCheck(t.keyEnv, t.key)];
  const report: DoctorReport = { checks, scopes: null, endpoints: [] };
  const origin = t.base.origin;
  const health = await probe(t, `${origin}/health`, false);
  checks.push(connectCheck(health, t.base.host));
  if (health.transport) return report;
  // The key never travels in clear to another machine: the probes then go without it, and the key is not checked.
  const refusal = t.key !== '' ? clearTextRefusal(t.base) : null;
  if (refusal) {
    checks.push({ name: 'https', ok: false, detail: `${refusal}, which is not this machine`,
      fix: `use an https base URL (https://api.openprospect.io${API_ROOT})`, more: `op-errors doctor --base-url https://${t.base.host}${API_ROOT}` });
  }
  const withKey = t.key !== '' && refusal === null;
  const root = t.base.pathname.replace(/\/+$/, '');
  const validate = await probe(t, `${origin}${root}/auth/validate`, withKey);
  const service = serviceCheck([health, validate]);
  checks.push(service);
  if (!service.ok || validate.transport) return report;
  const rootProbe = validate.status === 404 && root !== API_ROOT ? await probe(t, `${origin}${API_ROOT}/auth/validate`, withKey) : null;
  const path = basePathCheck(root, origin, validate, rootProbe);
  checks.push(path);
  if (!path.ok) return report;
  if (withKey && checks[0].ok) {
    const { check, scopes } = keyValidCheck(validate);
    checks.push(check);
    if (scopes) {
      report.scopes = scopes;
      report.endpoints = ENDPOINTS.map((e) => ({ ...e, open: e.scopes.every((s) => scopes.includes(s)) }));
      checks.push(scopesCheck(scopes, ENDPOINTS));
    }
  }
  const clock = clockCheck(validate.headers.date ?? health.headers.date, t.now());
  if (clock) checks.push(clock);
  return report;
}

async function probe(t: ProbeTarget, url: string, withKey: boolean): Promise<Probe> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (withKey) headers.authorization = `Bearer ${t.key}`;
  const r = await send({ method: 'GET', url, headers, timeoutMs: t.timeoutMs });
  return { url, ...r.attempt, durationMs: r.durationMs };
}
