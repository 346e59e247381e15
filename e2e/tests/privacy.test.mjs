// After a whole session (load a file with names, remap, every screen, the report, the timeline
// with names shown), nothing about any child is stored by the browser or left in the address
// history: not in localStorage, sessionStorage, IndexedDB, the Cache API, cookies or the URLs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, storedData } from './harness.mjs';

let env;
let work;
before(async () => {
  env = await start();
  work = await mkdtemp(join(tmpdir(), 'timescales-privacy-'));
});
after(async () => { await env?.close(); });

test('a full session leaves no child data in storage, caches or history', async () => {
  const csv = join(work, 'named.csv');
  await writeFile(csv, [
    'Child ID,Child name,Date of birth,Date accommodated,Permanence recommendation date,Mystery',
    'Z0001,Alexandra Quill,05/06/2015,01/03/2021,31/08/2021,x',
    'Z0002,Benedict Quarry,29/02/2016,15/01/2022,,y',
  ].join('\n') + '\n');
  const page = await openApp(env);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.setInputFiles('[data-testid=file-input]', csv);
  await page.getByTestId('mapping-table').first().waitFor();
  await page.getByTestId('apply-mapping').click();
  await page.getByTestId('row-account').waitFor();
  const visited = [];
  for (const key of ['dashboard', 'runchart', 'delay', 'histories', 'workbench', 'compare', 'settings', 'quality', 'mapping']) {
    await page.getByTestId(`nav-${key}`).click();
    visited.push(page.url());
  }
  await page.getByTestId('nav-dashboard').click();
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
  await report.path();
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('timeline-search').fill('Z0001');
  await page.getByTestId('timeline-search').press('Enter');
  await page.getByTestId('timeline-svg').waitFor();
  await page.getByTestId('show-names').check();
  await page.waitForFunction(() => /Alexandra Quill/.test(document.querySelector('main').innerText));
  visited.push(page.url());

  const secrets = /Z000|Alexandra|Quill|Benedict|2015|2016|2021|2022|named\.csv/;
  const stored = await storedData(page);
  assert.doesNotMatch(JSON.stringify(stored), secrets, JSON.stringify(stored));
  const cached = await page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const body = await (await cache.match(req)).text();
        out.push({ url: req.url, hasName: /Alexandra|Quill|Z0001/.test(body) });
      }
    }
    return out;
  });
  assert.ok(cached.every((c) => !c.hasName && !/Z000|named/.test(c.url)), JSON.stringify(cached));
  for (const url of visited) assert.doesNotMatch(url, secrets, url);
  assert.deepEqual(page.problems, []);
  await page.close();
});
