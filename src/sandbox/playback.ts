import { type RecordedExchange, pathOf } from '../core/recording.js';
import { codeOf, json, notFound } from './reply.js';
import type { Reply } from './types.js';

// These describe the recorded connection and encoding, not the response: node sets its own.
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'keep-alive']);

/** Answers each method and path with its recorded responses, in order, once each. */
export class Playback {
  private readonly queues = new Map<string, RecordedExchange[]>();
  private readonly served = new Map<string, number>();

  constructor(private readonly exchanges: readonly RecordedExchange[]) {
    for (const e of exchanges) {
      const key = keyOf(e.method, pathOf(e.url));
      const queue = this.queues.get(key) ?? [];
      queue.push(e);
      this.queues.set(key, queue);
    }
  }

  /** Whether anything was recorded for this method and path. */
  has(method: string, path: string): boolean {
    return this.queues.has(keyOf(method, path));
  }

  /** The next recorded response for the request, or a 404 that says why there is none. */
  answer(method: string, path: string): Reply {
    const key = keyOf(method, path);
    const queue = this.queues.get(key);
    if (!queue) return notFound(`No recorded response for ${key}: ${this.inventory()}`);
    const n = this.served.get(key) ?? 0;
    if (n >= queue.length) {
      return notFound(`No more recorded responses for ${key} (${queue.length} ${queue.length === 1 ? 'was' : 'were'} recorded)`);
    }
    this.served.set(key, n + 1);
    const { attempt } = queue[n];
    if (attempt.transport || attempt.status === null || attempt.status === 0) return 'reset';
    // A 1xx is not a final response: sent as one it leaves the client waiting for ever.
    if (attempt.status < 200 || attempt.status > 599) return unplayable(key, attempt.status);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(attempt.headers)) {
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    }
    return { status: attempt.status, headers, body: attempt.body, label: attempt.status < 400 ? null : codeOf(attempt.body) };
  }

  private inventory(): string {
    const total = this.exchanges.length;
    if (total === 0) return 'the recording is empty';
    const keys = [...this.queues.keys()];
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
