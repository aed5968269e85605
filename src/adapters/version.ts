import { createRequire } from 'node:module';

/** Set by the bundle (scripts/bundle.mjs), which so needs no package.json at run time. */
declare const OP_ERRORS_VERSION: string | undefined;

/** The package version: the bundle's own, or from package.json two folders up (dist/cli/, and src/ in tests). */
export const VERSION = typeof OP_ERRORS_VERSION === 'string' ? OP_ERRORS_VERSION
  : (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
