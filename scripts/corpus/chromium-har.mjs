// Records a HAR with Debian's Chromium driven by playwright-core while a page calls the corpus server.
// Usage: node chromium-har.mjs BASE OUT.har
import { createRequire } from 'node:module';

const require = createRequire(`${process.env.CORPUS_DEPS}/`);
const { chromium } = require('playwright-core');
const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ recordHar: { path: out, content: 'embed', urlFilter: /\/(api|reset)/ } });
const page = await context.newPage();
await page.goto(`${base}/page`);
await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 20_000 });
await context.close();
await browser.close();
