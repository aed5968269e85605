const SECRET_NAME = /key|token|secret|passw|auth|cookie|signature|session|credential|(?:^|[-_])(?:pass|pwd|sig)(?:$|[-_])/i;
const MASK = '[REDACTED]';
/** The longest form one character of a secret can take in text (`\u005f`). */
const MAX_CHAR_FORM = 6;

const SECRET_ENV = /KEY|TOKEN|SECRET|PASSW/i;

/** The values of environment variables named like a credential (API keys, tokens): never printed. */
export function environmentSecrets(env: Record<string, string | undefined>): string[] {
  return Object.entries(env).filter(([k, v]) => SECRET_ENV.test(k) && (v?.trim().length ?? 0) >= 8).map(([, v]) => v!.trim());
}

/** True for a header or query parameter name that may carry a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** One character of a secret in every form a server may echo it: itself (any case), JSON `\u` escape, percent-encoding. */
function charForms(c: string): string {
  const code = c.charCodeAt(0);
  const hex4 = code.toString(16).padStart(4, '0');
  const forms = [c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), `\\\\u${hex4}`];
  if (code < 0x80) forms.push(`%${code.toString(16).padStart(2, '0')}`);
  if (c === '/') forms.push('\\\\/');
  return `(?:${forms.join('|')})`;
}

/** Any escaped character a secret could be written with: `\u0061`, `%61` or `\/`. */
const ESCAPE = /\\u[0-9a-f]{4}|%[0-9a-f]{2}|\\\//i;

/** Removes secrets from everything op-errors prints or writes: known values, and values under secret names. */
export class Redactor {
  private readonly secrets: string[];
  private readonly pattern: RegExp | null;
  /** The secrets lower-cased when all are ASCII, for the quick check; null when the expression always runs. */
  private readonly lowered: string[] | null;

  constructor(secrets: readonly (string | undefined)[]) {
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))]
      .sort((a, b) => b.length - a.length);
    // Case-insensitive, and per character escaped or not: a key echoed lower-cased in a header name, or
    // JSON-escaped by a server, is the same secret.
    this.pattern = this.secrets.length === 0 ? null
      : new RegExp(this.secrets.map((s) => [...s].map(charForms).join('')).join('|'), 'gi');
    this.lowered = this.secrets.every((s) => /^[\x00-\x7f]*$/.test(s)) ? this.secrets.map((s) => s.toLowerCase()) : null;
  }

  /**
   * Masks secrets in bytes that are kept as they came (data, text in another charset): Latin-1 maps each byte to
   * one character and back, so only the bytes of a secret change.
   */
  bytes(b: Uint8Array): Buffer {
    return this.pattern === null ? Buffer.from(b) : Buffer.from(this.text(Buffer.from(b).toString('latin1')), 'latin1');
  }

  /** Masks every occurrence of a known secret value, in any case and encoding. */
  text(s: string): string {
    if (this.pattern === null) return s;
    let out = s;
    // The plain form is by far the most common; split/join finds it faster than the regular expression.
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    // Without an escaped character, the expression can only find an ASCII secret in another case, which the
    // lower-cased text shows: most text skips it (compiling it cost 3 ms of every `call`).
    if (this.lowered && !ESCAPE.test(out)) {
      const lower = out.toLowerCase();
      if (!this.lowered.some((secret) => lower.includes(secret))) return out;
    }
    return out.replace(this.pattern, MASK);
  }

  /** Masks the user information, query parameters named like a secret, then any known secret value. */
  url(u: string): string {
    try {
      const parsed = new URL(u);
      for (const name of [...parsed.searchParams.keys()]) if (isSecretName(name)) parsed.searchParams.set(name, MASK);
      if (parsed.password) parsed.password = MASK;
      return this.text(parsed.toString());
    } catch {
      return this.text(maskUserinfo(u));
    }
  }

  /** Masks headers named like a secret (Authorization, Cookie, X-Api-Key...), then any known secret value in names and values. */
  headers(h: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(h)) out[this.text(name)] = isSecretName(name) ? MASK : this.text(value);
    return out;
  }

  /**
   * A masker for text that arrives in pieces (a streamed body): a secret split across two pieces is still
   * masked, because the tail that could start one waits for the next piece.
   */
  stream(): { push(text: string): string; end(): string } {
    const keep = Math.max(0, (this.secrets[0]?.length ?? 0) * MAX_CHAR_FORM - 1);
    let carry = '';
    return {
      push: (text) => {
        const masked = this.text(carry + text);
        let cut = Math.max(0, masked.length - keep);
        // A character outside the BMP is two UTF-16 units: cutting between them would break it in two.
        if (cut > 0 && isHighSurrogate(masked.charCodeAt(cut - 1))) cut--;
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

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** Masks `user:password@` in text that may not parse as a URL (an invalid --base-url quoted in an error). */
export function maskUserinfo(text: string): string {
  return text.replace(/(\/\/)[^/@\s'"]*:[^/@\s'"]*@/g, `$1${MASK}@`);
}

/**
 * The secret values in a URL, to mask wherever they are echoed: the password of its user information (and the
 * Basic credentials made of it) and the values of query parameters named like a secret.
 */
export function urlSecrets(url: URL): string[] {
  const out: string[] = [];
  for (const [name, value] of url.searchParams) if (isSecretName(name)) out.push(value);
  if (url.password) out.push(decodeURIComponent(url.password), url.password, basic(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`));
  return out;
}

/** The secrets in a credential header value: the value, the credentials after the scheme, and Basic's decoded parts. */
export function headerSecrets(value: string): string[] {
  const out = [value];
  const m = /^(\w+)\s+(.+)$/.exec(value.trim());
  if (!m) return out;
  out.push(m[2]);
  if (m[1].toLowerCase() === 'basic') {
    const decoded = fromBase64(m[2]);
    if (decoded) out.push(decoded, decoded.slice(decoded.indexOf(':') + 1));
  }
  return out;
}

function basic(userPass: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(userPass)));
}

function fromBase64(b64: string): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** A Redactor for one recorded request: its URL's secrets and those of its credential headers, masked wherever echoed. */
export function requestRedactor(url: string, headers: Record<string, string>): Redactor {
  const secrets: string[] = [];
  try {
    secrets.push(...urlSecrets(new URL(url)));
  } catch {
    // A URL that does not parse has no query to read secrets from; url() still masks its user information.
  }
  for (const [name, value] of Object.entries(headers)) if (isSecretName(name)) secrets.push(...headerSecrets(value));
  return new Redactor(secrets);
}
