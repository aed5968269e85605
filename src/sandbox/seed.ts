/** An order as the API returns it. */
export interface Order {
  id: string;
  title: string;
  order_type: 'ENRICHMENT' | 'DISCOVERY';
  status: string;
  features: string[];
  profile_id: string | null;
  profile_name: string | null;
  briefing_quantity: number;
  companies_count: number;
  message: string | null;
  created_at: string;
  updated_at: string;
}

/** One enriched company in an order's results. */
export interface ResultCompany {
  source_id: string | null;
  company_name: string;
  website_url: string | null;
  city: string | null;
  country: string | null;
  contacts: { first_name: string; last_name: string; job_title: string; email: string | null }[];
}

/** A prospect search as the API returns it. */
export interface ProspectSearch {
  id: string;
  name: string;
  status: string;
  version: number;
  ideal_customer_profile: string;
  created_at: string;
  updated_at: string;
}

/** A blacklist as the API returns it. */
export interface Blacklist {
  id: string;
  name: string;
  description: string | null;
  entry_count: number;
  created_at: string;
  updated_at: string;
}

/** One company on a blacklist. */
export interface BlacklistEntry {
  id: string;
  company_name: string;
  website_url: string | null;
  external_id: string | null;
  city: string | null;
  created_at: string;
}

/** Fixed ids of the seeded records, so examples and tests can name them. */
export const SEED_IDS = {
  completedOrder: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a6c18',
  runningOrder: '7a1d9e44-2c6b-4f83-b5a0-e93c1d2f8b67',
  receivedOrder: 'c82e5f10-4a9d-4b1e-8f36-0d7a2b9c5e43',
  activeSearch: 'e4b7c1d2-9f3a-4e68-a205-6c8d1b3f7a90',
  pausedSearch: '1d5a8f3c-6e2b-4a97-b4c1-8f0e2d6a9b35',
  blacklist: '9c3e7b21-5d8a-4f16-a2e9-4b6d0c1f8e72',
} as const;

const day = (d: string) => `2026-11-${d}T09:30:00Z`;

/** The seeded orders: one completed, one running, one just received. */
export function seedOrders(): Order[] {
  const base = { profile_id: null, message: null } as const;
  return [
    { ...base, id: SEED_IDS.completedOrder, title: 'DACH machinery enrichment', order_type: 'ENRICHMENT', status: 'COMPLETED',
      features: ['COMPANY_DATA', 'CONTACTS'], profile_name: 'Machinery OEMs', briefing_quantity: 2, companies_count: 2,
      created_at: day('02'), updated_at: day('04') },
    { ...base, id: SEED_IDS.runningOrder, title: 'Logistics software buyers, Bavaria', order_type: 'DISCOVERY',
      status: 'IN_PROGRESS', features: ['COMPANY_DATA', 'CONTACTS', 'EMAIL_DISCOVERY'], profile_name: 'Bavarian logistics',
      briefing_quantity: 50, companies_count: 0, created_at: day('10'), updated_at: day('12') },
    { ...base, id: SEED_IDS.receivedOrder, title: 'Trade fair leads', order_type: 'ENRICHMENT', status: 'RECEIVED',
      features: ['COMPANY_DATA', 'TECHNOLOGIES'], profile_name: 'Machinery OEMs', briefing_quantity: 3, companies_count: 3,
      created_at: day('18'), updated_at: day('18') },
  ];
}

/** The results of the completed seeded order. */
export function seedResults(): Map<string, ResultCompany[]> {
  return new Map([[SEED_IDS.completedOrder, [
    { source_id: 'crm-1042', company_name: 'Brenner Maschinenbau GmbH', website_url: 'https://brenner-maschinenbau.example',
      city: 'Stuttgart', country: 'DE', contacts: [
        { first_name: 'Katrin', last_name: 'Vogel', job_title: 'Head of Procurement', email: 'k.vogel@brenner-maschinenbau.example' },
      ] },
    { source_id: 'crm-1057', company_name: 'Alpen Fördertechnik AG', website_url: 'https://alpen-foerdertechnik.example',
      city: 'Graz', country: 'AT', contacts: [
        { first_name: 'Lukas', last_name: 'Hofer', job_title: 'CTO', email: null },
        { first_name: 'Mira', last_name: 'Stein', job_title: 'Operations Manager', email: 'm.stein@alpen-foerdertechnik.example' },
      ] },
  ]]]);
}

/** The seeded prospect searches. */
export function seedSearches(): ProspectSearch[] {
  return [
    { id: SEED_IDS.activeSearch, name: 'DACH SaaS CTOs', status: 'ACTIVE', version: 4,
      ideal_customer_profile: 'B2B software companies with 50-500 employees in Germany, Austria and Switzerland',
      created_at: day('01'), updated_at: day('15') },
    { id: SEED_IDS.pausedSearch, name: 'Munich logistics firms', status: 'PAUSED', version: 1,
      ideal_customer_profile: 'Freight forwarders and 3PL providers around Munich', created_at: day('08'), updated_at: day('08') },
  ];
}

/** The seeded blacklist and its three entries. */
export function seedBlacklists(): { lists: Blacklist[]; entries: Map<string, BlacklistEntry[]> } {
  const entries: BlacklistEntry[] = [
    { id: 'b1e0c6a2-3f4d-4e58-9a71-0c2d4e6f8a10', company_name: 'Brenner Maschinenbau GmbH',
      website_url: 'https://brenner-maschinenbau.example', external_id: 'crm-1042', city: 'Stuttgart', created_at: day('03') },
    { id: 'b2f1d7b3-4a5e-4f69-8b82-1d3e5f7a9b21', company_name: 'Nordlicht Logistik KG', website_url: null,
      external_id: 'crm-2210', city: 'Hamburg', created_at: day('03') },
    { id: 'b3a2e8c4-5b6f-4a7a-9c93-2e4f6a8b0c32', company_name: 'Rheintal Software GmbH',
      website_url: 'https://rheintal-software.example', external_id: null, city: null, created_at: day('05') },
  ];
  return {
    lists: [{ id: SEED_IDS.blacklist, name: 'Existing customers', description: 'Companies we already sell to',
      entry_count: entries.length, created_at: day('03'), updated_at: day('05') }],
    entries: new Map([[SEED_IDS.blacklist, entries]]),
  };
}
