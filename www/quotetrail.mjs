// quotetrail as an ES module:
//   <script type="module" src="https://…/quotetrail.mjs?index=https://…/index.qti"></script>
// or
//   import quotetrail, { lookup } from 'https://…/quotetrail.mjs';
// It loads the classic loader beside it (quotetrail.js) once and resolves
// to its namespace.
const here = new URL(import.meta.url);
const ready = new Promise((resolve, reject) => {
  if (window.quotetrail && window.quotetrail.version) {
    resolve(window.quotetrail);
    return;
  }
  const s = document.createElement('script');
  s.src = new URL('quotetrail.js', here).href;
  const self = document.querySelector('script[type="module"][src*="quotetrail.mjs"]');
  if (self && self.nonce) s.nonce = self.nonce; // a nonce-based policy admits it
  const index = here.searchParams.get('index');
  if (index) s.setAttribute('data-index', new URL(index, document.baseURI).href);
  s.onload = () => resolve(window.quotetrail);
  s.onerror = () => reject(new Error('quotetrail could not load'));
  document.head.append(s);
});
export default ready;
export const lookup = (text) => ready.then((qt) => qt.lookup(text));
