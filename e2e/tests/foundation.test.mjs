// The foundation: the app starts on the demo, receives files by drop and by picker, and keeps
// the privacy promise (no other origin, only GET, no CSP violation, no console error).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, openApp, dropFile, storedData, fixtures } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the demo renders, labelled as synthetic, with the privacy footer', async () => {
  const page = await openApp(env);
  const demo = page.getByTestId('demo-summary');
  await demo.waitFor();
  assert.match(await demo.innerText(), /Synthetic demo data: not real children/);
  assert.match(await page.getByTestId('privacy-footer').innerText(), /never leaves this device/);
  // The template workbook is served from this origin.
  const status = await page.evaluate(async () => (await fetch(document.querySelector('[data-testid=template-link]').href)).status);
  assert.equal(status, 200);
  // The demo dashboard: a card per stage, and the aim 1 list of children at home on a CSO.
  await page.getByTestId('open-demo').click();
  assert.equal(await page.locator('[data-testid^=card-]').filter({ has: page.getByTestId('card-verdict') }).count(), 8);
  await page.getByTestId('aim1-table').waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the Content-Security-Policy forbids other origins and inline script', async () => {
  const page = await openApp(env);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
  // The policy is live: an inline script and a request to another origin (another port on
  // loopback, so nothing could ever leave the machine) are both refused.
  const outcome = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
    let fetched = 'no';
    try { await fetch('http://127.0.0.1:9/leak', { method: 'POST', body: 'x' }); fetched = 'yes'; } catch { fetched = 'blocked'; }
    return { inlineRan: window.__inlineRan === true, fetched };
  });
  assert.equal(outcome.inlineRan, false);
  assert.equal(outcome.fetched, 'blocked');
  // Those two attempts must have been reported as violations (proving the recorder works).
  assert.ok(page.problems.some((p) => p.startsWith('CSP violation')), page.problems.join('\n'));
  await page.close();
});

test('a CSV dropped on the drop zone is received', async () => {
  const page = await openApp(env);
  const bytes = await readFile(join(fixtures, 'small.csv'));
  await dropFile(page, '[data-testid=drop-zone]', 'small.csv', bytes);
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv (2 children)' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a CSV chosen with the file input is received', async () => {
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv (2 children)' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('no request leaves the origin and nothing about a child is stored', async () => {
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv (2 children)' }).waitFor();
  const stored = await storedData(page);
  const everything = JSON.stringify(stored);
  assert.doesNotMatch(everything, /T0001|T0002|Synthetic-/, everything);
  assert.equal(stored.cookies, '');
  assert.deepEqual(stored.indexedDb, []);
  assert.ok(page.requests.length > 0, 'the recorder saw the page load');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the start-up warm-up runs in memory: nothing is requested or stored, and a file loads after it', async () => {
  const page = await openApp(env);
  // docs/architecture.md#warm-up: a synthetic load of the demo generator's children.
  await page.waitForSelector('main[data-warmed=true]', { timeout: 30_000 });
  const before = page.requests.length;
  const stored = await storedData(page);
  assert.doesNotMatch(JSON.stringify(stored), /Synthetic-|C0\d{4}/, 'the warm-up cohort is not stored');
  assert.equal(stored.cookies, '');
  assert.deepEqual(stored.indexedDb, []);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv (2 children)' }).waitFor();
  assert.equal(page.requests.length, before, 'loading a file requests nothing');
  assert.deepEqual(page.problems, []);
  await page.close();
});
