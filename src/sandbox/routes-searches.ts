import { parseBody } from './pydantic.js';
import { conflict, entityNotFound, invalidInput, json } from './reply.js';
import type { HandlerContext, Handlers } from './router.js';
import { blacklistNotFound } from './routes-blacklists.js';
import { searchNotFound } from './routes-companies.js';
import { list } from './routes-orders.js';
import type { ProspectSearch } from './seed.js';
import { page } from './store.js';
import type { SandboxResponse } from './types.js';
import { validateAssignment, validateProfileCreation, validateSearchPatch } from './validate-search.js';

/** The prospect-search endpoints, their blacklist assignment, and search-profile creation. */
export const searchHandlers: Handlers = {
  'GET /prospect-searches': (c) => list(c, c.store.searches),
  'GET /prospect-searches/{prospect_search_id}': (c) => withSearch(c, (s) => json(200, s)),
  'PATCH /prospect-searches/{prospect_search_id}': patchSearch,
  'GET /prospect-searches/{prospect_search_id}/blacklists': (c) => withSearch(c, (s) => assigned(c, s)),
  'PUT /prospect-searches/{prospect_search_id}/blacklists': assignBlacklists,
  'POST /search-profile-creations': createProfile,
  'GET /search-profile-creations/{profile_creation_id}': pollProfile,
};

function withSearch(c: HandlerContext, then: (s: ProspectSearch) => SandboxResponse): SandboxResponse {
  const found = c.store.searches.find((s) => s.id === c.params.prospect_search_id);
  return found ? then(found) : searchNotFound(c.params.prospect_search_id);
}

function assigned(c: HandlerContext, s: ProspectSearch): SandboxResponse {
  const ids = c.store.assignments.get(s.id) ?? [];
  return json(200, page(c.store.blacklists.filter((b) => ids.includes(b.id)), 100, 0));
}

// Optimistic locking as documented: the version sent must be the current one; a mismatch is a 409.
function patchSearch(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return invalidInput(body.errors);
  const checked = validateSearchPatch(body.value);
  if (!checked.ok) return invalidInput(checked.errors);
  return withSearch(c, (s) => {
    const { version, changes, stripped } = checked.value;
    if (version !== s.version) {
      return conflict('CONCURRENT_MODIFICATION',
        `Prospect search ${s.id} is at version ${s.version}, not ${version}: fetch it again and reapply your change`,
        { current_version: s.version, sent_version: version });
    }
    Object.assign(s, changes, { version: s.version + 1, updated_at: c.store.stamp() });
    return json(200, { ...s, stripped_fields: stripped });
  });
}

function assignBlacklists(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return invalidInput(body.errors);
  const checked = validateAssignment(body.value);
  if (!checked.ok) return invalidInput(checked.errors);
  return withSearch(c, (s) => {
    const unknown = checked.value.find((id) => !c.store.blacklists.some((b) => b.id === id));
    if (unknown !== undefined) return blacklistNotFound(unknown);
    c.store.assignments.set(s.id, [...new Set(checked.value)]);
    return assigned(c, s);
  });
}

// The Idempotency-Key is required; reusing it with the same body answers the first creation again.
function createProfile(c: HandlerContext): SandboxResponse {
  const header = c.req.headers['idempotency-key'];
  const key = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (key === '') {
    return invalidInput([{ type: 'missing', loc: ['header', 'Idempotency-Key'], msg: 'Field required', input: null }]);
  }
  const seen = c.store.idempotency.get(key);
  if (seen) {
    if (seen.body !== c.req.body) {
      return conflict('CONFLICT', 'This Idempotency-Key was already used with a different request body: send a new key for a new request');
    }
    const first = c.store.profileCreations.get(seen.id);
    if (first) return json(201, first, { location: `/api/v1/search-profile-creations/${first.id}` });
  }
  const body = parseBody(c.req.body);
  if (!body.ok) return invalidInput(body.errors);
  const checked = validateProfileCreation(body.value);
  if (!checked.ok) return invalidInput(checked.errors);
  const now = c.store.stamp();
  const creation = { id: c.newId(), status: 'PENDING' as const, profile_name: checked.value, profile_id: null, created_at: now, updated_at: now };
  c.store.addProfileCreation(creation, key, c.req.body);
  return json(201, creation, { location: `/api/v1/search-profile-creations/${creation.id}` });
}

function pollProfile(c: HandlerContext): SandboxResponse {
  const creation = c.store.profileCreations.get(c.params.profile_creation_id);
  if (!creation) return entityNotFound('profile_creation', c.params.profile_creation_id);
  if (creation.status !== 'SUCCEEDED') {
    creation.status = creation.status === 'PENDING' ? 'RUNNING' : 'SUCCEEDED';
    if (creation.status === 'SUCCEEDED') creation.profile_id = c.newId();
    creation.updated_at = c.store.stamp();
  }
  return json(200, creation);
}
