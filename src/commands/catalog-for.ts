import type { CommandContext } from './context.js';
import { ConfigError } from '../core/errors.js';
import type { Catalog } from '../core/catalog.js';
import { entriesFromConfig } from '../core/config-schema.js';
import { defaultCatalog } from '../data/catalog.js';

/** The built-in catalog extended with the config file's `codes`, when there are any. */
export async function catalogFor(ctx: CommandContext): Promise<Catalog> {
  const loaded = await ctx.config();
  if (!loaded?.config.codes) return defaultCatalog;
  const { entries, errors } = entriesFromConfig(loaded.config.codes, defaultCatalog, loaded.file);
  if (errors.length > 0) throw new ConfigError(`config file ${loaded.file}: ${errors.join('; ')}`);
  return defaultCatalog.extend(entries);
}
