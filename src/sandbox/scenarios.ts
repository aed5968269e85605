import { BAD_GATEWAY_PAGE, GATEWAY_TIMEOUT_PAGE, html, unavailable } from './reply.js';
import type { SandboxResponse, ScenarioName } from './types.js';

/** The delay of the `slow` scenario: past the 30 s timeout the docs' client samples use. */
export const DEFAULT_SLOW_MS = 35_000;

/** Decides, before normal handling, whether a scripted failure answers a request instead. */
export class ScenarioScript {
  private readonly perRoute = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly scenario: ScenarioName | undefined,
    private readonly failRate: number,
    private readonly random: () => number,
  ) {}

  /** The scripted reply for this request, or null to handle it normally. */
  intercept(method: string, path: string): SandboxResponse | 'reset' | null {
    const scripted = this.scripted(method, path);
    if (scripted) return scripted;
    if (this.failRate > 0 && this.random() < this.failRate) return unavailable(1);
    return null;
  }

  private scripted(method: string, path: string): SandboxResponse | 'reset' | null {
    switch (this.scenario) {
      case 'flaky': {
        const key = `${method} ${path}`;
        // Any client can invent paths: past 10,000 the counts start over rather than grow without end.
        if (this.perRoute.size >= 10_000 && !this.perRoute.has(key)) this.perRoute.clear();
        const n = (this.perRoute.get(key) ?? 0) + 1;
        this.perRoute.set(key, n);
        return n % 3 === 0 ? null : unavailable(1);
      }
      case 'outage':
        return unavailable(5);
      case 'reset':
        return ++this.count % 2 === 1 ? 'reset' : null;
      case 'gateway':
        return ++this.count % 2 === 1
          ? html(502, BAD_GATEWAY_PAGE, 'BAD_GATEWAY (nginx page)')
          : html(504, GATEWAY_TIMEOUT_PAGE, 'GATEWAY_TIMEOUT (nginx page)');
      default:
        return null;
    }
  }
}
