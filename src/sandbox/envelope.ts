import type { Envelope, SandboxResponse } from './types.js';

/**
 * The same error in another documented envelope: `nested` wraps it as `{"error": {code, message, details}}`
 * (the older reference's generic examples), `legacy` puts the code under `error` (`{"error": "CODE", message}`,
 * the first docs' shape). Extra top-level fields move into `details` when nested and stay put when legacy.
 */
export function reshape(reply: SandboxResponse, envelope: Envelope): SandboxResponse {
  if (envelope === 'flat' || !reply.error) return reply;
  const { code, message, ...extra } = reply.error;
  let body: unknown;
  if (envelope === 'legacy') body = { error: code, message, ...extra };
  else {
    const { details, ...rest } = extra as { details?: Record<string, unknown> };
    const merged = { ...rest, ...(details ?? {}) };
    body = { error: Object.keys(merged).length > 0 ? { code, message, details: merged } : { code, message } };
  }
  return { ...reply, body: JSON.stringify(body) };
}
