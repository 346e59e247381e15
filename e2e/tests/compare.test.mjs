// Compare: aggregate files from two authorities side by side with no child data loaded, and a
// clear message for files that cannot be compared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './harness.mjs';

const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'debug', 'timescales');
let env;
let work;
before(async () => {
  env = await start();
  work = await mkdtemp(join(tmpdir(), 'timescales-compare-'));
  for (const [name, seed] of [['North', '1'], ['South', '2']]) {
    const csv = join(work, `${name}-children.csv`);
    execFileSync(cli, ['demo', '--children', '600', '--seed', seed, '--out', csv]);
    execFileSync(cli, ['aggregate', csv, '--authority', name, '--as-at', '2025-03-31', '--out', join(work, `${name}.csv`)]);
  }
});
after(async () => { await env?.close(); });

test('two authorities side by side from their aggregate files', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-compare').click();
  await page.setInputFiles('[data-testid=compare-files]', [join(work, 'North.csv'), join(work, 'South.csv')]);
  const stage = page.getByTestId('compare-accommodated_to_recommendation');
  await stage.waitFor();
  assert.equal(await stage.getByTestId('compare-panel').count(), 2);
  const quarter = await stage.getByTestId('compare-quarter').innerText();
  assert.match(quarter, /North[\s\S]*South/);
  assert.match(quarter, /2025-01 to 2025-03/);
  assert.ok(await stage.locator('svg.ts-chart').count() >= 1, 'small run charts of monthly medians');
  assert.match(page.url(), /#compare$/);
  // Filtered to one stage, and ordered by name.
  await page.getByTestId('compare-stage').selectOption('recommendation_to_panel');
  await page.getByTestId('compare-recommendation_to_panel').waitFor();
  assert.equal(await page.locator('[data-testid^=compare-][data-testid$=_to_recommendation]').count(), 0);
  await page.getByTestId('compare-order').selectOption('name');
  const names = await page.getByTestId('compare-recommendation_to_panel').locator('.compare-panel h3').allInnerTexts();
  assert.deepEqual(names, ['North', 'South']);
  await page.getByTestId('compare-stage').selectOption('');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-report').click()]);
  assert.equal(download.suggestedFilename(), 'timescales-comparison.html');
  const html = await readFile(await download.path(), 'utf8');
  assert.match(html, /<h3>North<\/h3>[\s\S]*<h3>South<\/h3>/);
  assert.doesNotMatch(html, /<script/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the same authority twice is refused with a clear message', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-compare').click();
  await page.setInputFiles('[data-testid=compare-files]', [join(work, 'North.csv'), join(work, 'North.csv')]);
  const error = page.getByTestId('compare-error');
  await error.waitFor();
  assert.match(await error.innerText(), /both for North/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
