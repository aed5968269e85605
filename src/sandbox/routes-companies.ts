import { QueryReader } from './query.js';
import { entityNotFound, invalidInput, json, resourceNotFound } from './reply.js';
import type { HandlerContext, Handlers } from './router.js';
import type { Company } from './seed-companies.js';
import { page } from './store.js';
import type { SandboxResponse } from './types.js';

const REVIEW = ['accepted', 'rejected', 'pending'] as const;

/** 404 PROSPECT_SEARCH_NOT_FOUND for an id that is not one of the caller's prospect searches. */
export const searchNotFound = (id: string): SandboxResponse =>
  resourceNotFound('PROSPECT_SEARCH_NOT_FOUND', 'ProspectSearch', id, 'prospect_search_id');

/** The company, prospect and delivery endpoints. */
export const companyHandlers: Handlers = {
  'GET /companies': listCompanies,
  'GET /companies/{company_id}': (c) => withCompany(c, (co) => json(200, co)),
  'GET /companies/{company_id}/jobs': (c) => withCompany(c, (co) => paged(c, c.store.jobs.filter((j) => j.company_id === co.id))),
  'GET /companies/{company_id}/jobs/summary': (c) => withCompany(c, (co) => {
    const jobs = c.store.jobs.filter((j) => j.company_id === co.id);
    const departments: Record<string, number> = {};
    for (const j of jobs) departments[j.department] = (departments[j.department] ?? 0) + 1;
    const latest = jobs.map((j) => j.posted_at).sort().pop() ?? null;
    return json(200, { company_id: co.id, total_jobs: jobs.length, hiring: jobs.length > 0, departments, latest_posted_at: latest });
  }),
  'GET /companies/{company_id}/webtech-intel': (c) => withCompany(c, (co) => paged(c, c.store.technologies.get(co.id) ?? [])),
  'GET /companies/{company_id}/webtech-intel/summary': (c) => withCompany(c, (co) => {
    const tech = c.store.technologies.get(co.id) ?? [];
    return json(200, {
      company_id: co.id, technology_count: tech.length, categories: [...new Set(tech.map((t) => t.category))].sort(),
      last_seen: tech.map((t) => t.last_seen).sort().pop() ?? null,
    });
  }),
  'GET /prospects': listProspects,
  'GET /prospects/{prospect_id}': (c) => {
    const found = c.store.prospects.find((p) => p.id === c.params.prospect_id);
    return found ? json(200, found) : entityNotFound('prospect', c.params.prospect_id);
  },
  'GET /deliveries/{prospect_search_id}/companies': deliveredCompanies,
};

function withCompany(c: HandlerContext, then: (co: Company) => SandboxResponse): SandboxResponse {
  const found = c.store.companies.find((co) => co.id === c.params.company_id);
  return found ? then(found) : entityNotFound('company', c.params.company_id);
}

function paged(c: HandlerContext, items: readonly unknown[]): SandboxResponse {
  const q = new QueryReader(c.req.query);
  const { limit, offset } = q.page();
  return q.errors.length > 0 ? invalidInput(q.errors) : json(200, page(items, limit, offset));
}

// Query parameters are checked before the search is looked up, as FastAPI validates before the handler runs.
function listCompanies(c: HandlerContext): SandboxResponse {
  const q = new QueryReader(c.req.query);
  const searchId = q.uuid('prospect_search_id', true);
  const { limit, offset } = q.page();
  const minScore = q.number('min_match_score', 0, 10);
  const single = q.oneOf('review_status', REVIEW);
  const several = q.oneOf('review_status_list', REVIEW);
  const text = q.text('search')?.toLowerCase() ?? null;
  if (q.errors.length > 0) return invalidInput(q.errors);
  if (!c.store.searches.some((s) => s.id === searchId)) return searchNotFound(searchId as string);
  // The docs prefer review_status_list over review_status when both are sent.
  const statuses = c.req.query.has('review_status_list') ? several : single;
  const items = c.store.companies.filter((co) => co.prospect_search_id === searchId
    && (minScore === null || co.match_score >= minScore)
    && (statuses.length === 0 || statuses.includes(co.review_status))
    && (text === null || matchesText(c, co, text)));
  return json(200, page(items, limit, offset));
}

function matchesText(c: HandlerContext, co: Company, text: string): boolean {
  const contacts = c.store.prospects.filter((p) => p.company_id === co.id).map((p) => `${p.first_name} ${p.last_name} ${p.job_title}`);
  return [co.name, co.city, co.business_type, ...contacts].some((s) => s.toLowerCase().includes(text));
}

function listProspects(c: HandlerContext): SandboxResponse {
  const q = new QueryReader(c.req.query);
  const { limit, offset } = q.page();
  const companyId = q.uuid('company_id');
  const searchId = q.uuid('prospect_search_id');
  if (q.errors.length > 0) return invalidInput(q.errors);
  const items = c.store.prospects.filter((p) => (companyId === null || p.company_id === companyId)
    && (searchId === null || p.prospect_search_id === searchId));
  return json(200, page(items, limit, offset));
}

// Oldest delivery first, so that a client can store the last delivered_at it saw and pass it next time.
function deliveredCompanies(c: HandlerContext): SandboxResponse {
  const q = new QueryReader(c.req.query);
  const since = q.datetime('delivered_since');
  const { limit, offset } = q.page();
  if (q.errors.length > 0) return invalidInput(q.errors);
  const searchId = c.params.prospect_search_id;
  if (!c.store.searches.some((s) => s.id === searchId)) return searchNotFound(searchId);
  const delivered = c.store.companies
    .filter((co) => co.prospect_search_id === searchId && co.delivered_at !== null && (since === null || Date.parse(co.delivered_at) > since))
    .sort((a, b) => (a.delivered_at as string).localeCompare(b.delivered_at as string))
    .map((co) => ({ ...co, prospects: c.store.prospects.filter((p) => p.company_id === co.id) }));
  return json(200, page(delivered, limit, offset));
}
