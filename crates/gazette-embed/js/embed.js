// Gazette's custom elements for any site: <gazette-recent-posts> and
// <gazette-join-form>. One module script loads them:
//   <script type="module" src="https://news.example.org/embed.js"></script>
// Each element renders into its own shadow root, styled by one shared,
// adopted stylesheet; docs/embedding.md lists the attributes.
// scripts/build-embed.mjs fills in the hashed file names and the subresource
// integrity hashes below.
import init, { mountWidget } from './__GLUE__';

const here = import.meta.url;
const ready = Promise.all([
  init({ module_or_path: fetch(new URL('./__WASM__', here), { integrity: '__WASM_SRI__' }) }),
  fetch(new URL('./__CSS__', here), { integrity: '__CSS_SRI__' })
    .then((response) => {
      if (!response.ok) throw new Error(`styles: HTTP ${response.status}`);
      return response.text();
    })
    .then((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    }),
]).then(([, sheet]) => sheet);

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
    let sheet;
    try {
      sheet = await ready;
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
