// Starts the wasm app. Trunk's default start-up script is inline, which the page's
// Content-Security-Policy forbids; this same-origin file does the same job.
const el = document.querySelector('script[data-js]');
// The SHA-256 of the single-file edition offered for download, written into index.html by
// scripts/build-offline.sh, so the start page can name it (absent in `trunk serve`).
if (el.dataset.offlineSha256) globalThis.TIMESCALES_OFFLINE_SHA256 = el.dataset.offlineSha256;
const { default: init } = await import(el.dataset.js);
await init({ module_or_path: el.dataset.wasm });

// Offline after the first visit: a service worker keeps the app's own files (sw.js, written by
// scripts/service-worker.mjs). When a new release is installed, say so rather than mix versions.
// A page in a sub-folder (Learn) names the app's worker with <meta name="timescales-sw">.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const sw = document.querySelector('meta[name=timescales-sw]')?.content ?? './sw.js';
  navigator.serviceWorker.register(sw).then((reg) => {
    const announce = () => {
      if (document.querySelector('[data-testid=update-ready]')) return;
      const p = document.createElement('p');
      p.className = 'update-ready';
      p.setAttribute('role', 'status');
      p.dataset.testid = 'update-ready';
      p.textContent = 'A new version of Timescales is ready. Reload the page to use it (any file you have loaded will need loading again). ';
      const b = document.createElement('button');
      b.textContent = 'Reload now';
      b.addEventListener('click', () => {
        if (!reg.waiting) return location.reload();
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload());
        reg.waiting.postMessage('skip-waiting');
      });
      p.append(b);
      document.body.prepend(p);
    };
    if (reg.waiting && navigator.serviceWorker.controller) announce();
    reg.addEventListener('updatefound', () => {
      const next = reg.installing;
      next?.addEventListener('statechange', () => {
        if (next.state === 'installed' && navigator.serviceWorker.controller) announce();
      });
    });
  }).catch(() => {});
}
