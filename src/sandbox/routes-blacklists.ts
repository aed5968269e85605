import { parseBody } from './pydantic.js';
import { json, resourceNotFound, validationFailed } from './reply.js';
import type { HandlerContext, Handlers } from './router.js';
import { list } from './routes-orders.js';
import type { Blacklist } from './seed.js';
import type { SandboxResponse } from './types.js';
import { validateBlacklist, validateBlacklistUpdate, validateEntries, validateEntryIds } from './validate-blacklist.js';

const READ = 'blacklists:read';
const WRITE = 'blacklists:write';

/** The blacklist endpoints. */
export const blacklistHandlers: Handlers = {
  'GET /blacklists': (c) => list(c, c.store.blacklists),
  'POST /blacklists': createBlacklist,
  'GET /blacklists/{blacklist_id}': (c) => withList(c, (b) => json(200, b)),
  'PATCH /blacklists/{blacklist_id}': updateBlacklist,
  'DELETE /blacklists/{blacklist_id}': (c) => withList(c, (b) => {
    c.store.deleteBlacklist(b.id);
    return json(204, undefined);
  }),
  'GET /blacklists/{blacklist_id}/entries': (c) => withList(c, (b) => list(c, c.store.entries.get(b.id) ?? [])),
  'POST /blacklists/{blacklist_id}/entries': addEntries,
  'DELETE /blacklists/{blacklist_id}/entries': removeEntries,
};

function withList(c: HandlerContext, then: (b: Blacklist) => SandboxResponse): SandboxResponse {
  const found = c.store.blacklists.find((b) => b.id === c.params.blacklist_id);
  return found ? then(found) : blacklistNotFound(c.params.blacklist_id);
}

/** 404 BLACKLIST_NOT_FOUND for an id that is not one of the caller's blacklists. */
export const blacklistNotFound = (id: string): SandboxResponse => resourceNotFound('BLACKLIST_NOT_FOUND', 'Blacklist', id, 'blacklist_id');

// Only the fields sent change, as a PATCH should; the name keeps the same rules as on creation.
function updateBlacklist(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return validationFailed(body.errors);
  const checked = validateBlacklistUpdate(body.value);
  if (!checked.ok) return validationFailed(checked.errors);
  return withList(c, (b) => {
    Object.assign(b, checked.value, { updated_at: c.store.stamp() });
    return json(200, b);
  });
}

function createBlacklist(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return validationFailed(body.errors);
  const checked = validateBlacklist(body.value);
  if (!checked.ok) return validationFailed(checked.errors);
  const now = c.store.stamp();
  const created: Blacklist = { id: c.newId(), ...checked.value, entry_count: 0, created_at: now, updated_at: now };
  c.store.addBlacklist(created, c.req.body.length);
  return json(201, created, { location: `/api/v1/blacklists/${created.id}` });
}

// The body is checked before the blacklist is looked up, as FastAPI validates a request before its handler runs.
function addEntries(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return validationFailed(body.errors);
  const checked = validateEntries(body.value);
  if (!checked.ok) return validationFailed(checked.errors);
  return withList(c, (b) => {
    const { added, skipped } = c.store.addEntries(b, checked.value, () => c.newId(), c.req.body.length);
    return json(201, { blacklist_id: b.id, added, skipped, entry_count: b.entry_count });
  });
}

function removeEntries(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return validationFailed(body.errors);
  const checked = validateEntryIds(body.value);
  if (!checked.ok) return validationFailed(checked.errors);
  return withList(c, (b) => {
    const { removed, notFound } = c.store.removeEntries(b, checked.value);
    return json(200, { blacklist_id: b.id, removed, not_found: notFound, entry_count: b.entry_count });
  });
}
