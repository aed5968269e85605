import { parseBody, readPage } from './pydantic.js';
import { encodedJson, invalidInput, json, resourceNotFound, validationFailed } from './reply.js';
import type { HandlerContext, Handlers } from './router.js';
import type { Order } from './seed.js';
import { page, pageJson } from './store.js';
import type { SandboxResponse } from './types.js';
import { validateOrder } from './validate-order.js';

const orderNotFound = (id: string) => resourceNotFound('ORDER_NOT_FOUND', 'Order', id, 'order_id');

/** GET /auth/validate and the order endpoints. */
export const orderHandlers: Handlers = {
  'GET /auth/validate': (c) => json(200, { valid: true, scopes: [...c.scopes] }),
  'GET /orders': (c) => list(c, c.store.orders),
  'POST /orders': createOrder,
  'GET /orders/{order_id}': (c) => withOrder(c, (o) => json(200, o)),
  'GET /orders/{order_id}/results': (c) => withOrder(c, (o) => results(c, o)),
};

/** A paginated list of `items` as the query's limit and offset ask. */
export function list(c: HandlerContext, items: readonly unknown[]): SandboxResponse {
  const p = readPage(c.req.query);
  return p.ok ? encodedJson(200, pageJson(items, p.limit, p.offset)) : invalidInput(p.errors);
}

function withOrder(c: HandlerContext, then: (o: Order) => SandboxResponse): SandboxResponse {
  const order = c.store.orders.find((o) => o.id === c.params.order_id);
  return order ? then(order) : orderNotFound(c.params.order_id);
}

function results(c: HandlerContext, order: Order): SandboxResponse {
  const p = readPage(c.req.query);
  if (!p.ok) return invalidInput(p.errors);
  // Results exist only once the order is fulfilled; before that the list is empty, not an error.
  const items = order.status === 'COMPLETED' ? c.store.results.get(order.id) ?? [] : [];
  return json(200, { order_id: order.id, status: order.status, ...page(items, p.limit, p.offset) });
}

function createOrder(c: HandlerContext): SandboxResponse {
  const body = parseBody(c.req.body);
  if (!body.ok) return validationFailed(body.errors);
  const checked = validateOrder(body.value);
  if (!checked.ok) return validationFailed(checked.errors);
  const input = checked.value;
  const now = c.store.stamp();
  const order: Order = {
    id: c.newId(), title: input.title, order_type: input.order_type, status: 'RECEIVED', features: input.features,
    profile_id: input.profile_id, profile_name: input.profile_name,
    briefing_quantity: input.briefing_quantity ?? input.companies.length, companies_count: input.companies.length,
    message: null, created_at: now, updated_at: now,
  };
  c.store.addOrder(order, input.companies.map((co) => ({
    source_id: input.order_type === 'ENRICHMENT' ? co.external_id : null, company_name: co.company_name,
    website_url: co.website_url, city: co.city, country: co.country, contacts: [],
  })), c.req.body.length);
  return json(201, order, { location: `/api/v1/orders/${order.id}` });
}
