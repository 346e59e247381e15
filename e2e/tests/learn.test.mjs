// Learn (docs/learn.md#the-learn-page): opened from the start page; two exercises answered
// wrongly then rightly; the sandbox edited by typing, dragging and the Delete key, with its
// verdict checked against the CLI's `runchart`; the handout printed to A4 PDF and its pages
// counted; no request leaving the origin; axe-core on every Learn screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { start, openApp, repoRoot } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'debug', 'timescales');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function openLearn(fragment = '') {
  const page = await env.newPage();
  await page.goto(new URL(`learn/${fragment}`, env.url).href);
  await page.waitForSelector('[data-testid=learn-ready]', { timeout: 30_000 });
  return page;
}

async function axeViolations(page, screen) {
  if (!(await page.evaluate(() => typeof axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  return result.violations.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('Learn opens from the start page in a new tab, and links back to the app', async () => {
  const page = await openApp(env);
  const [learn] = await Promise.all([env.context.waitForEvent('page'), page.getByTestId('open-learn').click()]);
  await learn.waitForSelector('[data-testid=learn-ready]', { timeout: 30_000 });
  assert.match(learn.url(), /\/learn\/$/);
  // The index lists every exercise, numbered.
  const items = await learn.getByTestId('exercise-item').allTextContents();
  assert.ok(items.length >= 8, `${items.length} exercises`);
  assert.match(items[0], /^Exercise 1: /);
  assert.equal(await learn.getByTestId('learn-back-to-app').getAttribute('href'), '../');
  // The same Content-Security-Policy as the app's page, word for word.
  const csp = (p) => p.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.equal(await csp(learn), await csp(page));
  assert.match(await csp(learn), /default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  assert.equal(await page.getByTestId('nav-learn').getAttribute('href'), 'learn/');
  await learn.close();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('two exercises: a wrong answer, then the right one, with the explanation and highlights', async () => {
  const page = await openLearn('#exercise-1');
  const failures = await axeViolations(page, 'exercise 1, unanswered');
  // Exercise 1's right answer is the first option (median 110, 12 useful); the third says 15
  // useful observations, which is wrong (docs/learn.md, the exercises table).
  await page.getByTestId('check-answer').click();
  await page.getByTestId('choose-first').waitFor();
  await page.getByTestId('option-2').check();
  await page.getByTestId('check-answer').click();
  const wrong = await page.getByTestId('feedback').textContent();
  assert.match(wrong, /Not quite/);
  assert.match(await page.getByTestId('explanation').textContent(), /^Not quite\. You chose/);
  await page.getByTestId('option-0').check();
  await page.getByTestId('check-answer').click();
  assert.match(await page.getByTestId('explanation').textContent(), /^Right: Median 110 days/);
  failures.push(...(await axeViolations(page, 'exercise 1, answered')));

  // Next: exercise 2, a shift at the end. Its right answer is the first option; choose the
  // second (a deterioration) first.
  await page.getByTestId('next-exercise').click();
  await page.waitForFunction(() => location.hash === '#exercise-2');
  assert.match(await page.getByTestId('exercise-title').textContent(), /^Exercise 2: /);
  // No answer is given away before one is checked: no highlight boxes on the chart.
  assert.equal(await page.locator('[data-testid=exercise-chart] .learn-hl').count(), 0);
  await page.getByTestId('option-1').check();
  await page.getByTestId('check-answer').click();
  assert.match(await page.getByTestId('explanation').textContent(), /^Not quite/);
  await page.getByTestId('option-0').check();
  await page.getByTestId('check-answer').click();
  assert.match(await page.getByTestId('explanation').textContent(), /^Right: Shift \(improvement\)/);
  // The engine's three findings (exercise 2's highlights): the shift and the long run over
  // points 13 to 20, and too few crossings over the whole chart, boxed and labelled.
  const list = await page.getByTestId('highlight-list').locator('li').allTextContents();
  assert.deepEqual(list, [
    'A: Shift (IHI), points 13 to 20',
    'B: Unusually long run (Anhøj), points 13 to 20',
    'C: Too few crossings (Anhøj), points 1 to 20',
  ]);
  assert.equal(await page.locator('[data-testid=exercise-chart] rect.learn-hl').count(), 3);
  assert.equal(await page.locator('[data-testid=exercise-chart] text.learn-hl-label').count(), 3);
  // The table behind the chart says which points are in which finding.
  const row13 = await page.locator('[data-testid=points-table] tbody tr').nth(12).textContent();
  assert.match(row13, /below the median/);
  assert.match(row13, /Shift \(IHI\)/);
  failures.push(...(await axeViolations(page, 'exercise 2, answered')));
  assert.deepEqual(failures, []);
  // Progress is kept in memory: the index marks both as answered.
  await page.getByTestId('learn-nav-exercises').click();
  const items = await page.getByTestId('exercise-item').allTextContents();
  assert.match(items[0], /answered/);
  assert.match(items[1], /answered/);
  assert.doesNotMatch(items[2], /answered/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Twenty values: ten between 20 and 24, then ten between 10 and 14. Worked by hand: sorted, the
// 10th is 14 and the 11th 20, so the median is 17; points 1-10 are above and 11-20 below, so 2
// runs, 1 crossing and a longest run of 10, longer than the 7 Anhøj allows for 20 points.
const VALUES = [20, 22, 21, 23, 24, 20, 22, 21, 23, 24, 10, 12, 11, 13, 14, 10, 12, 11, 13, 14];

async function facts(page) {
  return page.getByTestId('sandbox-facts').first().evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent] = dt.nextElementSibling.textContent;
    return out;
  });
}

test('sandbox: typing, dragging and deleting recompute the figures, and the verdict matches the CLI', async () => {
  const page = await openLearn('#sandbox');
  const failures = await axeViolations(page, 'sandbox');
  await page.getByLabel('Values', { exact: true }).fill(VALUES.join(', '));
  await page.waitForFunction(() => document.querySelector('[data-testid=sandbox-facts] dd')?.textContent === 'points 1 to 20');
  const f = await facts(page);
  assert.equal(f['Median'], '17');
  assert.equal(f['Runs'], '2');
  assert.equal(f['Crossings'], '1');
  assert.equal(f['Longest run'], '10');
  // The runs table for n = 20 allows 6 to 16 runs (docs/runchart-rules.md#limits-table).
  assert.equal(f['Runs table limits (IHI)'], '6 to 16 runs');
  const verdict = await page.getByTestId('sandbox-verdict').textContent();
  const fromCli = JSON.parse(execFileSync(cli, ['runchart', '--values', VALUES.join(','), '--format', 'json']).toString());
  assert.equal(verdict, fromCli.verdict.sentence);
  assert.match(verdict, /improvement/);
  // IHI and Anhøj side by side, each rule in one sentence.
  assert.match(await page.getByTestId('sandbox-ihi').textContent(), /Shift: ▲ Signal/);
  assert.match(await page.getByTestId('sandbox-anhoej').textContent(), /Crossings: ▲ Signal/);

  // Drag point 1 upwards with the mouse: its value in the box goes up. The data line's path
  // starts at point 1, in the chart's viewBox units.
  const svg = page.getByTestId('sandbox-chart');
  const at = await svg.evaluate((el) => {
    const [x, y] = el.querySelector('.ts-data-line').getAttribute('d').match(/-?[\d.]+/g).map(Number);
    const r = el.getBoundingClientRect();
    const vb = el.viewBox.baseVal;
    return { x: r.left + (x * r.width) / vb.width, y: r.top + (y * r.height) / vb.height };
  });
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x, at.y - 20, { steps: 4 });
  await page.mouse.move(at.x, at.y - 40, { steps: 4 });
  await page.mouse.up();
  const afterDrag = (await page.getByLabel('Values', { exact: true }).inputValue()).split('\n').map(Number);
  assert.equal(afterDrag.length, 20);
  assert.ok(afterDrag[0] > 20, `point 1 is now ${afterDrag[0]}`);
  assert.deepEqual(afterDrag.slice(1), VALUES.slice(1));
  assert.match(await page.getByTestId('sandbox-selected').textContent(), /Point 1 is selected/);

  // Delete removes the selected point: 19 values, and the figures follow.
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelector('[data-testid=sandbox-facts] dd')?.textContent === 'points 1 to 19');
  const afterDelete = (await page.getByLabel('Values', { exact: true }).inputValue()).split('\n').map(Number);
  assert.deepEqual(afterDelete, VALUES.slice(1));

  // A phase from point 10, by the keyboard: two phases, each with its own figures.
  await page.getByLabel('Start a new phase at point').fill('10');
  await page.getByTestId('add-phase').click();
  assert.equal(await page.getByTestId('sandbox-phase').count(), 2);
  // The baseline end, by the keyboard: the median is frozen on the first 6 points.
  await page.getByLabel('Freeze the median on the first N points').fill('6');
  await page.getByTestId('freeze-baseline').click();
  assert.match(await page.getByTestId('sandbox-baseline').textContent(), /frozen on the first 6 points/);
  // And on the chart: select point 12 by clicking it, then end the baseline there.
  const p12 = await svg.evaluate((el) => {
    const nums = el.querySelector('.ts-data-line').getAttribute('d').match(/-?[\d.]+/g).map(Number);
    const r = el.getBoundingClientRect();
    const vb = el.viewBox.baseVal;
    return { x: r.left + (nums[22] * r.width) / vb.width, y: r.top + (nums[23] * r.height) / vb.height };
  });
  await page.mouse.click(p12.x, p12.y);
  assert.match(await page.getByTestId('sandbox-selected').textContent(), /Point 12 is selected/);
  await page.getByTestId('sandbox-baseline-here').click();
  assert.match(await page.getByTestId('sandbox-baseline').textContent(), /frozen on the first 12 points/);
  failures.push(...(await axeViolations(page, 'sandbox, edited')));
  assert.deepEqual(failures, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('facilitator view moves on with the keyboard', async () => {
  const page = await openLearn('#facilitator-1');
  const failures = await axeViolations(page, 'facilitator');
  assert.match(await page.getByTestId('facilitator-title').textContent(), /^Exercise 1: /);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => location.hash === '#facilitator-2');
  assert.match(await page.getByTestId('facilitator-title').textContent(), /^Exercise 2: /);
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => location.hash === '#facilitator-3');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.hash === '#facilitator-2');
  await page.getByTestId('show-answer').click();
  assert.match(await page.getByTestId('facilitator-answer').textContent(), /Answer: Shift \(improvement\)/);
  failures.push(...(await axeViolations(page, 'facilitator, answer shown')));
  assert.deepEqual(failures, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the handout prints on A4 with the expected number of pages', async () => {
  const page = await openLearn('#handout');
  await page.getByTestId('handout').waitFor();
  const failures = await axeViolations(page, 'handout');
  assert.deepEqual(failures, []);
  const exercises = await page.locator('[data-testid=handout] section.exercise').count();
  assert.equal(exercises, 13);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  // By the print rules (style/learn.css), on A4 with 15 mm margins (a 267 mm, about 1,009 px,
  // page): the title, the note and the seven rules with their headings and spacing come to
  // about 1,170 px, so two pages; the limits tables (51 rows at 8pt, about 880 px) start a page
  // and fit on it; the "Exercises" heading and each of the 13 exercises (650-730 px each: a
  // story, a chart, the question, four options and lines to write on) start a page and fit on
  // it; the answer sheet (about 3,330 px, and no answer split across pages) takes four.
  // 2 + 1 + 13 + 4 = 20; the rules could fit on one page with narrower system fonts, so 19-20.
  assert.ok(pages >= 19 && pages <= 20, `${pages} pages`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('no request from Learn leaves the origin', async () => {
  assert.deepEqual(env.contextProblems, []);
});

test('the hosted Learn page reopens with the network off', async () => {
  const page = await openLearn('#sandbox');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector('[data-testid=learn-ready]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await env.context.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector('[data-testid=sandbox-verdict]', { timeout: 30_000 });
    assert.match(await page.getByTestId('sandbox-verdict').textContent(), /median/);
  } finally {
    await env.context.setOffline(false);
  }
  await page.close();
});

// Last: the context's request log would otherwise list this file:// page as another origin.
test('the single-file Learn works from disk with the network refused', async () => {
  const page = await env.context.newPage();
  const requests = [];
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy|Refused/i.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return /^(file|blob|data):/.test(url) ? route.continue() : route.abort();
  });
  await page.goto(`${pathToFileURL(join(repoRoot, 'dist-offline', 'timescales-learn.html')).href}#sandbox`);
  await page.waitForSelector('[data-testid=learn-ready]', { timeout: 30_000 });
  await page.getByLabel('Values', { exact: true }).fill(VALUES.join('\n'));
  await page.waitForFunction(() => document.querySelector('[data-testid=sandbox-verdict]')?.textContent.includes('median of 17'));
  assert.equal(await page.getByTestId('learn-back-to-app').getAttribute('href'), 'timescales.html');
  assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), []);
  assert.deepEqual(problems, []);
  await page.close();
});
