import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type FileConfig, validateConfig } from '../core/config-schema.js';
import { ConfigError } from '../core/errors.js';

/** The file names looked for in each folder, in order (cosmiconfig's for module name "openprospect"). */
export const SEARCH_PLACES = [
  'package.json', '.openprospectrc', '.openprospectrc.json', '.openprospectrc.yaml', '.openprospectrc.yml',
  '.openprospectrc.js', '.openprospectrc.cjs', '.openprospectrc.mjs',
  'openprospect.config.js', 'openprospect.config.cjs', 'openprospect.config.mjs',
];
const USER_PLACES = ['config', 'config.json', 'config.yaml', 'config.yml', 'config.js', 'config.cjs', 'config.mjs'];

/** A config file that was found and read. */
export interface LoadedConfig {
  file: string;
  config: FileConfig;
  /** Notes on old key names that still work. */
  warnings: string[];
}

/**
 * Finds the config file: from `cwd` up to the project root (the first folder with a package.json), then
 * the user's folder ($XDG_CONFIG_HOME or ~/.config)/openprospect/. Only file existence is checked, so
 * commands without a config never load cosmiconfig.
 */
export function findConfigFile(cwd: string, env: Record<string, string | undefined>): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of SEARCH_PLACES) {
      const file = join(dir, name);
      if (existsSync(file) && (name !== 'package.json' || hasPackageKey(file))) return file;
    }
    const parent = dirname(dir);
    if (existsSync(join(dir, 'package.json')) || parent === dir) break;
    dir = parent;
  }
  const userDir = join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'openprospect');
  for (const name of USER_PLACES) {
    const file = join(userDir, name);
    if (existsSync(file)) return file;
  }
  return null;
}

function hasPackageKey(file: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return pkg.openprospect !== undefined;
  } catch {
    return false;
  }
}

/** Loads and checks one config file with cosmiconfig; any problem is a ConfigError naming file and key. */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  if (!existsSync(file)) throw new ConfigError(`config file ${file} does not exist`);
  // Bundled, this CommonJS package arrives as a default export only; unbundled it has both.
  const { cosmiconfig } = (await import('cosmiconfig')).default;
  let raw: unknown;
  try {
    const result = await cosmiconfig('openprospect', { searchStrategy: 'none' }).load(file);
    raw = result?.config;
  } catch (e) {
    const first = String((e as Error).message).split('\n')[0];
    throw new ConfigError(`cannot read config file ${file}: ${first}`);
  }
  const { config, errors, warnings } = validateConfig(raw);
  if (errors.length > 0) throw new ConfigError(`config file ${file}: ${errors.join('; ')}`);
  return { file, config, warnings };
}

/** The config in force: the --config file, or the one found from `cwd`; null when there is none. */
export async function readConfig(explicit: string | undefined, cwd: string, env: Record<string, string | undefined>):
  Promise<LoadedConfig | null> {
  const file = explicit ? resolve(cwd, explicit) : findConfigFile(cwd, env);
  return file ? loadConfigFile(file) : null;
}
