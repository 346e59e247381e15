// The single-file edition opened from disk (file://) with every network request refused: it
// starts, reads a CSV and a workbook (through the embedded worker), and asks for nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
