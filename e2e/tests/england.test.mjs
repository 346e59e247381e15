// England's SSDA903 return: several tables chosen at once are read together, each recognised
// by its columns, and the dashboard shows what the format does not collect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './harness.mjs';
import { workbook, row, sheet } from './workbooks.mjs';

const corpus = join(repoRoot, 'crates', 'core', 'tests', 'corpus', 'ssda903');
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('a set of SSDA903 tables loads in one go', async () => {
  const page = await openApp(env);
  const files = ['header.csv', 'episodes.csv', 'ad1.csv', 'placed_for_adoption.csv'].map((f) => join(corpus, f));
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.getByTestId('data-banner').filter({ hasText: 'header.csv and 3 more' }).waitFor();
  await page.getByTestId('row-account').waitFor();
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('stage-cards').waitFor();
  // The 903 has no permanence recommendation: the stages that need one say so.
  const notes = await page.getByTestId('card-recommendation_to_panel').innerText();
  assert.match(notes, /[Nn]ot collected in this format/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("England's adoption stages have cards, run charts and the scorecard figure with the 903 tables, and only then", async () => {
  const page = await openApp(env);
  const files = ['header.csv', 'episodes.csv', 'ad1.csv', 'placed_for_adoption.csv'].map((f) => join(corpus, f));
  await page.setInputFiles('[data-testid=file-input]', files);
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('stage-cards').waitFor();
  // Worked out by hand in crates/cli/tests/ssda903.rs: 0012 was placed for adoption 273 days
  // after entering care, and matched 22 days after its placement order.
  const placed = page.getByTestId('card-entered_care_to_placed_for_adoption');
  assert.equal(await placed.getByTestId('card-median').innerText(), '273 days');
  assert.equal(await placed.getByTestId('card-scorecard').innerText(), '273 days');
  // The app's as-at date is the latest date in the data; the three years end on it.
  assert.match(await placed.innerText(), /Former scorecard threshold: 426 days/);
  assert.match(await placed.innerText(), /Scorecard figure A1 \(the mean for children adopted \d\d\/\d\d\/\d{4} to \d\d\/\d\d\/\d{4}\): 273 days, 1 child\./);
  const a2 = page.getByTestId('card-placement_order_to_match');
  assert.equal(await a2.getByTestId('card-median').innerText(), '22 days');
  for (const id of ['entered_care_to_adoption_decision', 'adoption_decision_to_match', 'entered_care_to_moved_in']) {
    await page.getByTestId(`card-${id}`).waitFor();
  }
  // The same run chart screen as the PACE stages.
  await page.getByTestId('open-placement_order_to_match').click();
  await page.getByTestId('stage-select').waitFor();
  assert.equal(await page.getByTestId('stage-select').inputValue(), 'placement_order_to_match');
  assert.match(await page.getByTestId('population').innerText(), /placement order/);
  assert.deepEqual(page.problems, []);
  await page.close();
  // Data without England's dates: no England stage on the dashboard or the run chart screen.
  const demo = await openApp(env);
  await demo.getByTestId('open-demo').click();
  await demo.getByTestId('stage-cards').waitFor();
  assert.equal(await demo.getByTestId('card-placement_order_to_match').count(), 0);
  await demo.getByTestId('open-accommodated_to_recommendation').click();
  await demo.getByTestId('stage-select').waitFor();
  assert.equal(await demo.locator('[data-testid=stage-select] option').count(), 8);
  assert.deepEqual(demo.problems, []);
  await demo.close();
});

test('an Ofsted Annex A workbook opens without editing: List 10 with List 8, and the England stages', async () => {
  const page = await openApp(env);
  const workbook = join(repoRoot, 'crates', 'core', 'tests', 'corpus', 'annex_a', 'annex_a.xlsx');
  await page.setInputFiles('[data-testid=file-input]', [workbook]);
  // Nothing is left for the columns screen: the data-quality screen comes next.
  await page.getByTestId('row-account').waitFor();
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('stage-cards').waitFor();
  // Worked out by hand in crates/core/tests/annex_a.rs: orders to matches of 22 and 0 days.
  const a2 = page.getByTestId('card-placement_order_to_match');
  assert.equal(await a2.getByTestId('card-median').innerText(), '11 days');
  const placed = page.getByTestId('card-entered_care_to_placed_for_adoption');
  assert.equal(await placed.getByTestId('card-median').innerText(), '273 days');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a large Annex A workbook, first shared between two workers, is read again whole and its lists joined', async () => {
  // 3,000 children in List 8 and List 10, 1.3 MB: over the 1 MB from which two workers read a
  // workbook a sheet each. Each finds an Annex A list, so one worker reads it again whole and
  // joins the lists (docs/architecture.md#reading-a-workbook-in-two). Child i was looked after
  // from day i mod 300 of 2020; its placement order came 150 days later, the match i mod 50 days
  // after the order and the placement 10 days after the match.
  const day = (n) => {
    const d = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  };
  const list10 = [row(1, ['Child Unique ID', 'Date of decision that child should be placed for adoption', 'Date of placement order', 'Date of matching child and prospective adopters', 'Date placed for adoption'])];
  const list8 = [row(1, ['Child Unique ID', 'Date started to be looked after'])];
  for (let i = 0; i < 3000; i++) {
    const s = i % 300;
    list10.push(row(i + 2, [`A${i}`, day(s + 100), day(s + 150), day(s + 150 + (i % 50)), day(s + 160 + (i % 50))]));
    list8.push(row(i + 2, [`A${i}`, day(s)]));
  }
  const bytes = workbook([['List 8', sheet(list8.join(''))], ['List 10', sheet(list10.join(''))]]);
  assert.ok(bytes.length > 1024 * 1024, `${bytes.length} bytes`);
  const path = join(await mkdtemp(join(tmpdir(), 'timescales-annex-')), 'annex-big.xlsx');
  await writeFile(path, bytes);
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', path);
  await page.getByTestId('row-account').waitFor({ timeout: 60_000 });
  await page.getByTestId('continue-dashboard').click();
  await page.getByTestId('stage-cards').waitFor();
  assert.match(await page.getByTestId('cohort-summary').innerText(), /of 3000 children/);
  // By hand: order to match is i mod 50, 0 to 49 days, 60 children each; the 1,500th and
  // 1,501st of the 3,000 are 24 and 25 days, so the median is 24.5. Care to placement is 160
  // days more: 184.5. List 8's start dates reach the placement only through the join.
  const median = async (id) => parseFloat(await page.getByTestId(`card-${id}`).getByTestId('card-median').innerText());
  assert.equal(await median('placement_order_to_match'), 24.5);
  assert.equal(await median('entered_care_to_placed_for_adoption'), 184.5);
  // The CLI, which reads the workbook whole, agrees.
  const cli = process.env.TIMESCALES_CLI ?? join(repoRoot, 'target', 'debug', 'timescales');
  const json = JSON.parse(execFileSync(cli, ['analyse', path, '--format', 'json'], { maxBuffer: 64 * 1024 * 1024 }).toString());
  const stage = (id) => json.stages.find((st) => st.id === id).complete.median_days;
  assert.equal(stage('placement_order_to_match'), 24.5);
  assert.equal(stage('entered_care_to_placed_for_adoption'), 184.5);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the columns screen says why each English heading and wording was recognised', async () => {
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', join(repoRoot, 'crates', 'core', 'tests', 'corpus', 'csv_england_wordings.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'csv_england_wordings.csv' }).waitFor();
  await page.getByTestId('nav-mapping').click();
  const columns = await page.getByTestId('mapping-table').first().innerText();
  // The header has a trailing space ("Child Unique ID "): it is matched all the same.
  assert.match(columns, /Matched the known heading 'Child Unique ID' for Child ID/);
  assert.match(columns, /Matched the known heading 'Date the Child Entered Care' for/);
  const wordings = await page.getByTestId('placement-values-table').innerText();
  assert.match(wordings, /Foster Care \(LA\)[\s\S]*Matched the known wording 'Foster Care \(LA\)'/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
