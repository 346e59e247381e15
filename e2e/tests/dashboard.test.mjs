// The dashboard read at a glance: each card's status in a word and a symbol, its small run
// chart, both medians, and the "Share figures" preview and download with small numbers
// suppressed and no child data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './harness.mjs';

const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'debug', 'timescales');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('every card has a status word, a small run chart and both medians', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('stage-cards').waitFor();
  const cards = page.locator('[data-testid=stage-cards] > section');
  const n = await cards.count();
  assert.equal(n, 8);
  const words = /^(▼|▲|◆|◇|●|○|–) (Signal of improvement|Signal of deterioration|Signal of change|Mixed signals|No signal|Too few points|No data)$/;
  for (let i = 0; i < n; i += 1) {
    const card = cards.nth(i);
    assert.match((await card.getByTestId('card-status').innerText()).trim(), words);
    assert.ok(await card.getByTestId('card-km-median').count(), 'the median counting those waiting');
    assert.ok(await card.getByTestId('card-km').count(), 'the time-to-event sentence');
  }
  // The demo's aim 2 has completed children: its small chart has a label for screen readers.
  const spark = page.getByTestId('card-accommodated_to_recommendation').getByTestId('card-spark');
  assert.match(await spark.getAttribute('aria-label'), /^Small run chart of \d+ children who completed, median/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Share figures shows the file before saving it, with small numbers suppressed', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('share-authority').fill('Demoshire');
  await page.getByTestId('share-preview').click();
  await page.getByTestId('share-table').waitFor();
  assert.match(await page.getByTestId('share-summary').innerText(), /rows for Demoshire as at \d{4}-\d{2}; \d+ values suppressed/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-download').click()]);
  assert.match(download.suggestedFilename(), /^timescales-figures-\d{4}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'authority,stage,period,measure,value');
  for (const line of lines.slice(1)) {
    const [authority, , period, , value] = line.split(',');
    assert.equal(authority, 'Demoshire');
    assert.match(period, /^\d{4}-\d{2}$/);
    // No published count from 1 to 4 (medians and targets may be small numbers of days).
    if (!/median_days|target_days|_meta/.test(line)) assert.ok(value === 'suppressed' || !(Number(value) >= 1 && Number(value) <= 4), line);
  }
  // No child ids (the demo's are C00001...) and no day-level dates.
  assert.doesNotMatch(csv, /C\d{5}|\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the run chart screen shows the curve counting those still waiting, with its table, and saves a PNG', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('open-recommendation_to_panel').click();
  await page.getByTestId('km-svg').waitFor();
  const sentences = await page.getByTestId('km-sentences').innerText();
  assert.match(sentences, /half of the children reach|fewer than half|none of the children/);
  assert.ok(await page.getByTestId('km-table').count() >= 1, 'a table behind the curve');
  // New entrants against the backlog, with the log-rank result in words.
  if (await page.getByTestId('km-split').count()) {
    await page.getByTestId('km-split').check();
    await page.waitForFunction(() => /log-rank/.test(document.querySelector('[data-testid=km-sentences]').innerText));
    assert.equal(await page.getByTestId('km-table').count(), 2);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  assert.equal(download.suggestedFilename(), 'recommendation_to_panel-run-chart.png');
  const png = await readFile(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Width from the IHDR chunk: three times the chart's SVG width.
  const width = png.readUInt32BE(16);
  const svgWidth = Number((await page.getByTestId('runchart-svg').getAttribute('viewBox')).split(' ')[2]);
  assert.equal(width, Math.round(svgWidth * 3));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the per-child table downloads as CSV and as an Excel workbook the CLI can read back', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-children-csv').click()]);
  assert.match(csvDownload.suggestedFilename(), /^timescales-children-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  const csvLines = csv.trim().split('\n');
  assert.match(csvLines[0], /^child_id,episode_no,team,/);
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-children-xlsx').click()]);
  assert.match(xlsxDownload.suggestedFilename(), /^timescales-children-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const xlsx = await readFile(await xlsxDownload.path());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  // Read back by the same core: one child per CSV row.
  const report = JSON.parse(execFileSync(cli, ['check', await xlsxDownload.path(), '--format', 'json']).toString());
  assert.equal(report.children, csvLines.length - 1);
  assert.ok(page.requests.some((r) => r.includes('timescales-workbook-worker')), 'written by the worker');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(env.contextProblems, []);
  await page.close();
});
