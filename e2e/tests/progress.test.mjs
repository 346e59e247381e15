// A long load shows its progress (a <progress> bar, the phase in words, a percentage) and can be
// cancelled; a cancelled load leaves the previous file loaded (docs/architecture.md#progress-and-cancel).
// No timings are asserted: only what the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'debug', 'timescales');
const phases = /Reading the file|Checking dates|Working out stages/;
let env;
let work;
let big;
before(async () => {
  env = await start();
  work = await mkdtemp(join(tmpdir(), 'timescales-e2e-'));
  big = join(work, 'big.csv');
  execFileSync(cli, ['demo', '--children', '100000', '--seed', '1', '--out', big]);
});
after(async () => { await env?.close(); });

/**
 * Watches the page for the progress indicator and records what it showed each time it changed
 * (the load may end before a test could look). With `cancel`, presses Cancel the moment it
 * appears: the page is busy between phases, so a click from outside could arrive too late.
 */
async function watchProgress(page, cancel) {
  await page.evaluate((cancel) => {
    // `cancel` is true (press Cancel as soon as it shows) or a pattern the phase line must match.
    const when = typeof cancel === 'string' ? new RegExp(cancel) : null;
    window.seenProgress = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=load-progress]');
      if (!el) return;
      window.seenProgress.push({
        bars: el.querySelectorAll('progress').length,
        label: el.querySelector('label')?.innerText ?? '',
        phase: el.querySelector('[data-testid=load-phase]')?.innerText ?? '',
      });
      const button = el.querySelector('[data-testid=load-cancel]');
      const phase = el.querySelector('[data-testid=load-phase]')?.innerText ?? '';
      if (cancel && button && !button.disabled && (!when || when.test(phase))) button.click();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, cancel);
}

test('a large CSV shows a progress bar with the phase in words, then loads', async (t) => {
  const page = await openApp(env);
  await watchProgress(page, false);
  await page.setInputFiles('[data-testid=file-input]', big);
  await page.getByTestId('data-banner').filter({ hasText: 'big.csv' }).waitFor({ timeout: 120_000 });
  await page.getByTestId('load-progress').waitFor({ state: 'detached', timeout: 60_000 });
  const seen = await page.evaluate(() => window.seenProgress);
  assert.ok(seen.length > 0, 'the progress indicator was shown');
  t.diagnostic(`shown: ${[...new Set(seen.map((s) => s.phase))].join(' | ')}`);
  // A file this large is known to be slow, so the bar is there from the start, not only after
  // the long reading and checking steps.
  assert.match(seen[0].phase, /^Reading the file: 0%$/);
  for (const s of seen) {
    assert.equal(s.bars, 1);
    assert.equal(s.label, 'Loading big.csv');
    assert.match(s.phase, phases);
    assert.match(s.phase, /: \d+%$/);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('cancelling a load leaves the previous file loaded', async () => {
  const small = join(work, 'small.csv');
  execFileSync(cli, ['demo', '--children', '200', '--seed', '2', '--out', small]);
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', small);
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor({ timeout: 60_000 });
  await page.getByTestId('nav-start').click();
  await watchProgress(page, true);
  await page.setInputFiles('[data-testid=file-input]', big);
  const message = page.getByTestId('load-cancelled');
  await message.waitFor({ timeout: 120_000 });
  assert.equal(await message.innerText(), 'Loading big.csv was cancelled; nothing changed.');
  assert.match(await page.getByTestId('data-banner').innerText(), /small\.csv/);
  assert.doesNotMatch(await page.getByTestId('data-banner').innerText(), /big\.csv/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Cancel is answered while the dates are being checked, not only between phases', async () => {
  const page = await openApp(env);
  // Checking dates runs from 40% to 85% for a CSV file: a percentage inside that band is only
  // shown at a pause within the phase, and Cancel is pressed there.
  await watchProgress(page, '^Checking dates: (4[1-9]|[5-7][0-9]|8[0-4])%$');
  await page.setInputFiles('[data-testid=file-input]', big);
  const message = page.getByTestId('load-cancelled');
  await message.waitFor({ timeout: 120_000 });
  assert.equal(await message.innerText(), 'Loading big.csv was cancelled; nothing changed.');
  const seen = await page.evaluate(() => window.seenProgress.map((s) => s.phase));
  assert.ok(seen.some((p) => /^Checking dates: (4[1-9]|[5-7][0-9]|8[0-4])%$/.test(p)), seen.join(' | '));
  assert.ok(!seen.some((p) => /^Working out stages/.test(p)), 'the load stopped before its last phase');
  assert.match(await page.getByTestId('data-banner').innerText(), /synthetic demo data/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a workbook being read shows an accessible indicator and can be cancelled from the keyboard', async () => {
  const xlsx = join(work, 'big.xlsx');
  execFileSync(cli, ['demo', '--children', '100000', '--seed', '1', '--out', xlsx]);
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', xlsx);
  // The worker reads the workbook while the page stays free: the indicator and its Cancel button
  // are there to use.
  await page.getByTestId('load-phase').filter({ hasText: /^Reading the workbook: \d+%$/ }).waitFor({ timeout: 60_000 });
  // axe-core (WCAG 2.2 AA) on the indicator, evaluated through the DevTools protocol.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run('[data-testid=load-progress]', {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  assert.deepEqual(result.violations.map((v) => v.id), []);
  await page.getByTestId('load-cancel').focus();
  await page.keyboard.press('Enter');
  const message = page.getByTestId('load-cancelled');
  await message.waitFor({ timeout: 60_000 });
  assert.equal(await message.innerText(), 'Loading big.xlsx was cancelled; nothing changed.');
  assert.match(await page.getByTestId('data-banner').innerText(), /synthetic demo data/);
  assert.equal(await page.getByTestId('load-progress').count(), 0);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(env.contextProblems, []);
  await page.close();
});
