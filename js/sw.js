// Gazette's service worker: pages a reader has visited stay readable
// offline. `make dist` (`gazette-server host-files`) writes dist/sw.js: this
// file after a first line that names the build (`GAZETTE_BUILD`: its
// version and the files of its app shell), so there is no list to keep by
// hand, and every build's worker is a new one.
//
// - The app shell (loader, wasm and its chunks, stylesheet, config.json,
//   the bare shell 404.html, the manifest and icons) is cached at install,
//   in a cache of this version; it is served from there first.
// - Pages and the API's reads: the network first, the saved copy when the
//   network fails or takes longer than 3 s; a page never saved gets the
//   shell, whose app says the reader is offline and lists what was saved.
// - Pictures: the saved copy first, the oldest going first beyond 300
//   pictures or 60 MB.
// - Nothing else, and nothing from another origin but the site's API's.
// - An update waits (no skipWaiting of its own) until the reader accepts
//   it (the app's "reload" button posts SKIP_WAITING) or every tab of the
//   old version has closed; the old version's cache stays until the next
//   version after it, so a tab still on it keeps loading its chunks.
/* global GAZETTE_BUILD */
const { version, files, limits = {} } = GAZETTE_BUILD;
const scope = new URL(self.registration.scope);
const SHELL = `gazette-shell-${version}`;
const PAGES = 'gazette-pages';
const PICTURES = 'gazette-pictures';
const SAVED = 'x-gazette-saved';
const TIMEOUT_MS = 3000;
// The bounds on what is kept (a build line may lower them: the tests do).
const MAX_PAGES = limits.pages ?? 300;
const MAX_PICTURES = limits.pictures ?? 300;
const MAX_PICTURE_BYTES = limits.pictureBytes ?? 60 * 1024 * 1024;
const SAVED_LIST = new URL('__gazette/saved.json', scope).href;
const match = { ignoreVary: true };

const CONFIG = new URL('config.json', scope).href;
/** The API's base URL (`config.json`'s `api_base`), with a trailing slash,
 * once read from the shell's copy; the default until then. */
let apiBase = null;
const API_DEFAULT = new URL('api/v1/', scope).href;
const knownApi = () => apiBase ?? API_DEFAULT;

async function api() {
  if (apiBase) return apiBase;
  try {
    const config = await (await caches.match(CONFIG, match))?.json();
    if (config) {
      apiBase = new URL(String(config.api_base ?? 'api/v1').replace(/\/?$/, '/'), scope).href;
      return apiBase;
    }
  } catch {
    // Unreadable: the default, and read again next time.
  }
  return API_DEFAULT;
}

self.addEventListener('install', (event) => {
  const requests = files.map((file) => new Request(new URL(file, scope).href, { cache: 'no-cache' }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // The previous version's files stay until the next version comes: a
      // tab still running it (another tab accepted the update) keeps
      // loading its chunks. Caches are listed in the order they were made.
      const older = (await caches.keys()).filter((name) => name.startsWith('gazette-shell-') && name !== SHELL);
      for (const name of older.slice(0, -1)) await caches.delete(name);
      await self.clients.claim();
      await api();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'SKIP_WAITING') self.skipWaiting();
  if (message.type === 'SAVE' && Array.isArray(message.urls)) event.waitUntil(save(message.urls));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  if (!apiBase) api();
  const url = new URL(request.url);
  const ours = url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
  if (request.mode === 'navigate') {
    if (ours) event.respondWith(networkFirst(request, PAGES, true));
    return;
  }
  if (url.href === SAVED_LIST) return event.respondWith(savedList());
  // Edited in place (the off switch is there): the network's first.
  if (url.href === CONFIG) {
    apiBase = null;
    return event.respondWith(networkFirst(request, SHELL, false));
  }
  if (url.href.startsWith(knownApi())) return event.respondWith(networkFirst(request, PAGES, false));
  if (request.destination === 'image' && (ours || url.origin === new URL(knownApi()).origin)) {
    return event.respondWith(picture(request));
  }
  if (ours) event.respondWith(shellFirst(request));
});

/** The response as saved: when, in a header the app reads, and as the document's Last-Modified. */
function stamped(response) {
  const headers = new Headers(response.headers);
  const now = new Date();
  headers.set(SAVED, now.toISOString());
  headers.set('last-modified', now.toUTCString());
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function keepable(response) {
  return response.ok && (response.type === 'basic' || response.type === 'cors' || response.type === 'default');
}

async function networkFirst(request, cacheName, isPage) {
  const cache = await caches.open(cacheName);
  // Revalidated, never the HTTP cache's copy unasked: offline, the answer is
  // then this cache's, which says when it was saved. (A page's request is a
  // navigation, which cannot be copied; pages are revalidated anyway.)
  const network = fetch(isPage ? request : new Request(request, { cache: 'no-cache' })).then(async (response) => {
    if (keepable(response)) {
      await cache.put(request.url, stamped(response.clone()));
      if (isPage) await saveArticleData(request.url, cache);
      trim(cache, MAX_PAGES, Infinity);
    }
    return response;
  });
  network.catch(() => {});
  const late = new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS, null));
  try {
    const first = await Promise.race([network, late]);
    if (first) return first;
    return (await cache.match(request.url, match)) ?? (await network);
  } catch {
    const saved = await cache.match(request.url, match);
    if (saved) return saved;
    if (isPage) {
      const shell = await caches.match(new URL('404.html', scope).href, match);
      if (shell) return shell;
    }
    return Response.error();
  }
}

/** The app's own files: this version's (or, in a tab still on an older one, that one's) first. */
async function shellFirst(request) {
  return (await caches.match(request, match)) ?? fetch(request);
}

async function picture(request) {
  const cache = await caches.open(PICTURES);
  const saved = await cache.match(request.url, match);
  if (saved) return saved;
  const response = await fetch(request);
  if (keepable(response)) {
    const body = await response.clone().blob();
    const headers = new Headers(response.headers);
    headers.set('x-gazette-bytes', String(body.size));
    await cache.put(request.url, new Response(body, { status: response.status, headers }));
    trim(cache, MAX_PICTURES, MAX_PICTURE_BYTES);
  }
  return response;
}

/** Removes the oldest entries (a cache lists its keys in the order they came) beyond the bounds. */
async function trim(cache, maxEntries, maxBytes) {
  const keys = await cache.keys();
  let bytes = 0;
  const sizes = [];
  if (maxBytes !== Infinity) {
    for (const key of keys) {
      const size = Number((await cache.match(key, match))?.headers.get('x-gazette-bytes')) || 0;
      sizes.push(size);
      bytes += size;
    }
  }
  let count = keys.length;
  for (let index = 0; index < keys.length && (count > maxEntries || bytes > maxBytes); index += 1) {
    await cache.delete(keys[index], match);
    count -= 1;
    bytes -= sizes[index] ?? 0;
  }
}

/** With an article's page, its JSON: what the app reads when the reader comes to it from another page. */
async function saveArticleData(pageUrl, cache) {
  const apiBase = await api();
  const path = new URL(pageUrl).pathname;
  const prefix = `${scope.pathname}posts/`;
  const slug = path.startsWith(prefix) ? path.slice(prefix.length) : '';
  if (!slug || slug.includes('/')) return;
  try {
    const response = await fetch(`${apiBase}posts/${slug}`, { headers: { Accept: 'application/json' } });
    if (keepable(response)) await cache.put(`${apiBase}posts/${slug}`, stamped(response));
  } catch {
    // The page is saved; its JSON will be when the app reads it.
  }
}

/** Saves what a page showed before this worker controlled it: the page, the site, its pictures. */
async function save(urls) {
  const apiBase = await api();
  const pages = await caches.open(PAGES);
  const targets = [...urls, `${apiBase}site`];
  for (const href of targets) {
    try {
      const url = new URL(href, scope);
      if (url.origin !== scope.origin && url.origin !== new URL(apiBase).origin) continue;
      if (/\.(webp|jpe?g|png|avif|gif)$/i.test(url.pathname)) {
        await picture(new Request(url.href));
      } else if ((await pages.match(url.href, match)) === undefined) {
        const isPage = !url.href.startsWith(apiBase);
        const response = await fetch(url.href, { headers: { Accept: isPage ? 'text/html' : 'application/json' } });
        if (keepable(response)) await pages.put(url.href, stamped(response));
        if (isPage) await saveArticleData(url.href, pages);
      }
    } catch {
      // Offline already: nothing to save now.
    }
  }
}

/** The articles saved for reading offline, newest first: `[{slug, title, saved}]`. */
async function savedList() {
  const apiBase = await api();
  const pages = await caches.open(PAGES);
  const prefix = `${apiBase}posts/`;
  const saved = [];
  for (const key of await pages.keys()) {
    const slug = key.url.startsWith(prefix) ? key.url.slice(prefix.length) : '';
    if (!slug || slug.includes('/') || slug.includes('?')) continue;
    try {
      const response = await pages.match(key, match);
      const article = await response.clone().json();
      saved.push({
        slug: decodeURIComponent(slug),
        title: String(article.title ?? ''),
        lang: String(article.lang ?? ''),
        saved: response.headers.get(SAVED) ?? '',
      });
    } catch {
      // Not an article's JSON: left out.
    }
  }
  saved.sort((a, b) => (a.saved < b.saved ? 1 : -1));
  return new Response(JSON.stringify(saved.slice(0, 100)), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}
