import type { Redactor } from '../core/redact.js';
import type { RedirectHop } from '../core/redirect.js';

/** A redirect hop with the secrets of both URLs masked, as `--json` and `-v` show it. */
export function redactHop(hop: RedirectHop, redact: Redactor): RedirectHop {
  return { ...hop, from: redact.url(hop.from), to: redact.url(hop.to) };
}

/** One line of the redirect chain: `302 https://a/x -> https://b/y: followed without the key (another origin)`. */
export function redirectLine(hop: RedirectHop, redact: Redactor): string {
  const h = redactHop(hop, redact);
  const action = h.action === 'followed' ? 'followed' : h.action === 'followed-without-credentials' ? 'followed without credentials' : 'not followed';
  return `redirect ${h.status} ${h.from} -> ${h.to}: ${action}${h.note ? ` (${h.note})` : ''}`;
}
