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
