/** Every scope the sandbox knows, in the order the docs list them. */
export const ALL_SCOPES = [
  'orders:read', 'orders:write', 'prospect_searches:read', 'prospect_searches:write', 'blacklists:read', 'blacklists:write', 'companies:read',
  'prospects:read',
] as const;

/** The test keys the sandbox accepts and the scopes each one holds. */
export const SANDBOX_KEYS: Readonly<Record<string, readonly string[]>> = {
  lnc_test_full_access: ALL_SCOPES,
  lnc_test_read_only: ALL_SCOPES.filter((s) => s.endsWith(':read')),
};

/** Test keys that exist but no longer work, so that clients can try their re-authentication path. */
export const INACTIVE_KEYS: Readonly<Record<string, 'revoked' | 'expired'>> = {
  lnc_test_revoked: 'revoked',
  lnc_test_expired: 'expired',
};

/** The key a request presents as `Authorization: Bearer <key>`, or null. */
export function bearerKey(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return m ? m[1] : null;
}
