/** A public endpoint of the OpenProspect API and the scopes a key needs for it. */
export interface Endpoint {
  method: string;
  path: string;
  scopes: readonly string[];
  what: string;
}

/** The endpoints of the public API inventory, with the scopes each needs. */
export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/orders', scopes: ['orders:read'], what: 'list orders' },
  { method: 'POST', path: '/orders', scopes: ['orders:write'], what: 'create enrichment and discovery orders' },
  { method: 'GET', path: '/orders/{order_id}', scopes: ['orders:read'], what: 'order status' },
  { method: 'GET', path: '/orders/{order_id}/results', scopes: ['orders:read'], what: 'order results' },
  { method: 'POST', path: '/search-profile-creations', scopes: ['orders:write'], what: 'create a search profile' },
  { method: 'GET', path: '/prospect-searches', scopes: ['prospect_searches:read'], what: 'list prospect searches' },
  { method: 'GET', path: '/deliveries/{prospect_search_id}/companies', scopes: ['companies:read', 'prospects:read'], what: 'delivered companies' },
  { method: 'GET', path: '/companies', scopes: ['companies:read'], what: 'companies of a prospect search' },
  { method: 'GET', path: '/prospects', scopes: ['prospects:read'], what: 'prospects' },
  { method: 'GET', path: '/blacklists', scopes: ['blacklists:read'], what: 'list blacklists and their entries' },
  { method: 'POST', path: '/blacklists', scopes: ['blacklists:write'], what: 'create blacklists and add entries' },
  { method: 'DELETE', path: '/blacklists/{blacklist_id}/entries', scopes: ['blacklists:write'], what: 'remove blacklist entries' },
  { method: 'PUT', path: '/prospect-searches/{id}/blacklists', scopes: ['blacklists:write'], what: 'assign blacklists to a search' },
];
