import type { CommandContext } from './context.js';
import { ConfigError } from '../core/errors.js';
import type { Catalog } from '../core/catalog.js';
import { entriesFromConfig } from '../core/config-schema.js';
import { defaultCatalog } from '../data/catalog.js';

/** The built-in catalog extended with the config file's `codes`, when there are any. */
export async function catalogFor(ctx: CommandContext): Promise<Catalog> {
  const loaded = await ctx.config();
  return catalogWith(loaded?.config.codes, loaded?.file ?? '');
}

/** The built-in catalog extended with `codes` as a config file (named `file` in errors) states them. */
export function catalogWith(codes: unknown, file: string): Catalog {
  if (!codes) return defaultCatalog;
  const { entries, errors } = entriesFromConfig(codes as Parameters<typeof entriesFromConfig>[0], defaultCatalog, file);
  if (errors.length > 0) throw new ConfigError(`config file ${file}: ${errors.join('; ')}`);
  return defaultCatalog.extend(entries);
}
