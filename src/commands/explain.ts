import type { CommandContext } from './context.js';
import { EXIT } from '../core/exit.js';
import { UsageError } from '../core/errors.js';
import { catalogFor } from './catalog-for.js';
import type { Catalog } from '../core/catalog.js';
import { encodeJson } from '../render/json.js';
import { type ExplainView, entryJson, renderCodesTable, renderEntry, renderNotFound, renderStatus } from '../render/explain.js';

/** What `explain` and `codes` were asked. */
export interface ExplainOptions {
  query?: string;
  list?: boolean;
  /** With list: only this status. */
  status?: number;
}

/** Explains one code or status, or lists codes; returns the exit code. */
export async function runExplain(opts: ExplainOptions, ctx: CommandContext): Promise<number> {
  const catalog = await catalogFor(ctx);
  const { io, json } = ctx;
  if (opts.list || (opts.query === undefined && opts.status !== undefined)) {
    if (opts.query !== undefined) throw new UsageError('give either a code or --list, not both');
    const entries = opts.status === undefined ? catalog.all() : catalog.withStatus(opts.status);
    if (json) io.out(encodeJson(entries.map(entryJson), 'pretty'));
    else if (entries.length === 0) io.err(`op-errors: no codes are documented with HTTP ${opts.status}\n`);
    else io.out(renderCodesTable(entries, view(ctx)));
    return entries.length === 0 ? EXIT.FAILURE : EXIT.OK;
  }
  if (opts.query === undefined || opts.query.trim() === '') {
    throw new UsageError('explain needs an error code or an HTTP status, e.g. op-errors explain ORDER_NOT_FOUND (or --list)');
  }
  const query = opts.query.trim();
  if (/^\d{3}$/.test(query)) return explainStatus(Number(query), catalog, ctx);
  const entry = catalog.get(query);
  if (!entry) {
    const suggestions = catalog.suggest(query);
    if (json) io.out(encodeJson({ found: false, query, suggestions }, 'pretty'));
    io.err(renderNotFound(query, suggestions));
    return EXIT.FAILURE;
  }
  io.out(json ? encodeJson(entryJson(entry), 'pretty') : renderEntry(entry, view(ctx)));
  return EXIT.OK;
}

async function explainStatus(status: number, catalog: Catalog, ctx: CommandContext): Promise<number> {
  if (status < 100 || status > 599) throw new UsageError(`${status} is not an HTTP status (100-599)`);
  const entries = catalog.withStatus(status);
  if (ctx.json) {
    const generic = catalog.generic(status);
    const codes = entries.filter((e) => e !== generic).map(entryJson);
    ctx.io.out(encodeJson({ status, generic: generic ? entryJson(generic) : null, codes }, 'pretty'));
  } else if (entries.length > 0) ctx.io.out(renderStatus(status, entries, view(ctx)));
  if (entries.length === 0) {
    const kind = status < 400 ? 'is not an error status' : 'has no documented codes';
    ctx.io.err(`op-errors: HTTP ${status} ${kind} in the catalog (op-errors codes lists them all)\n`);
    return EXIT.FAILURE;
  }
  return EXIT.OK;
}

function view(ctx: CommandContext): ExplainView {
  return { theme: ctx.theme, width: ctx.width };
}
