// Regenerates test/fixtures/corpus/: what real clients print (wget, HTTPie, Python requests, pino logs of
// axios/got/fetch errors, a Chromium HAR) against a local server. Installs the tools it lacks: Debian packages
// with apt-get, npm packages into a cache folder outside the repository. `npm run corpus`.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../test/fixtures/corpus/', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const deps = process.env.CORPUS_DEPS ?? join(homedir(), '.cache', 'op-errors-corpus');
const NPM_PACKAGES = ['pino@10', 'axios@1', 'got@14', 'playwright-core@1'];
const APT_PACKAGES = { wget: 'wget', http: 'httpie', chromium: 'chromium', python3: 'python3' };

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function install() {
  const missing = Object.entries(APT_PACKAGES).filter(([cmd]) => !have(cmd)).map(([, pkg]) => pkg);
  if (spawnSync('/usr/bin/python3', ['-c', 'import requests']).status !== 0) missing.push('python3-requests');
  if (missing.length > 0) {
    console.log(`installing ${missing.join(' ')} with apt-get`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const lacking = NPM_PACKAGES.filter((p) => !existsSync(join(deps, 'node_modules', p.split('@')[0], 'package.json')));
  if (lacking.length > 0) {
    mkdirSync(deps, { recursive: true });
    if (!existsSync(join(deps, 'package.json'))) writeFileSync(join(deps, 'package.json'), '{"private":true}\n');
    console.log(`installing ${lacking.join(' ')} into ${deps}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', deps, ...lacking], { stdio: 'inherit' });
  }
}

/**
 * Runs a shell command with stderr joined to stdout, as a user's `2>&1` does; the exit code is not an error.
 * Asynchronous, so the server in this process keeps answering.
 */
function capture(command, env = {}) {
  return new Promise((resolve) => {
    execFile('sh', ['-c', `${command} 2>&1`], { encoding: 'buffer', env: { ...process.env, ...env }, timeout: 60_000 },
      (_error, stdout) => resolve(stdout));
  });
}

/** Replaces what changes from run to run (ports, dates, paths, timings), so a regenerated capture diffs cleanly. */
function stable(buf, server) {
  const port = new URL(server.base).port;
  const closed = new URL(server.refused).port;
  return buf.toString('latin1').replaceAll(deps, '/deps').replaceAll(repo, '/repo')
    .replaceAll(`127.0.0.1:${port}`, '127.0.0.1:8080').replaceAll(`127.0.0.1:${closed}`, '127.0.0.1:9')
    .replaceAll(`port=${closed}`, 'port=9').replaceAll(`:${closed}`, ':9')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, '2026-11-22 04:00:00')
    .replace(/[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT/g, 'Sun, 22 Nov 2026 04:00:00 GMT');
}

function save(name, text) {
  writeFileSync(join(outDir, name), Buffer.from(text, 'latin1'));
  console.log(`wrote test/fixtures/corpus/${name}`);
}

install();
mkdirSync(outDir, { recursive: true });
const server = await startServer();
const { base, refused } = server;
try {
  save('wget-404-headers.txt', stable(await capture(`wget -S -O - ${base}/api/404`), server));
  save('wget-429-content-on-error.txt', stable(await capture(`wget -S --content-on-error -O - ${base}/api/429`), server));
  save('httpie-Hb-429.txt', stable(await capture(`http --ignore-stdin -p Hb --pretty=none GET ${base}/api/429`), server));
  save('httpie-Hhb-404.txt', stable(await capture(`http --ignore-stdin -p Hhb --pretty=format GET ${base}/api/404`), server));
  save('httpie-hb-503.txt', stable(await capture(`http --ignore-stdin -p hb --pretty=none GET ${base}/api/503`), server));
  const py = (code) => `/usr/bin/python3 -c ${JSON.stringify(code)}`;
  save('python-status-text-429.txt', stable(await capture(py(`import requests; r = requests.get('${base}/api/429'); print(r.status_code, r.text)`)), server));
  save('python-raise-for-status-503.txt', stable(await capture(py(`import requests; r = requests.get('${base}/api/503'); r.raise_for_status()`)), server));
  save('python-connection-refused.txt', stable(await capture(py(`import requests; requests.get('${refused}/api/orders')`)), server));
  save('pino-axios-got-fetch.ndjson', stable(await capture(`node ${join(here, 'pino-clients.mjs')} ${base} ${refused}`, { CORPUS_DEPS: join(deps, 'node_modules') }), server));
  const har = join(outDir, 'chromium.har');
  process.stdout.write(await capture(`node ${join(here, 'chromium-har.mjs')} ${base} ${har}`, { CORPUS_DEPS: join(deps, 'node_modules') }));
  save('chromium.har', stable(readFileSync(har), server));
} finally {
  await server.close();
}
