// Writes a HAR of failed GETs, each with its own request id: `node bench/gen-har.mjs calls.har 100000`.
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Writes a HAR of `n` entries, each a failed GET (404, every seventh a 503) with its own request id. */
export async function writeHar(file, n) {
  const out = createWriteStream(file);
  out.write('{"log":{"version":"1.2","entries":[');
  for (let i = 0; i < n; i++) {
    const ok = out.write(`${i ? ',' : ''}{"startedDateTime":"2026-11-21T09:00:00.000Z","time":5,"request":{"method":"GET","url":"https://api.openprospect.io/api/v1/orders/${i}"},` +
      `"response":{"status":${i % 7 === 0 ? 503 : 404},"headers":[{"name":"x-request-id","value":"req_${i}"}],"content":{"text":"{\\"code\\":\\"ORDER_NOT_FOUND\\"}"}}}`);
    if (!ok) await new Promise((r) => out.once('drain', r));
  }
  out.write(']}}');
  await new Promise((r) => out.end(r));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeHar(process.argv[2], Number(process.argv[3] ?? 100_000));
