// Builds the single-file edition from a release build in dist/: one HTML file that works opened
// from disk (file://) with every network request refused. Everything is embedded: the styles,
// the page's module and wasm, the workbook worker (started from a blob: URL) and the template
// workbook. Its Content-Security-Policy allows no network at all (connect-src 'none') and runs
// only the one inline script, by its hash. Usage: node scripts/offline.mjs dist dist-offline
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dist = 'dist', out = 'dist-offline'] = process.argv.slice(2);
const html = await readFile(join(dist, 'index.html'), 'utf8');
const pick = (re, what) => {
  const m = html.match(re);
  if (!m) throw new Error(`dist/index.html has no ${what}`);
  return m[1];
};
const appJs = pick(/data-js="\.\/([^"]+\.js)"/, 'app module');
const appWasm = pick(/data-wasm="\.\/([^"]+\.wasm)"/, 'app wasm');
const cssFiles = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/g)].map((m) => m[1]);
const b64 = async (file) => (await readFile(join(dist, file))).toString('base64');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// The page's module: wasm-bindgen's glue without its exports, started from the embedded bytes.
let glue = await readFile(join(dist, appJs), 'utf8');
glue = glue.replace(/^export \{[^}]*\};?\s*$/m, '');
const bytesOf = (id) => `Uint8Array.from(atob(document.getElementById('${id}').textContent.trim()), (c) => c.charCodeAt(0))`;
const script = `${glue}
// The single-file edition: the worker and the template come from blob: URLs made here.
const workerSource = document.getElementById('ts-worker-js').textContent
  + ';wasm_bindgen({ module_or_path: Uint8Array.from(atob(' + JSON.stringify(document.getElementById('ts-worker-wasm').textContent.trim()) + '), (c) => c.charCodeAt(0)) });';
globalThis.TIMESCALES_WORKER_URL = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
globalThis.TIMESCALES_TEMPLATE_URL = URL.createObjectURL(new Blob([${bytesOf('ts-template')}],
  { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
globalThis.TIMESCALES_OFFLINE = true;
await __wbg_init({ module_or_path: ${bytesOf('ts-app-wasm')} });
`;
const styles = await Promise.all(cssFiles.map((f) => readFile(join(dist, f), 'utf8')));
const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${styles.map(sha256).join(' ')}`,
  'img-src blob: data:',
  "connect-src 'none'",
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
].join('; ');
const workerJs = await readFile(join(dist, 'timescales-workbook-worker.js'), 'utf8');
const favicon = await b64(pick(/<link rel="icon" href="\.\/([^"]+)"/, 'icon'));
const page = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<!-- Timescales, single-file edition. Open it from disk: it needs no network and may use none
     (see its Content-Security-Policy). No child's data leaves this file's page. -->
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timescales (offline): permanence timescales for looked-after children</title>
<link rel="icon" href="data:image/svg+xml;base64,${favicon}">
${styles.map((s) => `<style>${s}</style>`).join('\n')}
<script type="application/octet-stream" id="ts-app-wasm">${await b64(appWasm)}</script>
<script type="application/octet-stream" id="ts-worker-wasm">${await b64('timescales-workbook-worker_bg.wasm')}</script>
<script type="application/octet-stream" id="ts-template">${await b64('public/timescales-template.xlsx')}</script>
<script type="text/plain" id="ts-worker-js">${workerJs.replaceAll('</script', '<\\/script')}</script>
<script type="module">${script}</script>
</head>
<body>
<noscript>Timescales needs JavaScript and WebAssembly turned on. Nothing you load is sent anywhere.</noscript>
</body>
</html>
`;
if (page.split('<script type="module">')[1].includes('</script>') === false) throw new Error('unterminated script');
await mkdir(out, { recursive: true });
await writeFile(join(out, 'timescales.html'), page);
const digest = createHash('sha256').update(page, 'utf8').digest('hex');
await writeFile(join(out, 'timescales.html.sha256'), `${digest}  timescales.html\n`);
console.log(`${join(out, 'timescales.html')}: ${(page.length / 1024 / 1024).toFixed(1)} MB, SHA-256 ${digest}`);

// The Learn page as a single file too (dist-offline/timescales-learn.html), from dist/learn/:
// no worker and no template, the same CSP. The single-file app's "Learn" link opens it when
// the two files sit side by side, and its "Back to Timescales" link goes to timescales.html.
const learnDir = join(dist, 'learn');
const learnHtml = await readFile(join(learnDir, 'index.html'), 'utf8').catch(() => null);
if (learnHtml) {
  const pickL = (re, what) => {
    const m = learnHtml.match(re);
    if (!m) throw new Error(`dist/learn/index.html has no ${what}`);
    return m[1];
  };
  let learnGlue = await readFile(join(learnDir, pickL(/data-js="\.\/([^"]+\.js)"/, 'module')), 'utf8');
  learnGlue = learnGlue.replace(/^export \{[^}]*\};?\s*$/m, '');
  const learnScript = `${learnGlue}
globalThis.TIMESCALES_OFFLINE = true;
await __wbg_init({ module_or_path: ${bytesOf('ts-learn-wasm')} });
`;
  const learnCss = [...learnHtml.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/g)].map((m) => m[1]);
  const learnStyles = await Promise.all(learnCss.map((f) => readFile(join(learnDir, f), 'utf8')));
  const learnCsp = csp
    .replace(/script-src [^;]+/, `script-src ${sha256(learnScript)} 'wasm-unsafe-eval'`)
    .replace(/style-src [^;]+/, `style-src ${learnStyles.map(sha256).join(' ')}`)
    .replace('; worker-src blob:', '');
  const learnPage = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<!-- Timescales Learn, single-file edition: run chart exercises, a sandbox and the handout. Open
     it from disk: it needs no network and may use none (see its Content-Security-Policy). -->
<meta http-equiv="Content-Security-Policy" content="${learnCsp}">
<meta name="referrer" content="no-referrer">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timescales (offline): Learn to read run charts</title>
<link rel="icon" href="data:image/svg+xml;base64,${favicon}">
${learnStyles.map((s) => `<style>${s}</style>`).join('\n')}
<script type="application/octet-stream" id="ts-learn-wasm">${(await readFile(join(learnDir, pickL(/data-wasm="\.\/([^"]+\.wasm)"/, 'wasm')))).toString('base64')}</script>
<script type="module">${learnScript}</script>
</head>
<body>
<noscript>Timescales Learn needs JavaScript and WebAssembly turned on. Nothing is stored or sent.</noscript>
</body>
</html>
`;
  await writeFile(join(out, 'timescales-learn.html'), learnPage);
  const learnDigest = createHash('sha256').update(learnPage, 'utf8').digest('hex');
  await writeFile(join(out, 'timescales-learn.html.sha256'), `${learnDigest}  timescales-learn.html\n`);
  console.log(`${join(out, 'timescales-learn.html')}: ${(learnPage.length / 1024 / 1024).toFixed(1)} MB, SHA-256 ${learnDigest}`);
}
