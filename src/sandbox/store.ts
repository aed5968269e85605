import { Budget, DEFAULT_STORE_LIMITS, type StoreLimits } from './budget.js';
import {
  type Blacklist, type BlacklistEntry, type Order, type ProspectSearch, type ResultCompany, seedBlacklists, seedOrders,
  seedResults, seedSearches,
} from './seed.js';
import { type Company, type Job, type Prospect, type Technology, seedCompanies } from './seed-companies.js';

/** An asynchronous search-profile creation; each poll moves it one step towards SUCCEEDED. */
export interface ProfileCreation {
  id: string;
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED';
  profile_name: string;
  profile_id: string | null;
  created_at: string;
  updated_at: string;
}

/** The documented list envelope. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  has_more: boolean;
}

/** One slice of a list, newest first when the caller sorted it so. */
export function page<T>(items: readonly T[], limit: number, offset: number): Page<T> {
  return { items: items.slice(offset, offset + limit), total: items.length, limit, offset, has_more: offset + limit < items.length };
}

const recordJson = new WeakMap<object, string>();

/** A record's JSON; a frozen record, which can no longer change, is encoded once. */
function encodeRecord(record: unknown): string {
  if (typeof record !== 'object' || record === null || !Object.isFrozen(record)) return JSON.stringify(record) ?? 'null';
  let text = recordJson.get(record);
  if (text === undefined) recordJson.set(record, (text = JSON.stringify(record)));
  return text;
}

/** `page(...)` as JSON text, as JSON.stringify writes it; encoding the same records on every request cost a fifth of serve's time. */
export function pageJson(items: readonly unknown[], limit: number, offset: number): string {
  const p = page(items, limit, offset);
  return `{"items":[${p.items.map(encodeRecord).join(',')}],"total":${p.total},"limit":${p.limit},"offset":${p.offset},"has_more":${p.has_more}}`;
}

/** An order frozen: orders never change once made, so their JSON is encoded once. */
function frozen(order: Order): Order {
  Object.freeze(order.features);
  return Object.freeze(order);
}

/** The records of one sandbox, seeded afresh for each instance so runs never leak into each other. */
export class Store {
  /** Newest first, as the list endpoints return them. */
  readonly orders: Order[] = seedOrders().reverse().map(frozen);
  readonly results: Map<string, ResultCompany[]> = seedResults();
  readonly searches: ProspectSearch[] = seedSearches().reverse();
  readonly blacklists: Blacklist[];
  readonly entries: Map<string, BlacklistEntry[]>;
  readonly companies: Company[];
  readonly prospects: Prospect[];
  readonly jobs: Job[];
  readonly technologies: Map<string, Technology[]>;
  /** Blacklist ids assigned to each prospect search. */
  readonly assignments = new Map<string, string[]>();
  readonly profileCreations = new Map<string, ProfileCreation>();
  /** Idempotency-Key → the body it was first sent with and the creation it made. */
  readonly idempotency = new Map<string, { body: string; id: string }>();
  private readonly budget: Budget;

  constructor(private readonly now: () => number, limits: StoreLimits = DEFAULT_STORE_LIMITS) {
    const { lists, entries } = seedBlacklists();
    this.blacklists = lists;
    this.entries = entries;
    ({ companies: this.companies, prospects: this.prospects, jobs: this.jobs, technologies: this.technologies } = seedCompanies());
    this.budget = new Budget(limits);
  }

  /** Records kept and request bytes charged for what clients created. */
  usage(): { records: number; bytes: number } {
    return { records: this.budget.records, bytes: this.budget.charged };
  }

  /** The current time as the API writes timestamps. */
  stamp(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Adds an order at the head of the list; `bytes`: the size of the request that created it. */
  addOrder(order: Order, companies: ResultCompany[], bytes: number): void {
    this.orders.unshift(frozen(order));
    this.results.set(order.id, companies);
    this.budget.charge(bytes, () => {
      const i = this.orders.indexOf(order);
      if (i >= 0) this.orders.splice(i, 1);
      this.results.delete(order.id);
    });
  }

  /** Adds a blacklist at the head of the list. */
  addBlacklist(list: Blacklist, bytes: number): void {
    this.blacklists.unshift(list);
    this.entries.set(list.id, []);
    this.budget.charge(bytes, () => this.deleteBlacklist(list.id));
  }

  /** Adds a search-profile creation under its idempotency key. */
  addProfileCreation(creation: ProfileCreation, key: string, body: string): void {
    this.profileCreations.set(creation.id, creation);
    this.idempotency.set(key, { body, id: creation.id });
    this.budget.charge(body.length + key.length, () => {
      this.profileCreations.delete(creation.id);
      this.idempotency.delete(key);
    });
  }

  /** Removes a blacklist and its entries; false when there was none. */
  deleteBlacklist(id: string): boolean {
    const i = this.blacklists.findIndex((b) => b.id === id);
    if (i < 0) return false;
    this.blacklists.splice(i, 1);
    this.entries.delete(id);
    for (const [search, assigned] of this.assignments) this.assignments.set(search, assigned.filter((b) => b !== id));
    return true;
  }

  /** Appends entries, skipping those already listed (same external id, website or name and city). */
  addEntries(list: Blacklist, incoming: Omit<BlacklistEntry, 'id' | 'created_at'>[], newId: () => string, bytes: number):
    { added: number; skipped: number } {
    const current = this.entries.get(list.id) ?? [];
    const seen = new Set(current.map(entryKey));
    const ids: string[] = [];
    for (const e of incoming) {
      const key = entryKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      ids.push(newId());
      current.push({ id: ids[ids.length - 1], ...e, created_at: this.stamp() });
    }
    this.entries.set(list.id, current);
    list.entry_count = current.length;
    list.updated_at = this.stamp();
    if (ids.length > 0) this.budget.charge(bytes, () => this.removeEntries(list, ids));
    return { added: ids.length, skipped: incoming.length - ids.length };
  }

  /** Removes entries by id; returns the ids that were not on the list. */
  removeEntries(list: Blacklist, ids: string[]): { removed: number; notFound: string[] } {
    if (!this.entries.has(list.id)) return { removed: 0, notFound: ids };
    const current = this.entries.get(list.id) ?? [];
    const wanted = new Set(ids);
    const kept = current.filter((e) => !wanted.has(e.id));
    const present = new Set(current.map((e) => e.id));
    this.entries.set(list.id, kept);
    list.entry_count = kept.length;
    list.updated_at = this.stamp();
    return { removed: current.length - kept.length, notFound: ids.filter((id) => !present.has(id)) };
  }
}

// Matching follows the documented priority: external id, then website domain, then name with city.
function entryKey(e: { company_name: string; website_url: string | null; external_id: string | null; city: string | null }): string {
  if (e.external_id) return `id:${e.external_id}`;
  if (e.website_url) return `web:${e.website_url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/.*$/, '').toLowerCase()}`;
  return `name:${e.company_name.trim().toLowerCase()}|${(e.city ?? '').trim().toLowerCase()}`;
}
