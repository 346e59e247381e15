// Writes dist/sw.js: a service worker that keeps the app's own files (and nothing else) so the
// hosted app reopens with the network off after the first visit. The file list and a version
// (a hash of every file) are written into it, so each release is a new worker: the page then
// says an update is ready instead of mixing versions. It never stores anything the user loads:
// files are read from the user's disk, never fetched, and only the listed app files are cached.
// Usage: node scripts/service-worker.mjs dist
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const dist = process.argv[2] ?? 'dist';
async function walk(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}
const skip = (f) => f === 'sw.js' || f.startsWith('.stage') || f.startsWith('timescales-offline');
const files = (await walk(dist)).map((p) => relative(dist, p).split('\\').join('/')).filter((f) => !skip(f)).sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(await readFile(join(dist, f)));
const version = hash.digest('hex').slice(0, 16);
// The Learn page (dist/learn/) is opened at its folder's address, so that is cached too.
const urls = ['./', ...(files.includes('learn/index.html') ? ['./learn/'] : []), ...files.map((f) => `./${f}`)];
const sw = `// Timescales service worker, version ${version}. Caches the app's own files only.
const VERSION = ${JSON.stringify(version)};
const FILES = ${JSON.stringify(urls)};
const CACHE = 'timescales-app-' + VERSION;
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith('timescales-app-') && k !== CACHE).map((k) => caches.delete(k)))));
});
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  // The app's files from the cache this version filled; anything else goes to the network as
  // it would without a service worker, and is never stored.
  event.respondWith(caches.open(CACHE).then((c) => c.match(req, { ignoreSearch: true })).then((hit) => hit || fetch(req)));
});
`;
await writeFile(join(dist, 'sw.js'), sw);
console.log(`${join(dist, 'sw.js')}: version ${version}, ${urls.length} files`);
