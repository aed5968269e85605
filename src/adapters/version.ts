import { createRequire } from 'node:module';

/** The package version (dist/cli/ and dist/bundle/ both sit two folders below package.json). */
export const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
