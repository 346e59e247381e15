// Starts the wasm app. Trunk's default start-up script is inline, which the page's
// Content-Security-Policy forbids; this same-origin file does the same job.
const el = document.querySelector('script[data-js]');
const { default: init } = await import(el.dataset.js);
await init({ module_or_path: el.dataset.wasm });
