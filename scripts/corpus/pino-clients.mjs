// Logs real axios, got and fetch failures through pino's error serializer, one JSON line each, on stdout.
// Usage: node pino-clients.mjs BASE REFUSED (run with NODE_PATH pointing at the installed packages)
import { createRequire } from 'node:module';

const require = createRequire(`${process.env.CORPUS_DEPS}/`);
const pino = require('pino');
const axios = require('axios');
const { default: got } = await import(require.resolve('got'));
const [base, refused] = process.argv.slice(2);
const log = pino({ base: { pid: 4242, hostname: 'corpus' }, timestamp: () => ',"time":1763800000000' });
const secret = 'lnc_corpus_not_a_real_key_0000000000';

try {
  await axios.get(`${base}/api/429`, { headers: { Authorization: `Bearer ${secret}` } });
} catch (err) {
  log.error({ err }, 'axios call failed');
}
try {
  await axios.get(`${base}/api/404`);
} catch (err) {
  log.error({ err }, 'axios call failed');
}
try {
  await got(`${base}/api/503`, { retry: { limit: 0 } });
} catch (err) {
  log.error({ err }, 'got call failed');
}
try {
  await fetch(`${refused}/api/orders`);
} catch (err) {
  log.error({ err }, 'fetch failed');
}
try {
  await axios.get(`${refused}/api/orders`);
} catch (err) {
  log.error({ err }, 'axios could not connect');
}
log.info({ statusCode: 200 }, 'orders listed');
