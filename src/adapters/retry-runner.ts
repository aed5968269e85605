import { type Clock, MAX_TIMER_MS } from '../core/retry-loop.js';

export type { AttemptRecord } from '../core/retry-policy.js';

/**
 * A sleep that an AbortSignal cuts short by rejecting. Waits longer than one Node timer can hold (about
 * 24.8 days) are slept in pieces, since a single timer would overflow and fire after 1 ms.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    let remaining = Math.max(0, ms);
    let timer: NodeJS.Timeout;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const arm = () => {
      const piece = Math.min(remaining, MAX_TIMER_MS);
      remaining -= piece;
      timer = setTimeout(() => {
        if (remaining > 0) return arm();
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, piece);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    arm();
  });
}

/** The wall clock for `call`: Date.now-like time from `now`, waits that Ctrl-C or a signal interrupts. */
export function realClock(
  now: () => number, signal: AbortSignal, sleep: (ms: number, signal: AbortSignal) => Promise<void> = abortableSleep,
): Clock {
  return { now, sleep: (ms) => sleep(ms, signal) };
}
