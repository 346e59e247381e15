// Benchmark (not a test): how long the release build takes in headless Chromium to go from a
// given national-size file to the dashboard, the same bytes through the native CLI, and the
// re-render after a filter change. Run with `bash scripts/bench.sh [SIZES]`; figures are
// printed as a Markdown table, and recorded in BENCHMARKS.md by hand.
//
// SIZES (the environment variable, or the script's arguments) is a comma-separated list of
// children counts, default 1000,10000,100000. RUNS (default 3) runs each measure; the median is
// reported. FORMATS (default csv,xlsx) chooses the files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './tests/harness.mjs';

const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'native', 'timescales');
const work = await mkdtemp(join(tmpdir(), 'timescales-bench-'));
const runs = Number(process.env.RUNS ?? 3);
const sizes = (process.argv[2] ?? process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const formats = (process.env.FORMATS ?? 'csv,xlsx').split(',');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

function file(children, ext) {
  const path = join(work, `national-${children}.${ext}`);
  execFileSync(cli, ['demo', '--children', String(children), '--seed', '1', '--out', path]);
  return path;
}

/** One native run of `timescales <command>` on the file: wall time (the whole process, started by
 * /usr/bin/time) and peak memory (max RSS). */
function native(command, path) {
  const args = ['-f', '%e %M', cli, command, path];
  if (command === 'analyse') args.push('--format', 'text');
  const t0 = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number((process.hrtime.bigint() - t0) / 1_000_000n);
  if (run.status !== 0) throw new Error(`timescales ${command} failed: ${run.stderr}`);
  // /usr/bin/time's own figure is in hundredths of a second; the wall time is taken here.
  const kb = Number(run.stderr.toString().trim().split('\n').pop().split(' ')[1]);
  return { ms, rssKb: kb };
}

// Records the page's wasm memories as they are created (the page keeps no reference the
// benchmark could reach): the buffer never shrinks, so its size after the load is its peak.
function recordWasmMemory() {
  window.__benchMemories = [];
  const keep = (result) => {
    const instance = result.instance ?? result;
    const memory = instance.exports?.memory;
    if (memory) window.__benchMemories.push(memory);
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...a) => streaming(...a).then(keep);
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = (...a) => plain(...a).then(keep);
}

const env = await start();

/**
 * File to dashboard: give the page the file, wait for the data-quality screen, continue, wait
 * for the cards. The file goes in through the file input (the same code path as a drop after
 * the event): building a 15 MB drop event through the DevTools protocol would time the test
 * harness, not the app.
 *
 * The times are taken in the page: from the file input's change event (the page has the file)
 * to the frame after the quality screen's row counts are in the document, and from the click on
 * "Continue" to the frame after the first card is in the document; "to dashboard" is the sum,
 * which leaves out the harness's own latency in noticing the screen and clicking (on this
 * 2-core machine it sometimes took the harness half a second to notice a screen already drawn).
 * The harness's own figures are printed with each run.
 */
async function fileToDashboard(path) {
  const page = await env.newPage();
  await page.addInitScript(recordWasmMemory);
  await page.goto(env.url);
  await page.waitForSelector('[data-testid=ready]', { timeout: 30_000 });
  // The page warms its code with small synthetic loads as soon as it opens, in the page and in two
  // spare workbook workers (docs/architecture.md#warm-up), and the browser then compiles the hot
  // code for speed in the background. The file is given a second after the warm-ups, as a user
  // who has just opened the page and is choosing a file would give it.
  await page.waitForSelector('[data-warmed=true]', { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    const t = (window.__bench = {});
    // After the next frame: the screen has been laid out and painted.
    const stamp = (key) => requestAnimationFrame(() => setTimeout(() => { t[key] ??= performance.now(); }));
    document.querySelector('[data-testid=file-input]').addEventListener('change', () => { t.change ??= performance.now(); }, true);
    document.addEventListener('click', (e) => {
      if (e.target.closest('[data-testid=continue-dashboard]')) t.click ??= performance.now();
    }, true);
    new MutationObserver(() => {
      if (!t.qualityIn && document.querySelector('[data-testid=row-account]')) { t.qualityIn = true; stamp('quality'); }
      if (!t.dashboardIn && document.querySelector('[data-testid=card-accommodated_to_recommendation]')) { t.dashboardIn = true; stamp('dashboard'); }
    }).observe(document.body, { subtree: true, childList: true });
  });
  const t0 = Date.now();
  await page.setInputFiles('[data-testid=file-input]', path);
  await page.getByTestId('row-account').waitFor({ timeout: 300_000 });
  const tQuality = Date.now();
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('card-accommodated_to_recommendation').waitFor({ timeout: 300_000 });
  const t1 = Date.now();
  await page.waitForFunction(() => window.__bench.dashboard !== undefined, null, { timeout: 30_000 });
  const t = await page.evaluate(() => window.__bench);
  const cdp = await page.context().newCDPSession(page);
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmBytes = await page.evaluate(() => Math.max(0, ...window.__benchMemories.map((m) => m.buffer.byteLength)));
  await page.close();
  const toQuality = Math.round(t.quality - t.change);
  return {
    total: toQuality + Math.round(t.dashboard - t.click),
    toQuality,
    harnessTotal: t1 - t0,
    harnessQuality: tQuality - t0,
    jsHeap: heap.usedSize,
    wasmBytes,
  };
}

const rows = [];
for (const children of sizes) {
  for (const ext of formats) {
    const path = file(children, ext);
    const size = (await stat(path)).size;
    const checks = [];
    const analyses = [];
    const pages = [];
    // The native runs come first, with no page open: a page closed a moment before can still be
    // freeing a national file's memory in the browser, which slowed the next native run by a
    // quarter or more.
    for (let i = 0; i < runs; i++) {
      checks.push(native('check', path));
      analyses.push(native('analyse', path));
    }
    for (let i = 0; i < runs; i++) pages.push(await fileToDashboard(path));
    const row = {
      children,
      ext,
      size,
      check: median(checks.map((r) => r.ms)),
      analyse: median(analyses.map((r) => r.ms)),
      rss: Math.max(...checks.map((r) => r.rssKb), ...analyses.map((r) => r.rssKb)) * 1024,
      page: median(pages.map((r) => r.total)),
      quality: median(pages.map((r) => r.toQuality)),
      jsHeap: Math.max(...pages.map((r) => r.jsHeap)),
      wasm: Math.max(...pages.map((r) => r.wasmBytes)),
    };
    rows.push(row);
    console.log(
      `${children} children ${ext} (${mb(size)} MB): check ${checks.map((r) => r.ms).join('/')} ms, ` +
        `analyse ${analyses.map((r) => r.ms).join('/')} ms, file to dashboard ${pages.map((r) => r.total).join('/')} ms ` +
        `(to the quality screen ${pages.map((r) => r.toQuality).join('/')} ms; as the harness saw it ` +
        `${pages.map((r) => r.harnessTotal).join('/')} ms, quality ${pages.map((r) => r.harnessQuality).join('/')} ms)`,
    );
  }
}

console.log(`\nMedians of ${runs} runs (native: the whole process; browser: file given to the page to dashboard shown).\n`);
console.log('| Children | File | Size | `check` | `analyse --format text` | CLI max RSS | Page: to quality screen | Page: to dashboard | Page / `analyse` | JS heap after | Wasm memory |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.children.toLocaleString('en-GB')} | ${r.ext.toUpperCase()} | ${mb(r.size)} MB | ${r.check} ms | ${r.analyse} ms | ${mb(r.rss)} MB | ` +
      `${r.quality} ms | ${r.page} ms | ${(r.page / r.analyse).toFixed(1)} | ${mb(r.jsHeap)} MB | ${mb(r.wasm)} MB |`,
  );
}

if (!process.env.SKIP_FILTER) {
  const small = file(5_000, 'csv');
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', small);
  await page.getByTestId('row-account').waitFor({ timeout: 120_000 });
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('card-accommodated_to_recommendation').waitFor({ timeout: 120_000 });
  await page.getByTestId('filters').locator('summary').click();
  const times = [];
  for (const key of ['kinship', 'foster_la', 'kinship', 'foster_la', 'residential', 'residential']) {
    times.push(await filterChange(page, `#f-now-${key}`));
  }
  await page.close();
  console.log(`\n5,000 children: filter change re-render ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${median(times).toFixed(0)} ms)`);
}
await env.close();

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
