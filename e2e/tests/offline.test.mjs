// The single-file edition opened from disk (file://) with every network request refused: it
// starts, reads a CSV and a workbook (through the embedded worker), and asks for nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { start, repoRoot, fixtures } from './harness.mjs';

const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'debug', 'timescales');
const single = join(repoRoot, 'dist-offline', 'timescales.html');
let env;
let work;
before(async () => {
  env = await start();
  work = await mkdtemp(join(tmpdir(), 'timescales-offline-'));
});
after(async () => { await env?.close(); });

test('the single file works from disk with the network refused', async () => {
  const page = await env.context.newPage();
  const requests = [];
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy|Refused/i.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:') ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(single).href);
  await page.waitForSelector('[data-testid=ready]', { timeout: 30_000 });
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor();
  const xlsx = join(work, 'cohort.xlsx');
  execFileSync(cli, ['demo', '--children', '60', '--seed', '3', '--out', xlsx]);
  await page.getByTestId('nav-start').click();
  await page.setInputFiles('[data-testid=file-input]', xlsx);
  await page.getByTestId('data-banner').filter({ hasText: 'cohort.xlsx' }).waitFor({ timeout: 60_000 });
  assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), [], 'no request leaves the file');
  assert.deepEqual(problems, []);
  // The file says how to check it: its CSP refuses every network connection.
  const html = await readFile(single, 'utf8');
  assert.match(html, /connect-src 'none'/);
  await page.close();
});

test('the hosted app reopens with the network off, and its cache holds only the app', async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await page.waitForSelector('[data-testid=ready]', { timeout: 30_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The first visit installs the worker; from the next load it serves the app's files.
  await page.reload();
  await page.waitForSelector('[data-testid=ready]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor();
  const cached = await page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) out.push(`${name} ${new URL(req.url).pathname}`);
    }
    return out;
  });
  assert.ok(cached.length > 5, 'the app files are cached');
  for (const entry of cached) {
    assert.match(entry, /^timescales-app-[0-9a-f]{16} \/([a-z0-9._-]+\/)*[A-Za-z0-9._-]*$/, entry);
    assert.doesNotMatch(entry, /small|T000/, 'no user data in the cache');
  }
  await env.context.setOffline(true);
  page.on('dialog', (d) => d.accept());
  await page.reload();
  await page.waitForSelector('[data-testid=ready]', { timeout: 30_000 });
  await page.getByTestId('open-demo').click();
  await page.getByTestId('stage-cards').waitFor();
  await env.context.setOffline(false);
  await page.close();
});

test('the start page names the SHA-256 of the single file it offers, and the file matches it', async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await page.waitForSelector('[data-testid=ready]', { timeout: 30_000 });
  const named = await page.getByTestId('offline-sha256').innerText();
  assert.match(named, /^[0-9a-f]{64}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('offline-download').click()]);
  assert.equal(download.suggestedFilename(), 'timescales.html');
  const digest = createHash('sha256').update(await readFile(await download.path())).digest('hex');
  assert.equal(named, digest, 'the digest on the page is the digest of the file downloaded');
  assert.equal(digest, (await readFile(`${single}.sha256`, 'utf8')).split(' ')[0], 'and of dist-offline/timescales.html');
  // Learn's single file is offered beside it, under the name the single file's Learn link opens.
  const [learn] = await Promise.all([page.waitForEvent('download'), page.getByTestId('offline-learn-download').click()]);
  assert.equal(learn.suggestedFilename(), 'timescales-learn.html');
  assert.deepEqual(await readFile(await learn.path()), await readFile(join(repoRoot, 'dist-offline', 'timescales-learn.html')));
  await page.close();
});
