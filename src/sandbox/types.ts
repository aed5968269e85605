import type { RecordedExchange } from '../core/recording.js';
import { SCENARIOS } from '../core/config-schema.js';
import type { StoreLimits } from './budget.js';

/** The error envelopes OpenProspect's docs show: flat `{code, message}` (current), nested `{error: {code}}`, legacy `{error: CODE}`. */
export const ENVELOPES = ['flat', 'nested', 'legacy'] as const;

/** One error envelope. */
export type Envelope = (typeof ENVELOPES)[number];

/** The scripted failure modes `serve --scenario` offers (the one list lives with the config schema). */
export { SCENARIOS };

/** One scripted failure mode. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** What each scenario does, for the banner and the help. */
export const SCENARIO_SUMMARIES: Readonly<Record<ScenarioName, string>> = {
  flaky: 'each method and path answers 503, 503, then normally, and again',
  'rate-limited': 'each key may send 3 requests per 10 s, then gets 429 with Retry-After',
  outage: 'every request answers 503 with Retry-After: 5',
  slow: 'every response is delayed (35 s by default, past a 30 s client timeout)',
  reset: 'every other request has its connection dropped without a response',
  gateway: "nginx's HTML 502 and 504 pages, alternately",
};

/** A fixed-window request quota per key. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** How to start a sandbox. */
export interface SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback only: the sandbox accepts test keys and must not be reachable from other machines. */
  host?: '127.0.0.1';
  scenario?: ScenarioName;
  /** Share of requests (0..1) that answer 503 on top of the scenario. */
  failRate?: number;
  /** Delay of every response under the `slow` scenario (default 35,000 ms). */
  slowMs?: number;
  /** Recorded exchanges to answer with instead of the simulated API. */
  playback?: PlaybackSource;
  /** Default 120 requests per 60 s; the `rate-limited` scenario uses 3 per 10 s. */
  rateLimit?: RateLimit;
  /** Receives one line per request. */
  log?: (line: string) => void;
  /** Source of randomness for `failRate` (0 ≤ x < 1). */
  random?: () => number;
  /** Clock (ms since the epoch) for rate-limit windows and timestamps. */
  now?: () => number;
  /** The error envelope the simulated API answers in (default flat). */
  envelope?: Envelope;
  /** How much of what clients create the sandbox keeps. */
  storeLimits?: StoreLimits;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL of the API, e.g. http://127.0.0.1:4010/api/v1. */
  url: string;
  port: number;
  /** Stops listening, drops open connections and cancels pending delays. */
  close(): Promise<void>;
}

/** A response to send: status, headers, body text and the code to log. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The error code (or a short label) shown in the request log; null for a success. */
  label: string | null;
  /** A flat error body as an object, kept so that `--envelope` can reshape it. */
  error?: { code: string; message: string; [extra: string]: unknown };
}

/** A response, or `reset`: the connection is destroyed without one. */
export type Reply = SandboxResponse | PlayedBytes | 'reset';

/** A recorded body of data, played back as the bytes it was. */
export type PlayedBytes = Omit<SandboxResponse, 'body'> & { body: Uint8Array };

/** A request as the handlers see it. */
export interface SandboxRequest {
  method: string;
  /** Path without the query, trailing slash removed. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The client's address, used as the rate-limit key when no known key is sent. */
  remote: string;
}

/**
 * Recorded exchanges to answer with: for each method and path (as the playback keys them) the numbers of its
 * exchanges in recorded order, and each exchange when it is asked for (from memory, or read from its file).
 */
export interface PlaybackSource {
  count: number;
  queues: ReadonlyMap<string, readonly number[]>;
  exchange(i: number): Promise<RecordedExchange> | RecordedExchange;
  /** Lets the recording go when the sandbox closes. */
  close?(): Promise<void>;
}
