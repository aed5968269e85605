import {
  type Blacklist, type BlacklistEntry, type Order, type ProspectSearch, type ResultCompany, seedBlacklists, seedOrders,
  seedResults, seedSearches,
} from './seed.js';

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

/** The records of one sandbox, seeded afresh for each instance so runs never leak into each other. */
export class Store {
  /** Newest first, as the list endpoints return them. */
  readonly orders: Order[] = seedOrders().reverse();
  readonly results: Map<string, ResultCompany[]> = seedResults();
  readonly searches: ProspectSearch[] = seedSearches().reverse();
  readonly blacklists: Blacklist[];
  readonly entries: Map<string, BlacklistEntry[]>;

  constructor(private readonly now: () => number) {
    const { lists, entries } = seedBlacklists();
    this.blacklists = lists;
    this.entries = entries;
  }

  /** The current time as the API writes timestamps. */
  stamp(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Adds an order at the head of the list. */
  addOrder(order: Order, companies: ResultCompany[]): void {
    this.orders.unshift(order);
    this.results.set(order.id, companies);
  }

  /** Adds a blacklist at the head of the list. */
  addBlacklist(list: Blacklist): void {
    this.blacklists.unshift(list);
    this.entries.set(list.id, []);
  }

  /** Removes a blacklist and its entries; false when there was none. */
  deleteBlacklist(id: string): boolean {
    const i = this.blacklists.findIndex((b) => b.id === id);
    if (i < 0) return false;
    this.blacklists.splice(i, 1);
    this.entries.delete(id);
    return true;
  }

  /** Appends entries, skipping those already listed (same external id, website or name and city). */
  addEntries(list: Blacklist, incoming: Omit<BlacklistEntry, 'id' | 'created_at'>[], newId: () => string):
    { added: number; skipped: number } {
    const current = this.entries.get(list.id) ?? [];
    const seen = new Set(current.map(entryKey));
    let added = 0;
    for (const e of incoming) {
      const key = entryKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      current.push({ id: newId(), ...e, created_at: this.stamp() });
      added++;
    }
    this.entries.set(list.id, current);
    list.entry_count = current.length;
    list.updated_at = this.stamp();
    return { added, skipped: incoming.length - added };
  }

  /** Removes entries by id; returns the ids that were not on the list. */
  removeEntries(list: Blacklist, ids: string[]): { removed: number; notFound: string[] } {
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
