const SECRET_NAME = /key|token|secret|passw|auth|cookie|signature|session|credential/i;
const MASK = '[REDACTED]';

/** True for a header or query parameter name that may carry a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Removes secrets from everything op-errors prints or writes: known values, and values under secret names. */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly (string | undefined)[]) {
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))]
      .sort((a, b) => b.length - a.length);
  }

  /** Masks every occurrence of a known secret value. */
  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  /** Masks query parameters named like a secret, then any known secret value. */
  url(u: string): string {
    try {
      const parsed = new URL(u);
      for (const name of [...parsed.searchParams.keys()]) if (isSecretName(name)) parsed.searchParams.set(name, MASK);
      if (parsed.password) parsed.password = MASK;
      return this.text(parsed.toString());
    } catch {
      return this.text(u);
    }
  }

  /** Masks headers named like a secret (Authorization, Cookie, X-Api-Key...), then any known secret value. */
  headers(h: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(h)) out[name] = isSecretName(name) ? MASK : this.text(value);
    return out;
  }

  /**
   * A masker for text that arrives in pieces (a streamed body): a secret split across two pieces is still
   * masked, because the last (longest secret - 1) characters wait for the next piece.
   */
  stream(): { push(text: string): string; end(): string } {
    const keep = Math.max(0, (this.secrets[0]?.length ?? 0) - 1);
    let carry = '';
    return {
      push: (text) => {
        const masked = this.text(carry + text);
        const cut = Math.max(0, masked.length - keep);
        carry = masked.slice(cut);
        return masked.slice(0, cut);
      },
      end: () => {
        const rest = this.text(carry);
        carry = '';
        return rest;
      },
    };
  }
}
