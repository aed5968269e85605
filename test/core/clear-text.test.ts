import { describe, expect, it } from 'vitest';
import { clearTextRefusal, isLoopback } from '../../src/core/clear-text.js';

describe('the one guard against sending a key in clear (call and doctor)', () => {
  it('refuses plain http to another machine, and allows https and this machine', () => {
    expect(clearTextRefusal(new URL('http://api.openprospect.io/api/v1'))).toBe('refusing to send the API key over plain http to api.openprospect.io');
    expect(clearTextRefusal(new URL('http://0.0.0.0:4010/api/v1'))).toMatch(/0\.0\.0\.0:4010$/);
    expect(clearTextRefusal(new URL('https://api.openprospect.io/api/v1'))).toBeNull();
    for (const host of ['127.0.0.1:4010', 'localhost', '[::1]:4010', '127.1.2.3']) expect(clearTextRefusal(new URL(`http://${host}/`))).toBeNull();
    expect(isLoopback('128.0.0.1')).toBe(false);
  });
});
