/** The command line is wrong: bad flag value, missing argument. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The input could not be read or understood. Exit 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** The config file is missing, unreadable or holds a bad setting. Exit 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
