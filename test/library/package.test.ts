import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'op-errors-pack-'));
// A private npm cache: the install must succeed without a registry and without what this machine cached.
const npmEnv = { ...process.env, npm_config_cache: join(work, 'cache'), npm_config_update_notifier: 'false' };

interface Packed { filename: string; size: number; entryCount: number; files: { path: string }[] }
let packed: Packed;

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${r.stderr}`);
  return r;
}

/** npm's warnings, without the one this machine's own npm configuration causes. */
const warnings = (stderr: string) => stderr.split('\n').filter((l) => /warn/i.test(l) && !/Unknown (user|env) config/.test(l));

/** The JavaScript example of docs/library.md and the output its comments promise. */
function docExample(): { code: string; expected: string } {
  const doc = readFileSync(join(ROOT, 'docs/library.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(doc)![1];
  const expected = [...code.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]);
  return { code, expected: expected.join('\n') };
}

beforeAll(() => {
  // The bundles come from the global setup; the declarations only this test needs. --ignore-scripts packs as is.
  execFileSync(process.execPath, ['scripts/library-types.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const r = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
  packed = (JSON.parse(r.stdout) as Packed[])[0];
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the bundle, the library, its types and a LICENSE, under 350 kB, with no dependencies', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'bin/op-errors.js', 'dist/bundle/main.cjs', 'dist/bundle/main.cjs.map', 'bin/package.json',
      'dist/lib/index.js', 'dist/types/library/index.d.ts']));
    expect(paths.filter((p) => !/^(bin|dist\/(bundle|lib|types))\/|^(LICENSE|README\.md|package\.json)$/.test(p))).toEqual([]);
    // Every map belongs to a shipped script, so --debug traces can be mapped.
    for (const map of paths.filter((p) => p.endsWith('.map'))) expect(paths).toContain(map.slice(0, -4));
    // The code cache is made on the first run, for the Node that runs it.
    expect(paths.filter((p) => p.endsWith('.cache'))).toEqual([]);
    expect(packed.size).toBeLessThan(350_000);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.scripts)).not.toContain('prepare');
  });

  it('starts the CLI from a code cache that this Node accepts', () => {
    const script = 'const { script } = require("./bin/op-errors.js").load(); console.log(script.cachedDataRejected);';
    expect(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })).toBe('false\n');
  });

  it('installs into an empty project offline and answers import { classify, explain } from "op-errors"', () => {
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"consumer","private":true,"type":"module"}');
    const install = npm(['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);
    expect(warnings(install.stderr)).toEqual([]);
    const script = 'import { classify, explain } from "op-errors";\n' +
      'console.log(explain("RATE_LIMIT_EXCEEDED").status, classify({ status: 503, body: "{}" })[0].code);';
    writeFileSync(join(project, 'use.mjs'), script);
    expect(execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' })).toBe('429 SERVICE_UNAVAILABLE\n');
    const { code, expected } = docExample();
    writeFileSync(join(project, 'example.mjs'), code);
    expect(execFileSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe(expected);
    const cli = execFileSync(join(project, 'node_modules/.bin/op-errors'), ['explain', '429'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(cli).toMatch(/RATE_LIMIT_EXCEEDED/);
    // The first run left a code cache beside the bundle, and the next run accepts it.
    const bin = JSON.stringify(join(project, 'node_modules/op-errors/bin/op-errors.js'));
    const accepted = `const { script } = require(${bin}).load(); console.log(script.cachedDataRejected);`;
    expect(execFileSync(process.execPath, ['-e', accepted], { cwd: project, encoding: 'utf8' })).toBe('false\n');
  }, 60_000);

  it('installs globally without warnings and runs', () => {
    const prefix = join(work, 'global');
    const install = npm(['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, packed.filename)], work);
    expect(warnings(install.stderr)).toEqual([]);
    const out = execFileSync(join(prefix, 'bin/op-errors'), ['--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  }, 60_000);
});
