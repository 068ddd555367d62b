// Gazette's custom elements for any site: <gazette-recent-posts> and
// <gazette-join-form>. One module script loads them:
//   <script type="module" src="https://news.example.org/embed.js"></script>
// Each element renders into its own shadow root, styled by its kind's
// adopted stylesheet; docs/embedding.md lists the attributes.
// Each element loads the wasm and the styles of its own kind the first time
// one is on the page (a page with a list of posts does not pay for the join
// form). scripts/build-embed.mjs fills in the hashed file names and the
// subresource integrity hashes below.
const BUNDLES = __BUNDLES__;
const here = import.meta.url;

/** A kind's stylesheet, to adopt in each of its shadow roots. */
const sheet = ({ css, cssIntegrity }) =>
  fetch(new URL(`./${css}`, here), { integrity: cssIntegrity })
    .then((response) => {
      if (!response.ok) throw new Error(`styles: HTTP ${response.status}`);
      return response.text();
    })
    .then((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });

const loading = new Map();
/** The kind's `mountWidget` and stylesheet, loaded once. */
function load(kind) {
  if (!loading.has(kind)) {
    const { glue, wasm, integrity } = BUNDLES[kind];
    const module = import(new URL(`./${glue}`, here)).then(async (module) => {
      await module.default({ module_or_path: fetch(new URL(`./${wasm}`, here), { integrity }) });
      return module.mountWidget;
    });
    loading.set(kind, Promise.all([module, sheet(BUNDLES[kind])]));
  }
  return loading.get(kind);
}

class GazetteWidget extends HTMLElement {
  static observedAttributes = ['api', 'limit', 'lang', 'site'];
  #mounted = null;
  #renders = 0;

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#renders += 1;
    this.#unmount();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  async #render() {
    const render = ++this.#renders;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    let mountWidget, sheet;
    try {
      [mountWidget, sheet] = await load(this.constructor.kind);
    } catch (error) {
      console.error('Gazette embed:', error);
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = 'This widget could not load.';
      shadow.replaceChildren(message);
      return;
    }
    // A newer render (an attribute changed) or a removal wins.
    if (render !== this.#renders || !this.isConnected) return;
    this.#unmount();
    shadow.adoptedStyleSheets = [sheet];
    const container = document.createElement('div');
    shadow.replaceChildren(container);
    this.#mounted = mountWidget(
      this.constructor.kind,
      container,
      this.getAttribute('api'),
      this.getAttribute('limit'),
      this.closest('[lang]')?.getAttribute('lang') ?? null,
      this.getAttribute('site'),
    );
  }

  #unmount() {
    this.#mounted?.free();
    this.#mounted = null;
  }
}

for (const [tag, kind] of [
  ['gazette-recent-posts', 'recent-posts'],
  ['gazette-join-form', 'join-form'],
]) {
  if (!customElements.get(tag)) customElements.define(tag, class extends GazetteWidget { static kind = kind; });
}
