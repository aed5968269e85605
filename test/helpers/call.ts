import { createContext } from '../../src/commands/context.js';
import { runCall, type CallOptions } from '../../src/commands/call.js';
import { createTestIo } from './io.js';

export const KEY = 'lnc_test_s3cr3tKEYvalue0123456789';

/** Runs `call` in-process with a recorded, instant sleep and a fixed jitter source. */
export async function call(
  partial: Partial<CallOptions> & { method: string; target: string },
  env: Record<string, string> = { OPENPROSPECT_API_KEY: KEY, XDG_CONFIG_HOME: '/nonexistent' },
  flags: { json?: boolean; config?: string } = {},
) {
  const io = createTestIo({ env, now: undefined });
  io.now = () => Date.now();
  const waits: number[] = [];
  const opts: CallOptions = {
    header: [], query: [], auth: true, insecureHttp: false, retryUnsafe: false, include: false, body: true,
    bodyOnly: false, sleep: async (ms) => void waits.push(ms), random: () => 0.5, ...partial,
  };
  const ctx = await createContext(io, flags);
  const code = await runCall(opts, ctx);
  return { code, out: io.stdout(), err: io.stderr(), waits, io };
}
