// Messy real files: a mistyped future year never becomes the as-at date, every screen says
// which as-at date is in force and where it came from, and an unknown destination is shown on
// the columns screen instead of being guessed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp } from './harness.mjs';

let env;
let work;
before(async () => {
  env = await start();
  work = await mkdtemp(join(tmpdir(), 'timescales-messy-'));
});
after(async () => { await env?.close(); });

test('a typing error in the year does not become the as-at date', async () => {
  const csv = join(work, 'typo.csv');
  await writeFile(csv, [
    'child_id,last_accommodated_date,permanence_recommendation_date',
    'A1,01/03/2023,01/09/2023',
    'A2,15/01/2024,',
    'A3,01/02/2024,01/02/2052',
  ].join('\n') + '\n');
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', csv);
  await page.getByTestId('data-banner').filter({ hasText: 'typo.csv' }).waitFor();
  // The latest date not after today is A3's accommodation, 01/02/2024; 2052 is a data problem,
  // not the as-at date.
  const banner = await page.getByTestId('as-at-banner').innerText();
  assert.equal(banner, 'As at 01/02/2024 (the latest date in the data that is not after today).');
  await page.getByTestId('nav-dashboard').click();
  assert.equal(await page.getByTestId('as-at-banner').innerText(), banner, 'on every screen');
  assert.match(await page.getByTestId('as-at-source').innerText(), /the latest date in the data that is not after today/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('an unknown destination is listed on the columns screen, never guessed', async () => {
  const csv = join(work, 'dest.csv');
  await writeFile(csv, [
    'child_id,last_accommodated_date,ceased_looked_after_date,destination',
    'B1,01/03/2022,01/03/2023,Homeless',
    'B2,01/03/2022,01/04/2023,Moved to Mars',
  ].join('\n') + '\n');
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', csv);
  const table = page.getByTestId('destination-values-table');
  await table.waitFor();
  const text = await table.innerText();
  assert.match(text, /Moved to Mars[\s\S]*Not recognised: please choose/);
  // "Homeless" is on the closed list and is not a return home.
  const homeless = page.getByTestId('destination-values-table').getByLabel('Homeless', { exact: true });
  assert.equal(await homeless.inputValue(), 'homeless');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('identical problems are one line on the data-quality screen, fixed at once on the columns screen', async () => {
  const csv = join(work, 'wordings.csv');
  // Rows 2 to 5 share an unknown placement wording; row 6 has another.
  await writeFile(csv, [
    'child_id,last_accommodated_date,placement_type',
    'B1,01/03/2023,Bed and breakfast',
    'B2,01/04/2023,Bed and breakfast',
    'B3,01/05/2023,Bed and breakfast',
    'B4,01/06/2023,Bed and breakfast',
    'B5,01/07/2023,Caravan',
  ].join('\n') + '\n');
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', csv);
  await page.getByTestId('data-banner').filter({ hasText: 'wordings.csv' }).waitFor();
  await page.getByTestId('nav-quality').click();
  const table = page.getByTestId('problems-table');
  const line = table.locator('tr', { hasText: 'Bed and breakfast' });
  assert.equal(await line.count(), 1, 'one line for the four rows');
  assert.match(await line.innerText(), /4 rows \(2, 3, 4, 5\)/);
  await line.getByTestId('fix-in-columns').click();
  await page.getByTestId('mapping-table').first().waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});
