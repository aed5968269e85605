import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Node built-in modules loaded by the time one run of the CLI has answered. */
function builtinsLoadedBy(args: string[]): string[] {
  const script = `const { main } = require('./bin/op-errors.js').load();
main(${JSON.stringify(args)}).then(() => require('node:fs').writeSync(1, '\\n' + JSON.stringify(process.moduleLoadList)));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return (JSON.parse(out.slice(out.lastIndexOf('\n') + 1)) as string[]).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
}

describe('startup', () => {
  // Each of these costs milliseconds of every start; commander alone would load child_process, and with it net.
  it.each([['explain', 'ORDER_NOT_FOUND'], ['--help']])('%s loads no process, network or stream module', (...args) => {
    const loaded = builtinsLoadedBy(args);
    expect(loaded).toContain('vm');
    expect(loaded.filter((m) => /^(child_process|net|dgram|stream|tty|os|fs\/promises|crypto|http)$/.test(m))).toEqual([]);
  });

  it('call starts got from its code cache', () => {
    const script = `const server = require('node:http').createServer((q, r) => r.end('{}')).listen(0, '127.0.0.1', async () => {
  const { main, scripts } = require('./bin/op-errors.js').load();
  await main(['call', 'GET', 'http://127.0.0.1:' + server.address().port + '/orders', '--no-auth']);
  server.close();
  const got = [...scripts].find(([file]) => file.endsWith('vendor-got.cjs'));
  require('node:fs').writeSync(1, '\\n' + JSON.stringify(got && got[1].cached));
});`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out.slice(out.lastIndexOf('\n') + 1)).toBe('true');
  });
});
