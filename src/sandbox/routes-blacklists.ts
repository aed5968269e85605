import { parseBody } from './pydantic.js';
import { json, resourceNotFound, validationFailed } from './reply.js';
import type { HandlerContext, Route } from './router.js';
import { list } from './routes-orders.js';
import type { Blacklist } from './seed.js';
import type { SandboxResponse } from './types.js';
import { validateBlacklist, validateEntries, validateEntryIds } from './validate-blacklist.js';

const READ = 'blacklists:read';
const WRITE = 'blacklists:write';

/** The blacklist endpoints. */
export const blacklistRoutes: Route[] = [
  { pattern: '/blacklists', methods: {
    GET: { scope: READ, handle: (c) => list(c, c.store.blacklists) },
    POST: { scope: WRITE, handle: createBlacklist },
  } },
  { pattern: '/blacklists/:id', methods: {
    GET: { scope: READ, handle: (c) => withList(c, (b) => json(200, b)) },
    DELETE: { scope: WRITE, handle: (c) => withList(c, (b) => {
      c.store.deleteBlacklist(b.id);
      return json(204, undefined);
    }) },
  } },
  { pattern: '/blacklists/:id/entries', methods: {
    GET: { scope: READ, handle: (c) => withList(c, (b) => list(c, c.store.entries.get(b.id) ?? [])) },
    POST: { scope: WRITE, handle: addEntries },
    DELETE: { scope: WRITE, handle: removeEntries },
  } },
];

function withList(c: HandlerContext, then: (b: Blacklist) => SandboxResponse): SandboxResponse {
  const found = c.store.blacklists.find((b) => b.id === c.params.id);
  return found ? then(found) : resourceNotFound('BLACKLIST_NOT_FOUND', 'Blacklist', c.params.id, 'blacklist_id');
}

function createBlacklist(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return validationFailed(body.errors);
  const checked = validateBlacklist(body.value);
  if (!checked.ok) return validationFailed(checked.errors);
  const now = c.store.stamp();
  const created: Blacklist = { id: c.newId(), ...checked.value, entry_count: 0, created_at: now, updated_at: now };
  c.store.addBlacklist(created);
  return json(201, created, { location: `/api/v1/blacklists/${created.id}` });
}

// The body is checked before the blacklist is looked up, as FastAPI validates a request before its handler runs.
function addEntries(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return validationFailed(body.errors);
  const checked = validateEntries(body.value);
  if (!checked.ok) return validationFailed(checked.errors);
  return withList(c, (b) => {
    const { added, skipped } = c.store.addEntries(b, checked.value, () => c.newId());
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
