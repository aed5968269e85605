import {
  type PydanticError, missing, notInEnum, stringTooShort, tooLong, tooShort, valueError, wrongType,
} from './pydantic.js';

import { FEATURES } from '../data/features.js';

/** The features an order may ask for. */
export { FEATURES };

const ORDER_TYPES = ['ENRICHMENT', 'DISCOVERY'] as const;
const MAX_COMPANIES = 10_000;

/** One company of an enrichment order. */
export interface CompanyInput {
  company_name: string;
  external_id: string | null;
  website_url: string | null;
  city: string | null;
  country: string | null;
}

/** A POST /orders body that passed validation. */
export interface OrderInput {
  title: string;
  order_type: 'ENRICHMENT' | 'DISCOVERY';
  features: string[];
  profile_id: string | null;
  profile_name: string | null;
  briefing_quantity: number | null;
  companies: CompanyInput[];
}

type Result = { ok: true; value: OrderInput } | { ok: false; errors: PydanticError[] };

/** Checks a POST /orders body the way the API's Pydantic model does, collecting every field error. */
export function validateOrder(body: Record<string, unknown>): Result {
  const errors: PydanticError[] = [];
  const title = optionalString(body, 'title', errors);
  const orderType = body.order_type ?? 'ENRICHMENT';
  if (!ORDER_TYPES.includes(orderType as never)) errors.push(notInEnum(['body', 'order_type'], orderType, ORDER_TYPES));
  const features = readFeatures(body.features, errors);
  const profileId = optionalString(body, 'profile_id', errors);
  const profileName = optionalString(body, 'profile_name', errors);
  const discovery = orderType === 'DISCOVERY';
  const companies = discovery && body.companies === undefined ? [] : readCompanies(body.companies, errors);
  const quantity = discovery ? readQuantity(body.briefing_quantity, errors) : null;
  // Model validators run only once every field is valid, as Pydantic's `mode="after"` validators do.
  if (errors.length === 0 && profileId !== null && profileName !== null) {
    errors.push(valueError(['body'], body, 'Provide either profile_id or profile_name, not both'));
  }
  if (errors.length === 0 && discovery && companies.length > 0) {
    errors.push(valueError(['body'], body, 'companies are not allowed for DISCOVERY orders; send briefing_quantity instead'));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: {
    title: title ?? 'Untitled order', order_type: orderType as OrderInput['order_type'], features, profile_id: profileId,
    profile_name: profileName, briefing_quantity: quantity, companies,
  } };
}

function optionalString(body: Record<string, unknown>, key: string, errors: PydanticError[]): string | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    errors.push(wrongType(['body', key], v, 'string'));
    return null;
  }
  return v;
}

function readFeatures(value: unknown, errors: PydanticError[]): string[] {
  if (value === undefined) return ['COMPANY_DATA'];
  if (!Array.isArray(value)) {
    errors.push(wrongType(['body', 'features'], value, 'list'));
    return [];
  }
  const before = errors.length;
  value.forEach((f, i) => {
    if (!FEATURES.includes(f as never)) errors.push(notInEnum(['body', 'features', i], f, FEATURES));
  });
  if (errors.length === before && new Set(value).size !== value.length) {
    // The docs' table places the duplicate-features error at ["body"], as a model validator reports it.
    errors.push(valueError(['body'], value, 'Duplicate features are not allowed'));
  }
  return value as string[];
}

function readCompanies(value: unknown, errors: PydanticError[]): CompanyInput[] {
  const loc = ['body', 'companies'];
  if (value === undefined) {
    errors.push(missing(loc, null));
    return [];
  }
  if (!Array.isArray(value)) {
    errors.push(wrongType(loc, value, 'list'));
    return [];
  }
  if (value.length < 1) errors.push(tooShort(loc, value, 1));
  if (value.length > MAX_COMPANIES) {
    errors.push(tooLong(loc, value, MAX_COMPANIES));
    return [];
  }
  const out: CompanyInput[] = [];
  value.forEach((c: unknown, i) => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return void errors.push(wrongType([...loc, i], c, 'dict'));
    const o = c as Record<string, unknown>;
    const name = o.company_name;
    if (name === undefined || name === null) errors.push(missing([...loc, i, 'company_name'], o));
    else if (typeof name !== 'string') errors.push(wrongType([...loc, i, 'company_name'], name, 'string'));
    else if (name.trim() === '') errors.push(stringTooShort([...loc, i, 'company_name'], name, 1));
    const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
    out.push({ company_name: String(name ?? ''), external_id: text('external_id'), website_url: text('website_url'),
      city: text('city'), country: text('country') });
  });
  return out;
}

function readQuantity(value: unknown, errors: PydanticError[]): number | null {
  const loc = ['body', 'briefing_quantity'];
  if (value === undefined || value === null) errors.push(missing(loc, null));
  else if (typeof value !== 'number' || !Number.isInteger(value)) errors.push(wrongType(loc, value, 'int'));
  else if (value < 1) {
    errors.push({ type: 'greater_than_equal', loc, msg: 'Input should be greater than or equal to 1', input: value, ctx: { ge: 1 } });
  } else return value;
  return null;
}
