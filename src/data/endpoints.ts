/** An endpoint of the OpenProspect API and the scopes a key needs for it. */
export interface Endpoint {
  method: string;
  /** Path under /api/v1; `{name}` marks a path parameter. */
  path: string;
  /** Every scope listed is needed; empty: any active key. */
  scopes: readonly string[];
  what: string;
  /** True for the 25 endpoints of the public inventory; false for those documented only elsewhere. */
  inventory: boolean;
}

const row = (method: string, path: string, scopes: string[], what: string, inventory = true): Endpoint =>
  ({ method, path, scopes, what, inventory });

/**
 * Every endpoint `serve` answers and `doctor` checks the key's scopes against: the public inventory, then the
 * documented extras (search-profile creation, one prospect search and its PATCH).
 */
export const ENDPOINTS: readonly Endpoint[] = [
  row('GET', '/auth/validate', [], 'check the key and list its scopes'),
  row('POST', '/orders', ['orders:write'], 'create enrichment and discovery orders'),
  row('GET', '/orders', ['orders:read'], 'list orders'),
  row('GET', '/orders/{order_id}', ['orders:read'], 'order status'),
  row('GET', '/orders/{order_id}/results', ['orders:read'], 'order results'),
  row('GET', '/deliveries/{prospect_search_id}/companies', ['companies:read', 'prospects:read'], 'delivered companies'),
  row('GET', '/prospect-searches', ['prospect_searches:read'], 'list prospect searches'),
  row('GET', '/companies', ['companies:read'], 'companies of a prospect search'),
  row('GET', '/companies/{company_id}', ['companies:read'], 'one company'),
  row('GET', '/companies/{company_id}/jobs', ['companies:read'], 'job listings'),
  row('GET', '/companies/{company_id}/jobs/summary', ['companies:read'], 'job activity summary'),
  row('GET', '/companies/{company_id}/webtech-intel', ['companies:read'], 'technology stack'),
  row('GET', '/companies/{company_id}/webtech-intel/summary', ['companies:read'], 'technology summary'),
  row('GET', '/prospects', ['prospects:read'], 'list prospects'),
  row('GET', '/prospects/{prospect_id}', ['prospects:read'], 'one prospect'),
  row('POST', '/blacklists', ['blacklists:write'], 'create a blacklist'),
  row('GET', '/blacklists', ['blacklists:read'], 'list blacklists'),
  row('GET', '/blacklists/{blacklist_id}', ['blacklists:read'], 'one blacklist'),
  row('PATCH', '/blacklists/{blacklist_id}', ['blacklists:write'], 'rename or describe a blacklist'),
  row('DELETE', '/blacklists/{blacklist_id}', ['blacklists:write'], 'delete a blacklist'),
  row('POST', '/blacklists/{blacklist_id}/entries', ['blacklists:write'], 'add blacklist entries'),
  row('GET', '/blacklists/{blacklist_id}/entries', ['blacklists:read'], 'list blacklist entries'),
  row('DELETE', '/blacklists/{blacklist_id}/entries', ['blacklists:write'], 'remove blacklist entries'),
  row('GET', '/prospect-searches/{prospect_search_id}/blacklists', ['blacklists:read'], 'blacklists assigned to a search'),
  row('PUT', '/prospect-searches/{prospect_search_id}/blacklists', ['blacklists:write'], 'assign blacklists to a search'),
  row('POST', '/search-profile-creations', ['orders:write'], 'create a search profile', false),
  row('GET', '/search-profile-creations/{profile_creation_id}', ['orders:read'], 'poll a search profile creation', false),
  row('GET', '/prospect-searches/{prospect_search_id}', ['prospect_searches:read'], 'one prospect search', false),
  row('PATCH', '/prospect-searches/{prospect_search_id}', ['prospect_searches:write'], 'edit a prospect search', false),
];

/** `METHOD /path` of an endpoint, the key its handler is registered under. */
export const endpointKey = (e: { method: string; path: string }): string => `${e.method} ${e.path}`;
