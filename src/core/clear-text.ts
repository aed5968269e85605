/** True for a host name that stays on this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

/** Why a credential must not be sent to `url`, or null: plain http to another machine would show it to the network. */
export function clearTextRefusal(url: URL): string | null {
  if (url.protocol !== 'http:' || isLoopback(url.hostname)) return null;
  return `refusing to send the API key over plain http to ${url.host}`;
}
