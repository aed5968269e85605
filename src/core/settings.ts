import type { FileConfig, Jitter } from './config-schema.js';
import { UsageError } from './errors.js';
import { maskUserinfo } from './redact.js';

/** Where a path is sent when nothing else is configured. */
export const DEFAULT_BASE_URL = 'https://api.openprospect.io/api/v1';
/** The environment variable that holds the API key unless the config names another. */
export const DEFAULT_KEY_ENV = 'OPENPROSPECT_API_KEY';

/** The settings call, doctor, replay and serve share, each named like its flag and its config key. */
export interface Settings {
  baseUrl: string;
  apiKeyEnv: string;
  /** Seconds per attempt. */
  timeout: number;
  retry: number;
  /** Seconds: the first backoff wait. */
  retryBaseDelay: number;
  /** Seconds. */
  retryMaxDelay: number;
  /** Seconds. */
  retryMaxTime: number;
  jitter: Jitter;
}

/** The defaults, in one place; a command may change one (doctor waits 10 s, not 30). */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  baseUrl: DEFAULT_BASE_URL, apiKeyEnv: DEFAULT_KEY_ENV, timeout: 30, retry: 0, retryBaseDelay: 1, retryMaxDelay: 30, retryMaxTime: 300, jitter: 'full',
};

/** doctor's defaults: the shared ones with a shorter wait, since it probes rather than works. */
export const DOCTOR_DEFAULTS: Readonly<Settings> = { ...DEFAULT_SETTINGS, timeout: 10 };

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** The settings in force: defaults < config file < environment < flags. Pure: the caller reads files and env. */
export function resolveSettings(
  flags: Partial<Settings>, config: FileConfig | null, env: Record<string, string | undefined>,
  defaults: Readonly<Settings> = DEFAULT_SETTINGS,
): Settings {
  const fromEnv: Partial<Settings> = { baseUrl: env.OPENPROSPECT_BASE_URL?.trim() || undefined };
  const out: Settings = { ...defaults };
  for (const layer of [config ?? {}, fromEnv, flags] as Partial<Settings>[]) {
    for (const key of KEYS) if (layer[key] !== undefined) Object.assign(out, { [key]: layer[key] });
  }
  checkBaseUrl(out.baseUrl, flags.baseUrl !== undefined ? '--base-url' : fromEnv.baseUrl !== undefined ? 'OPENPROSPECT_BASE_URL' : 'baseUrl');
  return out;
}

/** Refuses a base URL that is not http(s): a usage error naming where it came from. */
function checkBaseUrl(base: string, from: string): void {
  let url: URL | null = null;
  try {
    url = new URL(base);
  } catch {
    // reported below
  }
  if (!url) throw new UsageError(`${from}: '${maskUserinfo(base)}' is not a URL`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${from}: '${maskUserinfo(base)}' is not an http:// or https:// URL`);
  }
}
