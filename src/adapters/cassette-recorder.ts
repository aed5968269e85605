import type { Interaction } from '../core/cassette-codec.js';
import type { Redactor } from '../core/redact.js';
import type { HttpResult } from './http.js';
import { appendToCassette, prepareRecording, rescueRecording } from './cassette.js';

/**
 * Records each attempt of a call as soon as it completes, so a run killed mid-way keeps what happened. When the
 * cassette cannot be written after a response came, the interactions go to a cassette beside it: nothing is lost.
 */
export class CassetteRecorder {
  private readonly unsaved: Interaction[] = [];
  private rescuePath: string | null = null;

  private constructor(private readonly file: string, private readonly warn: (line: string) => void) {}

  /** Checks and locks the target before any request is sent; throws an InputError (exit 2) when it cannot be used. */
  static async open(file: string, warn: (line: string) => void): Promise<CassetteRecorder> {
    await prepareRecording(file);
    return new CassetteRecorder(file, warn);
  }

  /** Appends one interaction, or saves it beside the cassette when the cassette refuses it. */
  async add(interaction: Interaction): Promise<void> {
    if (this.rescuePath === null) {
      try {
        await appendToCassette(this.file, [interaction]);
        return;
      } catch (e) {
        this.warn(`cannot record into ${this.file}: ${(e as Error).message}`);
      }
    }
    this.unsaved.push(interaction);
    try {
      const first = this.rescuePath === null;
      this.rescuePath = await rescueRecording(this.file, this.unsaved, this.rescuePath);
      if (first) this.warn(`the recording of this run is saved in ${this.rescuePath} instead`);
    } catch (e) {
      this.warn((e as Error).message);
    }
  }
}

/** The interaction `--record` writes for one attempt, every secret masked. */
export function interactionOf(r: HttpResult, attempt: number, request: { method: string; headers: Record<string, string>; body?: string },
  url: string, redact: Redactor): Interaction {
  const a = r.attempt;
  return {
    recordedAt: new Date(r.startedAt).toISOString(), attempt,
    request: { method: request.method, url, headers: redact.headers(request.headers), body: request.body === undefined ? null : redact.text(request.body) },
    response: a.transport ? null : { status: a.status ?? 0, headers: redact.headers(a.headers), ...recordedBody(r, redact) },
    transport: a.transport ? { code: a.transport.code, message: redact.text(a.transport.message) } : null,
    durationMs: r.durationMs,
  };
}

/**
 * Text is recorded as text; data (an export, an image, text in another charset) as base64 of its bytes, which a
 * JSON string of decoded text would corrupt. Secrets are masked in the bytes as `call` masks what it writes.
 */
function recordedBody(r: HttpResult, redact: Redactor): { body: string; bodyEncoding?: 'base64' } {
  if (r.kind === 'text') return { body: redact.text(r.attempt.body) };
  return { body: redact.bytes(r.bytes).toString('base64'), bodyEncoding: 'base64' };
}
