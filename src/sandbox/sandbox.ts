import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PREFIX, SimulatedApi } from './api.js';
import { MAX_BODY_BYTES, hasBody, logLine, readBody, sendReply } from './http-io.js';
import { bearerKey } from './keys.js';
import { Playback } from './playback.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, SCENARIO_RATE_LIMIT } from './rate-limit.js';
import { badRequest, internalError, json, methodNotAllowed, payloadTooLarge, rateLimited } from './reply.js';
import { reshape } from './envelope.js';
import { remembered } from './remember.js';
import { type Target, parseTarget } from './request-target.js';
import { DEFAULT_SLOW_MS, ScenarioScript } from './scenarios.js';
import type { Reply, Sandbox, SandboxOptions, SandboxRequest } from './types.js';

/** The sandbox's option and result types, for callers that import only this module. */
export type { Reply, Sandbox, SandboxOptions, ScenarioName } from './types.js';

const HEALTH_PATHS = new Set(['/health', `${API_PREFIX}/health`]);

/** Starts an OpenProspect-like API in memory on 127.0.0.1; `port: 0` picks a free port. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const scenario = options.scenario;
  const slowMs = scenario === 'slow' ? options.slowMs ?? DEFAULT_SLOW_MS : 0;
  const rateLimit = scenario === 'rate-limited' ? SCENARIO_RATE_LIMIT : options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const script = new ScenarioScript(scenario, options.failRate ?? 0, options.random ?? Math.random);
  const playback = options.playback ? new Playback(options.playback) : null;
  const envelope = options.envelope ?? 'flat';
  const api = playback ? null : new SimulatedApi(rateLimit, now, envelope, options.storeLimits);
  // A recording has its own rate-limit answers; only the scenario asking for one adds a quota on top.
  const playbackQuota = playback && scenario === 'rate-limited' ? new RateLimiter(rateLimit, now) : null;
  const pending = new Set<AbortController>();
  // Targets are read-only to the handlers, so one parse serves every request for the same target.
  const readTarget = remembered(parseTarget);

  const answer = (req: SandboxRequest): Reply | Promise<Reply> => {
    if (api) return api.handle(req);
    if (playbackQuota) {
      const quota = playbackQuota.take(bearerKey(req.headers.authorization) ?? `addr:${req.remote}`);
      if (!quota.allowed) {
        const limited = rateLimited(quota.retryAfter);
        Object.assign(limited.headers, quota.headers);
        return limited;
      }
    }
    return (playback as Playback).answer(req.method, req.path);
  };

  /** The reply once the body is read (null: too large), later for a recording read from its file; throws what a handler throws. */
  const replyTo = (req: IncomingMessage, method: string, target: Target, body: string | null): Reply | Promise<Reply> => {
    if (!target.ok) return reshape(badRequest(`Malformed request: ${target.reason}`), envelope);
    if (body === null) return reshape(payloadTooLarge(MAX_BODY_BYTES), envelope);
    const { path, query } = target;
    if (HEALTH_PATHS.has(path) && !playback?.has(method, path)) return health(method, path);
    const scripted = script.intercept(method, path);
    if (scripted) return scripted === 'reset' ? scripted : reshape(scripted, envelope);
    return answer({ method, path, query, headers: req.headers, body, remote: req.socket.remoteAddress ?? '' });
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = nextRequestId();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawTarget = req.url ?? '/';
    const target = readTarget(rawTarget);
    const send = (reply: Reply): void => {
      try {
        sendReply(res, reply, requestId, method === 'HEAD');
      } catch {
        reply = reshape(internalError(requestId), envelope);
        if (!res.headersSent) sendReply(res, reply, requestId, method === 'HEAD');
      }
      options.log?.(logLine(method, rawTarget, reply, performance.now() - started));
    };
    const failed = (e: unknown): Reply => {
      options.log?.(`${method} ${target.ok ? target.path : rawTarget}: sandbox error: ${(e as Error).message}`);
      return reshape(internalError(requestId), envelope);
    };
    // Most requests have no body and no delay: they are answered at once, without a promise, as the bare
    // node:http server they are measured against does.
    if (slowMs === 0 && !hasBody(req)) {
      let reply: Reply | Promise<Reply>;
      try {
        reply = replyTo(req, method, target, '');
      } catch (e) {
        if (req.socket.destroyed) return;
        reply = failed(e);
      }
      if (reply instanceof Promise) reply.then(send, (e) => void (req.socket.destroyed || send(failed(e)))).catch(() => res.destroy());
      else send(reply);
      return;
    }
    // Only a delayed answer needs cancelling; an abort signal on every request cost a tenth of the CPU under load.
    const controller = slowMs > 0 ? new AbortController() : null;
    if (controller) {
      pending.add(controller);
      res.on('close', () => {
        controller.abort();
        pending.delete(controller);
      });
    }
    const slowly = async (): Promise<Reply | null> => {
      try {
        const body = await readBody(req);
        const delayed = controller && target.ok && body !== null && !(HEALTH_PATHS.has(target.path) && !playback?.has(method, target.path));
        if (delayed) await sleep(slowMs, undefined, { signal: controller.signal });
        return await replyTo(req, method, target, body);
      } catch (e) {
        // The client left or the sandbox is closing: there is nobody to answer.
        if (controller?.signal.aborted || req.socket.destroyed) return null;
        return failed(e);
      }
    };
    slowly().then((reply) => reply && send(reply)).catch(() => res.destroy());
  };

  // Whatever a request does, it must not end the server: a last-resort failure only drops that connection.
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      res.destroy();
    }
  });
  server.on('clientError', answerUnparsable);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}${API_PREFIX}`,
    port,
    close: () => (closing ??= new Promise<void>((resolve) => {
      for (const c of pending) c.abort();
      server.close(() => void (options.playback?.close?.() ?? Promise.resolve()).then(resolve, resolve));
      server.closeAllConnections();
    })),
  };
}

const ID_BYTES = 8;
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** `req_` and 16 random hex digits; drawn from a pooled buffer, as one crypto call per request showed in profiles. */
function nextRequestId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 512);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return `req_${idPool.toString('hex', idOffset - ID_BYTES, idOffset)}`;
}

// Node's parser refuses some request lines itself (a space in the target, no leading slash); answer those in
// JSON too, as the API's other errors, instead of node's bare 400.
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, text] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify({ code: status === 431 ? 'REQUEST_HEADER_FIELDS_TOO_LARGE' : 'BAD_REQUEST',
    message: `Malformed request: the HTTP parser refused it (${error.code ?? 'parse error'})` });
  socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

function health(method: string, path: string): Reply {
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(method, path, ['GET', 'HEAD']);
  return json(200, { service: 'OpenProspect API', status: 'healthy' });
}
