// Shared set-up for the browser tests: serves dist/, launches Debian's Chromium through
// playwright-core, and records everything that would break the privacy promise.
import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
export const fixtures = join(here, '..', 'fixtures');

/** Flags this closed network needs (see README): no background calls to Google services. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions',
];

/**
 * Starts a server and a browser. Returns { browser, url, newPage, close }.
 * `newPage()` gives a page whose `problems` array collects: requests to other origins,
 * requests with a method other than GET, CSP violations, console errors and page errors.
 */
export async function start() {
  const { server, url } = await serve(join(repoRoot, 'dist'));
  const userDataDir = await mkdtemp(join(tmpdir(), 'timescales-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  const origin = new URL(url).origin;
  // Requests from workers are seen at the context level too.
  const contextProblems = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!(u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:'))) contextProblems.push(`request to another origin: ${u}`);
    if (r.method() !== 'GET') contextProblems.push(`non-GET request: ${r.method()} ${u}`);
  });
  async function newPage() {
    const page = await context.newPage();
    page.problems = [];
    page.requests = [];
    page.on('request', (r) => {
      page.requests.push(`${r.method()} ${r.url()}`);
      const u = r.url();
      const sameOrigin = u.startsWith(origin + '/') || u.startsWith('blob:' + origin) || u.startsWith('data:');
      if (!sameOrigin) page.problems.push(`request to another origin: ${r.method()} ${u}`);
      if (r.method() !== 'GET') page.problems.push(`non-GET request: ${r.method()} ${u}`);
    });
    page.on('console', (m) => {
      const text = m.text();
      if (/Content.Security.Policy|Refused to/i.test(text)) page.problems.push(`CSP violation: ${text}`);
      else if (m.type() === 'error') page.problems.push(`console error: ${text}`);
    });
    page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
    return page;
  }
  async function close() {
    await context.close();
    await new Promise((ok) => server.close(ok));
  }
  return { context, url, origin, newPage, close, contextProblems };
}

/** Opens the app and waits until it has rendered its main landmark. */
export async function openApp(env, path = '') {
  const page = await env.newPage();
  await page.goto(env.url + path);
  await page.waitForSelector('[data-testid=ready]', { timeout: 30_000 });
  return page;
}

/** Drops a file (name, bytes) onto the element matched by `selector`, as a user dragging it would. */
export async function dropFile(page, selector, name, bytes, type = 'text/csv') {
  const dataTransfer = await page.evaluateHandle(
    ({ name, data, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name, { type }));
      return dt;
    },
    { name, data: Array.from(bytes), type },
  );
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** What the browser kept: localStorage, sessionStorage, cookies and IndexedDB database names. */
export async function storedData(page) {
  return page.evaluate(async () => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
    cookies: document.cookie,
    indexedDb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
  }));
}
