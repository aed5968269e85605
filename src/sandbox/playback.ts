import { type RecordedExchange, pathOf } from '../core/recording.js';
import { codeOf, json, notFound } from './reply.js';
import type { PlaybackSource, Reply } from './types.js';

// These describe the recorded connection and encoding, not the response: node sets its own.
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'keep-alive']);

/** Recorded exchanges held in memory, as a playback source. */
export function playbackOf(exchanges: readonly RecordedExchange[]): PlaybackSource {
  const queues = new Map<string, number[]>();
  exchanges.forEach((e, i) => enqueue(queues, e, i));
  return { count: exchanges.length, queues, exchange: (i) => exchanges[i] };
}

/** Files an exchange's number under its method and path. */
export function enqueue(queues: Map<string, number[]>, e: RecordedExchange, i: number): void {
  const key = keyOf(e.method, pathOf(e.url));
  const queue = queues.get(key);
  if (queue) queue.push(i);
  else queues.set(key, [i]);
}

/** Answers each method and path with its recorded responses, in order, once each. */
export class Playback {
  private readonly served = new Map<string, number>();

  constructor(private readonly source: PlaybackSource) {}

  /** Whether anything was recorded for this method and path. */
  has(method: string, path: string): boolean {
    return this.source.queues.has(keyOf(method, path));
  }

  /** The next recorded response for the request, or a 404 that says why there is none. */
  async answer(method: string, path: string): Promise<Reply> {
    const key = keyOf(method, path);
    const queue = this.source.queues.get(key);
    if (!queue) return notFound(`No recorded response for ${key}: ${this.inventory()}`);
    const n = this.served.get(key) ?? 0;
    if (n >= queue.length) {
      return notFound(`No more recorded responses for ${key} (${queue.length} ${queue.length === 1 ? 'was' : 'were'} recorded)`);
    }
    this.served.set(key, n + 1);
    const { attempt } = await this.source.exchange(queue[n]);
    if (attempt.transport || attempt.status === null || attempt.status === 0) return 'reset';
    // A 1xx is not a final response: sent as one it leaves the client waiting for ever.
    if (attempt.status < 200 || attempt.status > 599) return unplayable(key, attempt.status);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(attempt.headers)) {
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    }
    const label = attempt.status < 400 ? null : codeOf(attempt.body);
    return attempt.bytes ? { status: attempt.status, headers, body: attempt.bytes, label } : { status: attempt.status, headers, body: attempt.body, label };
  }

  private inventory(): string {
    const total = this.source.count;
    if (total === 0) return 'the recording is empty';
    const keys = [...this.source.queues.keys()];
    const shown = keys.slice(0, 5).join(', ') + (keys.length > 5 ? `, and ${keys.length - 5} more` : '');
    return `the recording holds ${total} exchange${total === 1 ? '' : 's'}, for ${shown}`;
  }
}

function keyOf(method: string, path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return `${method.toUpperCase()} ${trimmed}`;
}

function unplayable(key: string, status: number): Reply {
  return json(502, {
    code: 'BAD_GATEWAY',
    message: `The recording answers ${key} with status ${status}, which is not a final HTTP response and cannot be replayed`,
  });
}
