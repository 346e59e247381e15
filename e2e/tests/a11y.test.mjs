// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every screen, with the demo
// loaded. axe is evaluated through the DevTools protocol, so the page's CSP stays in force.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { start, openApp } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS = ['start', 'mapping', 'quality', 'dashboard', 'runchart', 'delay', 'timeline', 'histories', 'workbench', 'settings'];

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('every screen passes axe-core WCAG 2.2 AA checks', async () => {
  const page = await openApp(env);
  await page.evaluate(axeSource);
  const failures = [];
  for (const screen of SCREENS) {
    await page.getByTestId(`nav-${screen}`).click();
    await page.waitForTimeout(150);
    const result = await page.evaluate(() => axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    for (const v of result.violations) {
      failures.push(`${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the app can be used with the keyboard alone: skip link, navigation and focus', async () => {
  const page = await openApp(env);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
  // Tab to the navigation and open the dashboard with Enter.
  let guard = 0;
  while ((await page.evaluate(() => document.activeElement?.dataset?.testid)) !== 'nav-dashboard' && guard++ < 20) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.getByTestId('stage-cards').waitFor();
  assert.equal(await page.getByTestId('nav-dashboard').getAttribute('aria-current'), 'page');
  await page.close();
});
