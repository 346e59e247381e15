// The whole flow in the browser: load files (CSV and a workbook through the worker), remap,
// dashboard figures equal to the CLI's JSON on the same file, run chart controls, the timeline
// from a chart point, the workbench on pasted values, names hidden by default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './harness.mjs';

const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'debug', 'timescales');
let env;
let work;
before(async () => {
  env = await start();
  work = await mkdtemp(join(tmpdir(), 'timescales-e2e-'));
});
after(async () => { await env?.close(); });

/** Loads a file through the file input and waits until the banner names it. */
async function loadFile(page, path, name) {
  await page.setInputFiles('[data-testid=file-input]', path);
  await page.getByTestId('data-banner').filter({ hasText: name }).waitFor({ timeout: 60_000 });
}

/**
 * Continues to the dashboard and checks the cohort and every stage's completed count against the
 * CLI's `analyse --format json`; returns each stage with its card.
 */
async function dashboardAgainstCli(page, json) {
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('stage-cards').waitFor();
  assert.match(await page.getByTestId('cohort-summary').innerText(), new RegExp(`of ${json.children} children`));
  const cards = [];
  for (const stage of json.stages) {
    const card = page.getByTestId(`card-${stage.id}`);
    assert.equal(await card.getByTestId('card-complete-n').innerText(), String(stage.complete.n), stage.id);
    cards.push([stage, card]);
  }
  return cards;
}

test('dashboard figures equal the CLI JSON on the same file', async () => {
  const csv = join(work, 'cohort.csv');
  execFileSync(cli, ['demo', '--children', '400', '--seed', '7', '--out', csv]);
  const json = JSON.parse(execFileSync(cli, ['analyse', csv, '--format', 'json']).toString());
  const page = await openApp(env);
  await loadFile(page, csv, 'cohort.csv');
  for (const [stage, card] of await dashboardAgainstCli(page, json)) {
    assert.match(await card.getByTestId('card-waiting-n').innerText(), new RegExp(`^${stage.waiting.n}\\b`), stage.id);
    const median = await card.getByTestId('card-median').innerText();
    if (stage.complete.median_days == null) assert.equal(median, '–');
    else assert.equal(parseFloat(median), stage.complete.median_days, stage.id);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a workbook read by two workers side by side gives the report and figures of the CLI', async () => {
  // 10,000 children make a 1.7 MB workbook: over the 1 MB from which two workers each read about
  // half its worksheets (docs/architecture.md#reading-a-workbook-in-two). The CLI reads it whole.
  const xlsx = join(work, 'national.xlsx');
  execFileSync(cli, ['demo', '--children', '10000', '--seed', '5', '--out', xlsx]);
  const big = { maxBuffer: 64 * 1024 * 1024 };
  const check = JSON.parse(execFileSync(cli, ['check', xlsx, '--format', 'json'], big).toString());
  const json = JSON.parse(execFileSync(cli, ['analyse', xlsx, '--format', 'json'], big).toString());
  const page = await openApp(env);
  await loadFile(page, xlsx, 'national.xlsx');
  const account = await page.getByTestId('row-account').innerText();
  assert.match(account, new RegExp(`^${check.rows_read}\\s*rows read`));
  assert.equal(await page.locator('#problems-heading').innerText(), `Problems (${check.problems.length})`);
  await dashboardAgainstCli(page, json);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(env.contextProblems, []);
  await page.close();
});

test('a workbook is read by the worker module, same origin only', async () => {
  const xlsx = join(work, 'cohort.xlsx');
  execFileSync(cli, ['demo', '--children', '120', '--seed', '3', '--out', xlsx]);
  const page = await openApp(env);
  await loadFile(page, xlsx, 'cohort.xlsx (120 children)');
  assert.match(await page.getByTestId('quality-format').innerText(), /Excel \(\.xlsx\)/);
  assert.ok(page.requests.some((r) => r.includes('timescales-workbook-worker')), 'the worker was loaded');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(env.contextProblems, []);
  await page.close();
});

test('unrecognised columns open the mapping screen, and applying a mapping loads the data', async () => {
  const csv = join(work, 'odd.csv');
  await writeFile(csv, 'Child ID,Date Accommodated,Mystery column\nA1,01/03/2021,x\nA2,15/01/2022,y\n');
  const page = await openApp(env);
  await loadFile(page, csv, 'odd.csv');
  await page.getByTestId('mapping-table').first().waitFor();
  await page.getByTestId('apply-mapping').click();
  await page.getByTestId('row-account').waitFor();
  // Header + 2 children = 3 rows read, 2 used, 1 set aside (the header row).
  const account = await page.getByTestId('row-account').innerText();
  assert.match(account, /3\s*rows read/);
  assert.match(account, /2\s*used/);
  // No CSO-at-home dates in this file: aim 1 says "no data" rather than showing 0.
  await page.getByTestId('continue-dashboard').click();
  const aim1 = page.getByTestId('card-cso_at_home_to_review');
  assert.match(await aim1.getByTestId('card-no-data').innerText(), /cso at home started date/i);
  await page.getByTestId('aim1-none').waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('run chart controls change the verdict and the timeline opens from a point', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('open-accommodated_to_recommendation').click();
  const signals = page.getByTestId('signals');
  await signals.waitFor();
  const both = await signals.innerText();
  assert.match(both, /IHI/);
  assert.match(both, /Anhøj/);
  await page.getByTestId('rules-anhoej').check();
  await page.waitForFunction(() => !document.querySelector('[data-testid=signals]').innerText.includes('IHI rule'));
  assert.match(await page.getByTestId('phase-table').innerText(), /not applied/);
  // A phase from 1 January 2022 splits the chart into two phases with their own medians.
  await page.getByTestId('phase-date').fill('2022-01-01');
  await page.getByTestId('phase-label').fill('New review process');
  await page.getByTestId('add-phase').click();
  await page.getByTestId('phase-table').locator('tbody tr').nth(1).waitFor();
  assert.match(await page.getByTestId('phase-table').innerText(), /New review process/);
  // Click in the middle of the run panel: some child's point is selected.
  const svg = page.getByTestId('runchart-svg');
  await svg.scrollIntoViewIfNeeded();
  const box = await svg.boundingBox();
  await page.mouse.click(box.x + box.width * 0.35, box.y + box.height * 0.5);
  await page.getByTestId('selected-child').waitFor();
  const id = (await page.getByTestId('selected-child').locator('strong').innerText()).trim();
  assert.match(id, /^C\d{5}$/);
  await page.getByTestId('open-timeline').click();
  await page.getByTestId('timeline-svg').waitFor();
  assert.match(await page.getByTestId('timeline-svg').innerHTML(), new RegExp(id));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a national-length run chart leads with its verdict and shows its tables a page at a time; the timeline suggests a few ids', async () => {
  // 10,000 children: thousands of points per stage and hundreds of sentences
  // (docs/runchart-rules.md#digest). The page must not build them all into the first screen.
  const csv = join(work, 'long.csv');
  execFileSync(cli, ['demo', '--children', '10000', '--seed', '5', '--out', csv]);
  const big = { maxBuffer: 64 * 1024 * 1024 };
  const json = JSON.parse(execFileSync(cli, ['analyse', csv, '--format', 'json'], big).toString());
  const stage = json.stages.find((s) => s.id === 'accommodated_to_recommendation');
  assert.ok(stage.complete.n > 1000, `${stage.complete.n} completed`);
  const page = await openApp(env);
  await loadFile(page, csv, 'long.csv');
  await page.getByTestId('continue-dashboard').click();
  const verdict = await page.getByTestId('card-accommodated_to_recommendation').getByTestId('card-verdict').innerText();
  await page.getByTestId('open-accommodated_to_recommendation').click();
  const first = page.getByTestId('signals-first').locator('li');
  await first.first().waitFor();
  // The verdict, then the count of signals, then at most six of the latest findings.
  assert.equal(await first.first().innerText(), verdict);
  // (An earlier test's phase may still be in the remembered settings: "across 2 phases".)
  assert.match(await first.nth(1).innerText(), /^The rules found \d+ signals( across \d+ phases)?\. The latest of each kind follow/);
  assert.ok((await first.count()) <= 8);
  const all = page.getByTestId('signals-all');
  const n = Number((await all.locator('summary').innerText()).match(/^All (\d+) sentences, in order$/)[1]);
  assert.ok(n > 12);
  assert.equal(await all.locator('li').count(), n);
  // The table of completed children: 500 rows, then 500 more on request, out of all of them.
  const rows = page.getByTestId('points-table').locator('tbody tr');
  assert.equal(await rows.count(), 500);
  await page.getByText('Data table: every child who completed the stage').click();
  assert.match(await page.getByTestId('points-more').locator('..').innerText(), new RegExp(`Showing 500 of ${stage.complete.n} rows`));
  // From the keyboard: the button stays where it was, with the focus, as the rows are added.
  await page.getByTestId('points-more').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=points-table] tbody tr').length === 1000);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'points-more');
  assert.match(await page.getByTestId('points-more').locator('..').innerText(), new RegExp(`Showing 1000 of ${stage.complete.n} rows`));
  assert.equal(await rows.nth(999).locator('td').first().innerText(), '1000');
  // The timeline's search box suggests ids starting with what is typed, not all 10,000: the
  // demo's ids run C00001 to C10000, so "c0001" is C00010 to C00019.
  await page.getByTestId('nav-timeline').click();
  const options = page.locator('#timeline-ids option');
  assert.equal(await options.count(), 50);
  await page.getByTestId('timeline-search').fill('c0001');
  await page.waitForFunction(() => document.querySelectorAll('#timeline-ids option').length === 10);
  assert.deepEqual(await options.evaluateAll((os) => [os[0].value, os[9].value]), ['C00010', 'C00019']);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the workbench finds the signals in pasted values', async () => {
  const page = await openApp(env);
  await page.getByTestId('nav-workbench').click();
  // 1..12: median 6.5, points 1-6 below and 7-12 above. IHI: a shift (6 below) and a trend
  // (12 rising). Anhøj: 1 crossing, fewer than qbinom(0.05, 11, 0.5) = 3, so a signal.
  await page.getByTestId('workbench-input').fill(Array.from({ length: 12 }, (_, i) => i + 1).join('\n'));
  const signals = page.getByTestId('workbench-signals');
  await page.waitForFunction(() => /trend/i.test(document.querySelector('[data-testid=workbench-signals]')?.innerText ?? ''));
  const text = await signals.innerText();
  assert.match(text, /shift/i);
  assert.match(text, /trend/i);
  assert.match(text, /cross/i);
  // The pasted values survive a visit to another screen.
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('nav-workbench').click();
  assert.equal((await page.getByTestId('workbench-input').inputValue()).split('\n').length, 12);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('names are hidden by default and hidden again after a reload', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('timeline-search').fill('C00001');
  await page.getByTestId('timeline-search').press('Enter');
  await page.getByTestId('timeline-svg').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /Synthetic-1\b/);
  await page.getByTestId('show-names').check();
  await page.waitForFunction(() => /Synthetic-1\b/.test(document.querySelector('main').innerText));
  await page.reload();
  await page.waitForSelector('[data-testid=ready]');
  await page.getByTestId('open-demo').click();
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('timeline-search').fill('C00001');
  await page.getByTestId('timeline-search').press('Enter');
  await page.getByTestId('timeline-svg').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /Synthetic-1\b/);
  await page.close();
});

test('the report downloads as one self-contained HTML file built on the device', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
  assert.match(download.suggestedFilename(), /^timescales-report-\d{4}-\d{2}-\d{2}\.html$/);
  const html = await readFile(await download.path(), 'utf8');
  assert.match(html, /Synthetic demo data: not real children/);
  // One run chart and one Kaplan-Meier curve per stage (the demo has data for every stage).
  assert.equal((html.match(/<svg/g) ?? []).length, 16, 'a run chart and a curve per stage');
  assert.match(html, /<section class="cover">\n<h1>Permanence timescales<\/h1>/);
  assert.doesNotMatch(html, /<script|Synthetic-\d/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('printing hides the controls and keeps the charts', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('open-accommodated_to_recommendation').click();
  await page.getByTestId('runchart-svg').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.nav').isVisible(), false, 'navigation is not printed');
  assert.equal(await page.getByTestId('runchart-controls').isVisible(), false, 'controls are not printed');
  assert.equal(await page.getByTestId('runchart-svg').isVisible(), true, 'the chart is printed');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, 'a PDF with content');
  await page.close();
});

test('bad files get a clear message and the page keeps working', async () => {
  const corpus = join(repoRoot, 'crates', 'core', 'tests', 'corpus');
  const page = await openApp(env);
  const cases = [
    ['wb_password.xlsx', /protected with a password/],
    ['wb_truncated.xlsx', /may be damaged or only partly downloaded/],
    ['csv_binary_renamed.csv', /not a text CSV file/],
    ['csv_empty.csv', /the file is empty/],
  ];
  for (const [file, message] of cases) {
    await page.setInputFiles('[data-testid=file-input]', join(corpus, file));
    await page.getByTestId('load-error').filter({ hasText: file }).waitFor();
    assert.match(await page.getByTestId('load-error').innerText(), message, file);
  }
  // Still alive: the demo opens.
  await page.getByTestId('open-demo').click();
  await page.getByTestId('stage-cards').waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});
