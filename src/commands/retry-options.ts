import { JITTERS } from '../core/config-schema.js';
import { parseCount, parseSeconds } from '../core/option-values.js';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.js';
import type { OptionDef } from './definition.js';

/** The retry flags of call and replay, as their options carry them. */
export interface RetryOptions extends Partial<Pick<Settings, 'retry' | 'retryBaseDelay' | 'retryMaxDelay' | 'retryMaxTime' | 'jitter'>> {
  retryUnsafe?: boolean;
}

/** The retry options call and replay share; their defaults come from the options resolver. */
export const RETRY_OPTIONS: OptionDef<keyof RetryOptions>[] = [
  { key: 'retry', value: '<n>', description: 'retry retryable outcomes up to n times (0: off)', parse: parseCount, default: DEFAULT_SETTINGS.retry, layered: true },
  { key: 'retryBaseDelay', value: '<seconds>', description: 'first backoff wait; each later one doubles', parse: parseSeconds, default: DEFAULT_SETTINGS.retryBaseDelay, layered: true },
  { key: 'retryMaxDelay', value: '<seconds>', description: 'cap on one computed backoff wait', parse: parseSeconds, default: DEFAULT_SETTINGS.retryMaxDelay, layered: true },
  { key: 'retryMaxTime', value: '<seconds>', description: 'deadline for all attempts and waits together', parse: parseSeconds, default: DEFAULT_SETTINGS.retryMaxTime, layered: true },
  { key: 'jitter', value: '<kind>', description: 'backoff jitter', choices: JITTERS, default: DEFAULT_SETTINGS.jitter, layered: true },
  { key: 'retryUnsafe', description: 'retry POST/PATCH on any retryable outcome, even without an idempotency key' },
];
