// Gazette's search worker: Pagefind's search API in a module worker, so
// that searching never holds up the page. Started by src/search/worker.rs,
// which sends JSON text {id, bundle, query, limit} (no query: only load)
// and gets {id, reply} back, reply being JSON text:
// {id, total, results: [{slug, title, lang, date, excerpt}]} or {id, error}.
// The page reads the reply as untrusted data; the excerpt's only markup is
// Pagefind's <mark>, which the page turns into nodes.

let pagefind = null;

async function load(bundle) {
  if (!pagefind) {
    // The bundle is under this site's origin (the page makes its address),
    // so the strict CSP's script-src 'self' allows it.
    const module = await import(`${bundle}pagefind.js`);
    await module.options({ basePath: bundle, excerptLength: 24 });
    await module.init();
    pagefind = module;
  }
  return pagefind;
}

async function answer({ id, bundle, query, limit }) {
  const search = await load(bundle);
  if (query == null) return { id, total: 0, results: [] };
  const found = await search.search(query);
  const shown = await Promise.all(
    found.results.slice(0, limit).map((result) => result.data()),
  );
  return {
    id,
    total: found.results.length,
    results: shown.map((data) => ({
      slug: data.meta.slug,
      title: data.meta.title,
      lang: data.meta.lang,
      date: data.meta.date,
      excerpt: data.excerpt,
    })),
  };
}

self.addEventListener("message", async (event) => {
  let id = 0;
  let reply;
  try {
    const asked = JSON.parse(event.data);
    id = asked.id;
    reply = await answer(asked);
  } catch (error) {
    // The next search loads Pagefind again (the index may be back).
    pagefind = null;
    reply = { id, error: String((error && error.message) || error) };
  }
  self.postMessage({ id, reply: JSON.stringify(reply) });
});
