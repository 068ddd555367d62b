// Reading offline: the app loads this module once it is ready, so it costs
// a page's first load nothing. It registers the service worker (sw.js,
// beside index.html, for the whole site under its base path), tells the app
// when a new version is waiting (`gazette:update-ready` on window), and
// swaps to it only when the reader accepts (`gazette:update-accept`): the
// waiting worker takes over, then the page reloads once. With `?off`
// (config.json's "offline": false) it removes the worker and its caches.
const worker = navigator.serviceWorker;
const base = new URL('./', document.baseURI);

async function removeAll() {
  for (const registration of await worker.getRegistrations()) {
    if (registration.scope === base.href) await registration.unregister();
  }
  for (const name of await caches.keys()) if (name.startsWith('gazette-')) await caches.delete(name);
}

async function start() {
  const registration = await worker.register(new URL('sw.js', base).href, { scope: base.pathname });
  const announce = () => {
    // A first install is no update: nothing was running before it.
    if (registration.waiting && worker.controller) dispatchEvent(new Event('gazette:update-ready'));
  };
  announce();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') announce();
    });
  });
  addEventListener('gazette:update-accept', () => {
    worker.addEventListener('controllerchange', () => location.reload(), { once: true });
    registration.waiting?.postMessage({ type: 'SKIP_WAITING' });
  });
  // A tab left open looks for a new deploy when the reader comes back to it.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
  const ready = await worker.ready;
  // What this page showed before the worker was there, kept for offline.
  const pictures = [...document.images].map((image) => image.currentSrc).filter(Boolean);
  ready.active?.postMessage({ type: 'SAVE', urls: [location.href, ...pictures] });
}

if (worker) {
  const off = new URL(import.meta.url).searchParams.has('off');
  (off ? removeAll() : start()).catch((error) => console.warn('offline reading:', error));
}
