// England's SSDA903 return: several tables chosen at once are read together, each recognised
// by its columns, and the dashboard shows what the format does not collect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, repoRoot } from './harness.mjs';

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
