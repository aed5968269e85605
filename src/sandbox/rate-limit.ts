import type { RateLimit } from './types.js';

/** The default quota of each key. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 120, windowMs: 60_000 };

/** The quota of the `rate-limited` scenario: small enough to reach by hand. */
export const SCENARIO_RATE_LIMIT: RateLimit = { limit: 3, windowMs: 10_000 };

/** The outcome of one request against the quota. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (at least 1). */
  retryAfter: number;
  /** X-RateLimit-Limit, -Remaining and -Reset (epoch seconds). */
  headers: Record<string, string>;
}

/** A fixed-window counter per key. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly config: RateLimit, private readonly now: () => number) {}

  /** Counts one request for `key` and says whether it fits in the current window. */
  take(key: string): RateDecision {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now >= w.start + this.config.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.prune(now);
    }
    const allowed = w.count < this.config.limit;
    if (allowed) w.count++;
    const resetAt = w.start + this.config.windowMs;
    return {
      allowed,
      retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)),
      headers: {
        'x-ratelimit-limit': String(this.config.limit),
        'x-ratelimit-remaining': String(Math.max(0, this.config.limit - w.count)),
        'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
      },
    };
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (now >= w.start + this.config.windowMs) this.windows.delete(key);
  }
}
