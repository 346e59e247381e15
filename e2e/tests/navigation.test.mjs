// Screens in the address bar: Back and Forward move between screens and keep the loaded file;
// no child id, name or date ever reaches the URL or the history; a reload asks first and then
// says the data is gone by design; "Clear everything" drops the file at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, fixtures } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('Back and Forward move between screens and keep the loaded file', async () => {
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('stage-cards').waitFor();
  assert.match(page.url(), /#dashboard$/);
  await page.getByTestId('nav-quality').click();
  assert.match(page.url(), /#quality$/);
  // A child's timeline is reached by screen; the child is not named in the address.
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('timeline-search').fill('T0001');
  await page.getByTestId('timeline-search').press('Enter');
  await page.getByTestId('timeline-svg').waitFor();
  assert.match(page.url(), /#timeline$/);
  await page.goBack();
  await page.getByTestId('row-account').waitFor();
  assert.match(page.url(), /#quality$/);
  await page.goBack();
  await page.getByTestId('stage-cards').waitFor();
  await page.goForward();
  await page.getByTestId('row-account').waitFor();
  // Still the user's file, not the demo.
  assert.match(await page.getByTestId('data-banner').innerText(), /small\.csv/);
  const history = await page.evaluate(() => ({ url: location.href, length: history.length }));
  assert.doesNotMatch(history.url, /T000|2021|2015/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a reload with a file loaded asks first, then the start screen says the data is gone', async () => {
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('stage-cards').waitFor();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.type()); await d.accept(); });
  await page.reload();
  await page.getByTestId('reloaded-notice').waitFor();
  assert.deepEqual(dialogs, ['beforeunload']);
  assert.match(await page.getByTestId('data-banner').innerText(), /synthetic demo/);
  await page.close();
});

test('Clear everything drops the file and returns to the start screen', async () => {
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('clear-everything').click();
  await page.getByTestId('demo-summary').waitFor();
  assert.match(await page.getByTestId('data-banner').innerText(), /synthetic demo/);
  assert.match(page.url(), /#start$/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the run chart controls show the baseline in force after leaving the screen', async () => {
  const page = await openApp(env);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('open-accommodated_to_recommendation').click();
  await page.getByTestId('baseline-first').check();
  await page.getByTestId('freeze-n').fill('8');
  await page.getByTestId('freeze-n').dispatchEvent('change');
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('open-accommodated_to_recommendation').click();
  assert.equal(await page.getByTestId('freeze-n').inputValue(), '8');
  assert.ok(await page.getByTestId('baseline-first').isChecked());
  assert.deepEqual(page.problems, []);
  await page.close();
});
