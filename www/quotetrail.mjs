// quotetrail as an ES module:
//   <script type="module" src="https://…/quotetrail.mjs?index=https://…/index/"></script>
// or
//   import quotetrail, { lookup } from 'https://…/quotetrail.mjs';
// It loads the classic loader beside it (quotetrail.js) once and resolves
// to its namespace. Like the loader, it never throws into the page: it
// uses the language's own promises (a page may replace window.Promise) and
// resolves URLs without window.URL.
const P = (async () => {})().constructor;
const then = P.prototype.then;
const ready = new P((resolve, reject) => {
  const w = window, d = document;
  if (w.quotetrail && w.quotetrail.version) {
    resolve(w.quotetrail);
    return;
  }
  const src = import.meta.url.split(/[?#]/)[0], dir = src.slice(0, src.lastIndexOf('/') + 1);
  const query = /[?&]index=([^&#]*)/.exec(import.meta.url);
  const s = d.createElement('script');
  // Under Trusted Types the script URL goes through the "quotetrail"
  // policy, which the loader then uses too (a name is created once a page).
  let policy = null;
  try {
    if (w.trustedTypes) {
      policy = w.trustedTypes.createPolicy('quotetrail', {
        createScriptURL: (u) => {
          if (u.indexOf(dir) === 0 || u.indexOf('blob:') === 0) return u;
          throw new TypeError('quotetrail: not one of its own scripts');
        },
      });
    }
  } catch (e) { /* refused: the page's own rules decide */ }
  s.quotetrailPolicy = policy;
  s.src = policy ? policy.createScriptURL(dir + 'quotetrail.js') : dir + 'quotetrail.js';
  const me = d.querySelector('script[type="module"][src*="quotetrail.mjs"]');
  if (me && me.nonce) s.nonce = me.nonce; // a nonce-based policy admits it
  if (query) {
    const a = d.createElement('a');
    a.href = decodeURIComponent(query[1].replace(/\+/g, ' ')); // resolved against the page, as the browser does
    s.setAttribute('data-index', a.href);
  }
  s.onload = () => resolve(w.quotetrail);
  s.onerror = () => reject(new Error('quotetrail could not load'));
  (d.head || d.documentElement).append(s);
});
// Nobody may be waiting on it: a failure must not be reported to the page
// as an unhandled rejection.
Reflect.apply(then, ready, [null, () => {}]);
export default ready;
export const lookup = (text) => Reflect.apply(then, ready, [(qt) => qt.lookup(text)]);
