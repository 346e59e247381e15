// Benchmark (not a test): how long the release build takes in headless Chromium to go from a
// dropped national-size file to the dashboard, and to re-render after a filter change.
// Run with `bash scripts/bench.sh`; figures are printed, and recorded in README.md by hand.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './tests/harness.mjs';

const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'native', 'timescales');
const work = await mkdtemp(join(tmpdir(), 'timescales-bench-'));
const runs = Number(process.env.RUNS ?? 3);

function file(children) {
  const path = join(work, `national-${children}.csv`);
  execFileSync(cli, ['demo', '--children', String(children), '--seed', '1', '--out', path]);
  return path;
}

const env = await start();

/**
 * Drop to dashboard: give the page the file, wait for the data-quality screen, continue, wait
 * for the cards. The file goes in through the file input (the same code path as a drop after
 * the event): building a 15 MB drop event through the DevTools protocol would time the test
 * harness, not the app.
 */
async function dropToDashboard(path, name) {
  const page = await openApp(env);
  const t0 = Date.now();
  await page.setInputFiles('[data-testid=file-input]', path);
  await page.getByTestId('row-account').waitFor({ timeout: 120_000 });
  const tQuality = Date.now();
  const loadMs = await page.getByTestId('quality-format').innerText();
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('card-accommodated_to_recommendation').waitFor({ timeout: 120_000 });
  const t1 = Date.now();
  return { page, total: t1 - t0, toQuality: tQuality - t0, reported: loadMs };
}

/**
 * One filter change: click a checkbox and time until the re-render has run (the next task, after
 * every microtask). Fails if the cohort sentence did not change by then, so a re-render deferred
 * past the measurement cannot go unnoticed.
 */
async function filterChange(page, selector) {
  return page.evaluate(async (sel) => {
    const summary = () => document.querySelector('[data-testid=cohort-summary]').innerText;
    const before = summary();
    const box = document.querySelector(sel);
    const t0 = performance.now();
    box.click();
    await new Promise((r) => setTimeout(r, 0));
    const ms = performance.now() - t0;
    if (summary() === before) throw new Error(`the dashboard had not re-rendered after ${sel}`);
    return ms;
  }, selector);
}

const big = file(100_000);
const results = [];
for (let i = 0; i < runs; i++) {
  const r = await dropToDashboard(big, 'national-100000.csv');
  results.push(r.total);
  console.log(`100,000 children: drop to dashboard ${r.total} ms (to the data-quality screen ${r.toQuality} ms; ${r.reported})`);
  await r.page.close();
}

const small = file(5_000);
const r = await dropToDashboard(small, 'extract-5000.csv');
await r.page.getByTestId('filters').locator('summary').click();
const times = [];
for (const key of ['kinship', 'foster_la', 'kinship', 'foster_la', 'residential', 'residential']) {
  times.push(await filterChange(r.page, `#f-now-${key}`));
}
await r.page.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`5,000 children: filter change re-render ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${median(times).toFixed(0)} ms)`);
console.log(`100,000 children: drop to dashboard median ${median(results)} ms over ${runs} runs`);
await env.close();
