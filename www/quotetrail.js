/*
 * quotetrail widget: select a quotation, see which outlets carried it and
 * how each attributed it. One script tag:
 *   <script src="/quotetrail.js" data-index="/index/" defer></script>
 * data-index names the folder index (the default: index/ beside this
 * script), or index.qti for whole-index mode.
 * Nothing happens on load. The engine (engine.wasm with wasm_exec.js) and
 * the index load on the first selection; the selection never leaves the
 * browser. The card lives in one host element with an open shadow root and
 * renders corpus text only as text. Errors never reach the host page.
 */
(function () {
  'use strict';
  // Nothing here may throw into the page, at load or later: the whole
  // script runs inside try, and so does every handler.
  try {
    var W = window, D = document;
    if (W.quotetrail && W.quotetrail.version) return;

    // The built-ins the loader needs, taken now: a page may replace or
    // break them later (polyfills, instrumentation, plain bugs). Promises
    // are the language's own (an async function's), so a page that
    // replaced window.Promise, before or after this script, changes
    // nothing here. URLs are resolved by the DOM (an <a> element) and by
    // string operations, never by window.URL; arrays are walked with loops,
    // never Array.prototype methods. Where a page broke a built-in before
    // this script ran, the card says it cannot load, after LIMIT at worst.
    var apply = Reflect.apply;
    var P = (async function () {})().constructor;
    var then = P.prototype.then;
    // Timers are called on the window: unbound, Firefox refuses them in a
    // content script (the extension), whose global is not the window.
    var setTimeoutF = W.setTimeout, clearTimeoutF = W.clearTimeout, computed = W.getComputedStyle;
    var setT = function (f, ms) { return apply(setTimeoutF, W, [f, ms]); };
    var clearT = function (id) { return apply(clearTimeoutF, W, [id]); };
    var isArray = Array.isArray, stringify = JSON.stringify;
    var WorkerC = W.Worker, BlobC = W.Blob, fetchF = W.fetch;
    var objectURL = (W.URL || {}).createObjectURL || (W.webkitURL || {}).createObjectURL;
    var TT = W.trustedTypes, ttCreate = TT && TT.createPolicy;
    var when = function (p, ok, bad) { return apply(then, p, [ok, bad]); };
    var resolved = function (x) { return new P(function (res) { res(x); }); };
    var rejected = function (e) { return new P(function (res, rej) { rej(e); }); };
    var join = function (a, sep) { for (var s = '', i = 0; i < a.length; i++) s += (i ? sep : '') + a[i]; return s; };
    // own marks an error whose message is written for readers; any other
    // (a browser's exception) never reaches the card as it is.
    var own = function (msg, cause) { var e = new Error(msg); e.qt = 1; e.cause = cause; return e; };

    var MAX_SELECTION = 2000; // bytes the engine reads; longer text is cut
    var MAX_INDEX = 1 << 30; // bytes: the engine refuses a larger index
    // LIMIT: milliseconds a reader waits on "Looking up…" before the card
    // says the engine did not answer (an answer that comes later still
    // replaces the notice). A timer, never a promise: a page may break those.
    var LIMIT = 20000;
    var SLOW = 'quotetrail did not answer in time.';

    var script = D.currentScript;
    var anchor = D.createElement('a');
    // abs resolves u against the document's base URL, as the browser does.
    var abs = function (u) { anchor.href = u; return anchor.href; };
    var base = ((script && script.src) || location.href).split(/[?#]/)[0];
    base = base.slice(0, base.lastIndexOf('/') + 1);
    var indexAttr = script && script.getAttribute('data-index');
    var indexURL = indexAttr ? abs(indexAttr) : base + 'index/';

    var ns = { version: '0.1.0' };
    W.quotetrail = ns;

    // Trusted Types: a page that requires them ("require-trusted-types-for
    // 'script'") lets the loader build its worker, blob and script URLs
    // through a policy named "quotetrail" when its "trusted-types" list
    // allows that name. The policy admits only this script's own folder and
    // the blob worker. The ES module (quotetrail.mjs) hands over the policy
    // it made, on the script element: a name may be created once a page.
    var policy = (script && script.quotetrailPolicy) || null, triedPolicy = !!policy;
    var scriptURL = function (u) {
      if (!triedPolicy) {
        triedPolicy = true;
        try {
          if (ttCreate) policy = apply(ttCreate, TT, ['quotetrail', { createScriptURL: function (s) {
            if (s.indexOf(base) === 0 || s.indexOf('blob:') === 0) return s;
            throw new TypeError('quotetrail: not one of its own scripts');
          } }]);
        } catch (e) { /* refused: the page's own rules decide below */ }
      }
      return policy ? policy.createScriptURL(u) : u;
    };
    // ttBlocks reports whether the page's Trusted Types refuse the loader's
    // script URLs: no policy of ours, and a plain URL is refused (a detached
    // script element loads nothing).
    var ttBlocks = function () {
      scriptURL(base);
      if (policy || !TT) return false;
      try { D.createElement('script').src = base + 'quotetrail-worker.js'; return false; } catch (e) { return true; }
    };
    var policyError = function (what, cause) {
      var e = own('quotetrail cannot run on this page: its security policy does not allow ' + what + '.', cause);
      e.final = true; // the page would fail the same way: no second try
      return e;
    };

    // The engine runs in a worker, off the host page's main thread. A worker
    // must come from the page's origin: when this script is served from
    // another origin, a small blob worker imports it. Where a worker cannot
    // start (a policy without blob: workers), the engine runs in the page.
    var enginePromise = null;
    var startWorker = function () {
      var url = base + 'quotetrail-worker.js', w;
      try {
        try {
          w = new WorkerC(scriptURL(url));
        } catch (e) {
          // The blob worker inherits the page's policy: it makes its own
          // "quotetrail" policy for importScripts.
          var boot = 'var U=' + stringify(url) + ',p;try{p=self.trustedTypes&&trustedTypes.createPolicy("quotetrail",{createScriptURL:function(u){return u}})}catch(e){}' +
            'self.quotetrailPolicy=p||null;importScripts(p?p.createScriptURL(U):U);';
          w = new WorkerC(scriptURL(objectURL(new BlobC([boot], { type: 'text/javascript' }))));
        }
      } catch (e) {
        return rejected(e); // a policy without workers: the page runs the engine
      }
      return new P(function (resolve, reject) {
        var calls = {}, next = 0, started = false;
        // A worker that failed is stopped, so it holds no memory while the
        // page tries on its own. A slow worker is not: it may still answer,
        // and the card says meanwhile that it is late (LIMIT).
        var fail = function (err) {
          if (!started) w.terminate();
          reject(err);
        };
        w.onmessage = function (ev) {
          var m = ev.data || {};
          if (m.type === 'ready') {
            started = true;
            resolve({
              lookup: function (text) {
                return new P(function (res) { var id = ++next; calls[id] = res; w.postMessage({ type: 'lookup', id: id, text: text }); });
              }
            });
          } else if (m.type === 'error') {
            var err = m.message === 'csp' ? policyError('WebAssembly') : own(String(m.message));
            err.final = true; // the page would fail the same way: no second try
            fail(err);
          } else if (m.type === 'result' && calls[m.id]) {
            calls[m.id](m.result);
            delete calls[m.id];
          }
        };
        w.onerror = function (ev) { if (ev && ev.preventDefault) ev.preventDefault(); fail(own('quotetrail could not start its engine.')); };
        w.postMessage({ type: 'init', base: base, index: indexURL });
      });
    };
    var loadScript = function (src) {
      return new P(function (resolve, reject) {
        var s = D.createElement('script');
        s.src = scriptURL(src);
        s.async = true;
        if (script && script.nonce) s.nonce = script.nonce; // a nonce-based policy admits it
        s.onload = resolve;
        s.onerror = function () { reject(own('quotetrail could not load ' + src + '.')); };
        (D.head || D.documentElement).appendChild(s);
      });
    };
    var get = async function (name, url, init) {
      var r = await fetchF(url, init);
      if (!r.ok) throw own('quotetrail could not load its ' + name + ' (HTTP ' + r.status + ').');
      return r;
    };
    // startInPage runs the engine on the main thread: the fallback.
    var startInPage = async function () {
      // A folder index (data-index naming the folder or its entry.qtf): the
      // entry now, fresh, and each lookup's parts as it needs them, as the
      // worker does (quotetrail-worker.js). The index (or entry) and the
      // engine are fetched at once, while wasm_exec.js loads.
      var folder = folderOf(indexURL);
      var read = async function (r) {
        if (+r.headers.get('Content-Length') > MAX_INDEX) throw own(TOO_LARGE);
        var b = new Uint8Array(await r.arrayBuffer());
        if (b.length > MAX_INDEX) throw own(TOO_LARGE);
        return b;
      };
      var idxP = (async function () {
        return read(folder ? await get('index', folder + 'entry.qtf', { cache: 'no-cache' }) : await get('index', indexURL));
      })();
      var engP = (async function () { return (await get('engine', base + 'engine.wasm')).arrayBuffer(); })();
      var quiet = function () {};
      when(idxP, quiet, quiet); // a failure is reported when awaited below
      when(engP, quiet, quiet);
      if (typeof W.Go !== 'function') await loadScript(base + 'wasm_exec.js');
      var idx = await idxP;
      var go = new W.Go();
      var inst;
      var bytes = await engP;
      try {
        inst = (await WebAssembly.instantiate(bytes, go.importObject)).instance;
      } catch (e) {
        throw e instanceof WebAssembly.CompileError && WebAssembly.validate(bytes) ? policyError('WebAssembly', e) : e;
      }
      var engine = await new P(function (resolve, reject) {
        ns.engine = { onready: function () { resolve(ns.engine); } };
        ns.engine[folder ? 'entry' : 'index'] = idx;
        when(resolved(go.run(inst)), function () { reject(own('quotetrail: the engine stopped.')); }, reject);
      });
      if (engine.error) throw own('The quotation index could not be read: ' + engine.error);
      if (!folder) return { lookup: function (text) { return resolved(engine.lookup(text)); } };
      var inflight = {};
      var part = function (name) {
        if (!inflight[name]) {
          inflight[name] = (async function () { return read(await get('index', folder + name)); })();
          var done = function () { delete inflight[name]; };
          when(inflight[name], done, done);
        }
        return inflight[name];
      };
      return { lookup: async function (text) {
        var id = engine.begin(text);
        try {
          for (var names; (names = engine.need(id)).length;) {
            var parts = [];
            for (var i = 0; i < names.length; i++) parts[i] = part(names[i]);
            for (i = 0; i < parts.length; i++) parts[i] = await parts[i];
            engine.give(id, parts);
          }
          return engine.answer(id);
        } catch (e) {
          engine.drop(id);
          throw e;
        }
      } };
    };
    // folderOf returns the folder a folder index's URL names (the folder,
    // ending in /, or its entry.qtf), or null for a whole index.
    var folderOf = function (u) {
      var path = u.split(/[?#]/)[0];
      return /\/(entry\.qtf)?$/.test(path) ? path.replace(/entry\.qtf$/, '') : null;
    };
    var TOO_LARGE = 'The quotation index is larger than 1 GiB: quotetrail will not load it.';
    // In the browser extension, this script is the content script: the
    // engine runs in the extension's background, reached by messages.
    var ext = (function () {
      try {
        var api = typeof browser !== 'undefined' ? browser : typeof chrome !== 'undefined' ? chrome : null;
        return api && api.runtime && api.runtime.id && !script ? api : null;
      } catch (e) { return null; }
    })();
    var extensionEngine = function () {
      return resolved({
        // auto: nobody asked (the background answers it only when the
        // reader chose automatic cards).
        lookup: function (text, auto) {
          return new P(function (resolve, reject) {
            ext.runtime.sendMessage({ type: 'lookup', text: text, auto: !!auto }, function (r) {
              if (!r || r.error) reject(own((r && r.error) || 'quotetrail could not answer.'));
              else resolve(r.result);
            });
          });
        }
      });
    };
    var loadEngine = function () {
      if (enginePromise) return enginePromise;
      if (ext) {
        enginePromise = extensionEngine();
      } else if (typeof WebAssembly !== 'object') {
        enginePromise = rejected(own('This browser cannot run WebAssembly.'));
      } else if (ttBlocks()) {
        enginePromise = rejected(policyError('its scripts (Trusted Types)'));
      } else {
        enginePromise = when(typeof WorkerC === 'function' ? startWorker() : rejected(own('no workers')), null, function (e) {
          if (e && e.final) throw e; // the engine or the index itself failed: the page would too
          return startInPage();
        });
      }
      // A failure is kept: retrying on every selection would download the
      // engine again and again.
      when(enginePromise, null, function () {});
      return enginePromise;
    };

    /** lookup(text) → Promise of {query, matches:[…]}, the JSON contract. */
    var lookup = ns.lookup = function (text, auto) {
      try {
        var p = when(loadEngine(), function (engine) { return engine.lookup(String(text).slice(0, MAX_SELECTION * 2), !!auto); });
        return when(p, function (res) {
          if (!res || res.error || !isArray(res.matches)) {
            // The worker's own messages already say "quotetrail could not …".
            var why = res && res.error ? '' + res.error : '';
            throw own(why.indexOf('quotetrail ') === 0 ? why : 'quotetrail could not answer' + (why ? ': ' + why : '.'));
          }
          return res;
        });
      } catch (e) { return rejected(e); }
    };
    // Load the engine when the browser is idle, so the first card is quick;
    // nothing is fetched before the page has loaded.
    if (script && script.hasAttribute('data-preload') && W.requestIdleCallback) {
      W.addEventListener('load', function () { try { W.requestIdleCallback(function () { loadEngine(); }, { timeout: 5000 }); } catch (e) { /* never into the page */ } });
    }

    // ---- the card ----
    var host = null, root = null, card = null, live = null, returnFocus = null, shownText = '';
    var CSS = ':host{all:initial}' +
      '.card{position:absolute;box-sizing:border-box;width:min(440px,calc(100vw - 16px));max-height:min(70vh,560px);overflow:auto;' +
      'font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;border:1px solid #c9d1d9;' +
      'border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.18);padding:12px 14px;text-align:left;overflow-wrap:anywhere}' +
      '.head{display:flex;align-items:center;gap:8px;margin:0 0 8px}' +
      '.title{font-weight:650;font-size:15px;margin:0;flex:1}' +
      'button.close{font:inherit;font-size:18px;line-height:1;border:0;background:transparent;color:inherit;cursor:pointer;padding:4px 8px;border-radius:6px}' +
      'button.close:focus-visible,a:focus-visible{outline:2px solid #1f6feb;outline-offset:2px}' +
      'ol{list-style:none;margin:0;padding:0}' +
      'li{border-top:1px solid #e4e8ec;padding:8px 0}' +
      '.outlet{font-weight:650}.meta{color:#57606a;font-size:13px}.date{white-space:nowrap}' +
      '.kind{font-size:12px;color:#57606a;border:1px solid #d0d7de;border-radius:999px;padding:0 6px;margin-left:6px}' +
      '.earliest{font-size:12px;font-weight:600;color:#1a7f37;margin-left:6px}' +
      'blockquote{margin:6px 0;padding:0 0 0 10px;border-left:3px solid #d0d7de}' +
      '.badge{display:inline-block;font-size:12px;font-weight:600;background:#ddf4ff;color:#0a3069;border-radius:999px;padding:1px 8px}' +
      '.attr{font-size:13px;color:#333}' +
      'a{color:#0a58ca}.empty,.notice{color:#444;margin:4px 0}' +
      'mark.differs{background:#fff1b8;color:inherit;border-radius:3px;padding:0 2px}' +
      'mark.spelled{background:none;color:inherit;text-decoration:underline dotted;text-underline-offset:3px}' +
      '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
      // Dark where the page is: light-dark() follows the color-scheme the
      // host element is given (the page's, or data-theme), so a light-only
      // page gets a light card whatever the reader's preference. A browser
      // without light-dark() drops these and keeps the light rules above.
      '.card{background:light-dark(#fff,#161b22);color:light-dark(#1b1f24,#e6edf3);border-color:light-dark(#c9d1d9,#30363d)}' +
      'li,.kind,blockquote{border-color:light-dark(#e4e8ec,#30363d)}.meta,.kind{color:light-dark(#57606a,#9da7b3)}.attr{color:light-dark(#333,#9da7b3)}' +
      '.badge{background:light-dark(#ddf4ff,#0c2d6b);color:light-dark(#0a3069,#cae8ff)}a{color:light-dark(#0a58ca,#79c0ff)}' +
      'mark.differs{background:light-dark(#fff1b8,#5a4500);color:light-dark(currentColor,#fff)}.empty,.notice{color:light-dark(#444,#c9d1d9)}' +
      // Chromium paints the card as selected (white on blue) after Ctrl+A
      // on the page, though the selection does not hold it: its text is
      // not selectable until the reader presses the mouse in it (picking).
      '.card{user-select:none;-webkit-user-select:none}.card.picking{user-select:text;-webkit-user-select:text}';

    var el = function (tag, cls, text) {
      var e = D.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = text;
      return e;
    };
    // scheme gives the card's host the page's color-scheme (what the page
    // declared on its root: "normal", undeclared, is light), or what the
    // script tag's data-theme asks: light, dark, or auto (the reader's).
    var scheme = function () {
      var theme = script && script.getAttribute('data-theme');
      var v = theme === 'light' || theme === 'dark' ? theme : theme === 'auto' ? 'light dark' : '';
      if (!v) {
        try { v = apply(computed, W, [D.documentElement]).colorScheme || ''; } catch (e) { v = ''; }
      }
      if (!v || v === 'normal') {
        // A <meta name="color-scheme"> sets the page's scheme without the
        // CSS property.
        try {
          var m = D.querySelector('meta[name="color-scheme"]');
          v = m ? ('' + m.getAttribute('content')).replace(/\s+/g, ' ').replace(/^ | $/g, '').toLowerCase() : '';
        } catch (e) { v = ''; }
      }
      if (!/^(light|dark|light dark|dark light|only light|only dark)$/.test(v)) v = 'light';
      host.style.setProperty('color-scheme', v, 'important');
    };
    var ensureHost = function () {
      if (host && host.isConnected) {
        scheme(); // the page may have changed its scheme since
        return;
      }
      // A custom element no page styles by tag, with its layout set inline
      // and !important: the page's stylesheets cannot hide or move it.
      host = D.createElement('quotetrail-card');
      host.setAttribute('data-quotetrail', '');
      host.style.cssText = 'all:initial!important;display:block!important;position:absolute!important;top:0!important;left:0!important;' +
        'width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;visibility:visible!important;' +
        'opacity:1!important;transform:none!important;z-index:2147483647!important';
      scheme();
      root = host.attachShadow({ mode: 'open' });
      // A constructed stylesheet needs no 'unsafe-inline' in the page's
      // style-src; browsers without one get a <style> element.
      var style = null;
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } catch (e) {
        style = el('style');
        style.textContent = CSS;
      }
      live = el('div', 'sr');
      live.setAttribute('aria-live', 'polite');
      live.setAttribute('role', 'status');
      card = el('div', 'card');
      card.setAttribute('role', 'dialog');
      card.setAttribute('aria-label', 'quotetrail: outlets that carried the selection');
      card.tabIndex = -1;
      card.hidden = true;
      if (style) root.append(style);
      root.append(live, card);
      card.addEventListener('mousedown', function () { card.classList.add('picking'); });
      card.addEventListener('keydown', function (ev) {
        try {
          if (ev.key === 'Escape') { ev.stopPropagation(); ns.close(); }
          if (ev.key === 'Tab') leave(ev);
        } catch (e) { /* never into the page */ }
      });
      D.body.appendChild(host);
    };

    // place sets the card beside rect (viewport coordinates), wholly inside
    // the part of the page the reader sees: below the selection, else above
    // it, else on the roomier side made shorter (it scrolls inside itself),
    // else, when the selection fills the window, over it at the bottom.
    // What the reader sees is the visual viewport: on a page zoomed with
    // two fingers it is a part of the window, offset within it (vx, vy).
    // Offsets are taken from the host itself, so a positioned or
    // transformed body does not move the card away from the selection.
    var place = function (rect) {
      var vv = W.visualViewport, vx = 0, vy = 0, vw = W.innerWidth, vh = W.innerHeight;
      if (vv && vv.width > 0 && vv.height > 0) { vx = vv.offsetLeft; vy = vv.offsetTop; vw = vv.width; vh = vv.height; }
      var w = Math.min(440, vw - 16);
      var origin = host.getBoundingClientRect();
      var left = Math.max(vx + 8, Math.min(rect.left, vx + vw - w - 8));
      card.style.width = w + 'px';
      card.style.left = (left - origin.left) + 'px';
      card.style.maxHeight = '';
      card.hidden = false;
      var h = card.getBoundingClientRect().height;
      if (h > vh - 16) {
        card.style.maxHeight = Math.max(vh - 16, 80) + 'px';
        h = card.getBoundingClientRect().height;
      }
      var below = vy + vh - 16 - rect.bottom, above = rect.top - vy - 16, top = rect.bottom + 8;
      if (h > below) {
        if (h <= above) {
          top = rect.top - 8 - h;
        } else if (Math.max(below, above) >= 120) {
          // Neither side holds it: the roomier one does, shorter, so the
          // selection and what is near it stay in sight.
          card.style.maxHeight = Math.max(below, above) + 'px';
          h = card.getBoundingClientRect().height;
          top = below >= above ? rect.bottom + 8 : rect.top - 8 - h;
        } else {
          top = Math.max(vy + 8, vy + vh - 8 - h); // the selection fills the window
        }
      }
      card.style.top = (top - origin.top) + 'px';
    };

    var fragmentLink = function (url, quote) {
      if (!/^https?:\/\//i.test(url || '')) return ''; // web addresses only, never javascript:
      var all = String(quote).replace(/[“”"]/g, '').split(/\s+/), words = [];
      for (var i = 0; i < all.length; i++) if (all[i]) words[words.length] = all[i];
      var n = words.length;
      var enc = function (from, to) {
        for (var s = '', k = from; k < to; k++) s += (k > from ? ' ' : '') + words[k];
        return encodeURIComponent(s).replace(/-/g, '%2D');
      };
      var frag = n <= 8 ? enc(0, n) : enc(0, 4) + ',' + enc(n - 4, n);
      return url.split('#')[0] + '#:~:text=' + frag;
    };

    // KIND_WORDS say in a reader's words how an outlet's text matches,
    // for an engine that gives no wording (the entry's "wording" says it
    // exactly: identical, spelled differently, reworded, in part, not quoted).
    var KIND_WORDS = { exact: 'same words', variant: 'reworded', partial: 'in part', text: 'not quoted' };
    var hostOf = function (u) { return /^https?:\/\//i.test(u || '') ? (abs(u), anchor.hostname) : ''; };

    var closeButton = function () {
      var close = el('button', 'close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', 'Close');
      close.addEventListener('click', function () { ns.close(); });
      return close;
    };
    var renderResult = function (text, res) {
      card.textContent = '';
      var head = el('div', 'head');
      var ms = res.matches, n = ms.length, i;
      var title = el('p', 'title', n === 0 ? 'No outlet in the corpus carried this.' : 'Carried by ' + n + (n === 1 ? ' outlet' : ' outlets'));
      title.id = 'qt-title';
      head.append(title, closeButton());
      card.append(head);
      if (res.truncated) card.append(el('p', 'notice', 'Only the beginning of a long selection was looked up.'));
      // Copies (a republication, a close reuse of another's text) are one
      // report with their original: say how many reports the outlets are.
      var reports = typeof res.independent === 'number' && res.independent > 0 && res.independent < n ? res.independent : 0;
      if (reports) card.append(el('p', 'notice reports', n + ' outlets, ' + reports + (reports === 1 ? ' independent report' : ' independent reports')));
      // The engine found a quotation inside a looser selection: say which.
      if (n && ms[0].focus) card.append(el('p', 'notice focus', 'Answered for the quotation “' + String(ms[0].focus) + '” in your selection.'));
      var list = el('ol');
      // Outlets in order of publication, undated last (a stable insertion
      // sort); the first dated one is the earliest known carrier.
      var ordered = [], names = [];
      for (i = 0; i < n; i++) {
        var j = i;
        ordered[j] = ms[i];
        names[i] = ms[i].outlet;
        while (j > 0 && (ordered[j - 1].published || '9999') > (ordered[j].published || '9999')) {
          var t = ordered[j]; ordered[j] = ordered[j - 1]; ordered[j - 1] = t; j--;
        }
      }
      // Marked only when no other carrier has the same date.
      var earliest = n > 1 && ordered[0].published && ordered[0].published !== ordered[1].published ? ordered[0] : null;
      for (i = 0; i < n; i++) {
        var m = ordered[i];
        var li = el('li');
        li.setAttribute('data-outlet', m.outlet || '');
        var line = el('div');
        line.append(el('span', 'outlet', m.outlet || hostOf(m.url) || m.article));
        if (m.republishes) line.append(el('span', 'syndic', ', republishing ' + m.republishes));
        if (m.published) { line.append(' '); line.append(el('span', 'meta date', m.published)); }
        var kind = el('span', 'kind', m.wording ? String(m.wording) : KIND_WORDS[m.match] || m.match);
        kind.setAttribute('data-kind', m.match);
        if (m.wording) kind.setAttribute('data-wording', m.wording);
        line.append(kind);
        if (m === earliest) line.append(el('span', 'earliest', 'earliest known'));
        li.append(line);
        if (m.occasion === 'unknown') li.append(el('div', 'meta occasion', 'date unknown: may be another occasion'));
        var other = m.reuses_outlet || m.reuses || m.shares_text;
        if (m.reuses) li.append(el('div', 'meta syndic', 'reuses the text of ' + other));
        else if (m.shares_text) li.append(el('div', 'meta syndic', 'shares its text with ' + other));
        li.append(quoteWithMarks(m));
        // The extension asks several indexes: each carrier names its own.
        if (m.index) { var from = el('div', 'meta from', 'index: ' + m.index); li.setAttribute('data-index', m.index); li.append(from); }
        if (m.match !== 'text') {
          var attr = el('div', 'attr');
          attr.append(el('span', 'speaker', m.speaker || 'speaker not stated'));
          // The corpus's name for the speaker, with the outlet's own when
          // it wrote another ("Mr. Sellers" of "Joseph Sellers").
          if (m.speaker && m.speaker_text) attr.append(el('span', 'meta own', ' (\u201c' + m.speaker_text + '\u201d in this article)'));
          if (m.channel) {
            attr.append(' · via ');
            attr.append(el('span', 'badge channel', m.channel));
            if (m.inferred) attr.append(el('span', 'meta', ' (stated elsewhere in the article)'));
          }
          if (m.cue) attr.append(' · ' + m.cue);
          li.append(attr);
        }
        var href = fragmentLink(m.url, m.quote);
        if (href) {
          var a = el('a', 'open', 'Open in ' + (m.outlet || hostOf(m.url)));
          a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.setAttribute('aria-label', 'Open the passage in ' + (m.outlet || hostOf(m.url)) + ' (new tab)');
          li.append(a);
        }
        list.append(li);
      }
      if (n) card.append(list);
      card.setAttribute('aria-labelledby', 'qt-title');
      card.setAttribute('data-query', text);
      live.textContent = n === 0 ? 'quotetrail: no outlet in the corpus carried this.' : 'quotetrail: carried by ' + n + (n === 1 ? ' outlet: ' : ' outlets: ') + join(names, ', ') + '.';
      if (reports) live.textContent += ' ' + reports + (reports === 1 ? ' independent report.' : ' independent reports.');
    };
    // quoteWithMarks sets an outlet's wording with the words that differ
    // from the selection, and those only spelled differently, in <mark>:
    // text nodes only, never markup.
    var quoteWithMarks = function (m) {
      var bq = el('blockquote', 'quote');
      var q = String(m.quote || ''), at = 0, ds = [], i;
      var add = function (spans, cls) {
        if (!isArray(spans)) return;
        for (var k = 0; k < spans.length; k++) if (isArray(spans[k])) ds[ds.length] = [spans[k][0], spans[k][1], cls];
      };
      add(m.differs, 'differs');
      add(m.spelled, 'spelled');
      // In order of place (an insertion sort: a few spans); an overlap is skipped.
      for (i = 1; i < ds.length; i++) for (var j = i; j > 0 && ds[j - 1][0] > ds[j][0]; j--) { var t = ds[j]; ds[j] = ds[j - 1]; ds[j - 1] = t; }
      if (m.match !== 'text') bq.append('“');
      for (i = 0; i < ds.length; i++) {
        var d = ds[i];
        if (!(d[0] >= at && d[1] > d[0] && d[1] <= q.length)) continue;
        bq.append(q.slice(at, d[0]));
        var mk = el('mark', d[2], q.slice(d[0], d[1]));
        mk.title = d[2] === 'spelled' ? 'spelled differently from your selection' : 'worded differently from your selection';
        bq.append(mk);
        at = d[1];
      }
      bq.append(q.slice(at));
      if (m.match !== 'text') bq.append('”');
      return bq;
    };

    var renderNotice = function (msg) {
      card.textContent = '';
      card.removeAttribute('data-query');
      var head = el('div', 'head');
      var title = el('p', 'title', 'quotetrail');
      title.id = 'qt-title';
      head.append(title, closeButton());
      card.append(head, el('p', 'notice', msg));
      card.setAttribute('aria-labelledby', 'qt-title');
      live.textContent = msg;
    };

    // request looks text up and draws the card beside rectOf() (a function:
    // the page may scroll while the engine answers). A reader who asked
    // (auto false: the paste box, a quotation control, Alt+Shift+Q, the
    // context menu) sees the card at once, "Looking up…" first, and is told
    // when nothing matched. A selection made for any other reason (auto:
    // copying, reading) opens the card only when an outlet carried it, or
    // to say the widget cannot work here; a selection with no answer opens
    // nothing and closes a card left from an earlier one. Only the latest
    // request draws (seq). focus moves keyboard focus into the card when it
    // first opens, and Escape or Tab past its end brings it back.
    var seq = 0;
    var request = function (text, rectOf, auto, focus) {
      var my = ++seq, invoker = D.activeElement, focused = false;
      var draw = function (fill) {
        if (my !== seq) return;
        ensureHost();
        shownText = text;
        returnFocus = invoker;
        card.classList.remove('picking');
        var inside = root.activeElement != null;
        fill();
        place(rectOf());
        // Into the card when it first opens; and back onto it when the
        // control that had focus was redrawn away (the answer replaced
        // "Looking up…" while the reader was on its close button).
        if ((focus && !focused) || (inside && root.activeElement == null)) { focused = true; card.focus(); }
      };
      if (!auto) draw(function () { renderNotice('Looking up…'); });
      var answered = false;
      var timer = setT(function () {
        try { if (!answered) draw(function () { renderNotice(SLOW); }); } catch (e) { /* never into the page */ }
      }, LIMIT);
      var end = function (fill) {
        return function (x) {
          answered = true;
          clearT(timer);
          try { if (my === seq) fill(x); } catch (e) { /* never into the page */ }
        };
      };
      return when(lookup(text, auto), end(function (res) {
        if (auto && !res.matches.length) {
          // Nothing to show. A card of an earlier selection would now
          // answer the wrong text, unless the reader is reading it.
          if (card && !card.hidden && root.activeElement == null) { card.hidden = true; shownText = ''; }
          return;
        }
        draw(function () { renderResult(text, res); });
      }), end(function (err) {
        draw(function () { renderNotice(err && err.qt ? err.message : 'quotetrail could not load.'); });
      }));
    };
    /**
     * show(text, rect, {focus}) looks text up and opens the card beside rect
     * at once (it says so when no outlet carried it). With focus, keyboard
     * focus moves into the card, and returns where it was when it closes.
     */
    ns.show = function (text, rect, opts) {
      try {
        return request(String(text), function () { return rect; }, false, !!(opts && opts.focus));
      } catch (e) { return resolved(); }
    };
    ns.close = function () {
      try {
        if (!card || card.hidden) return;
        var hadFocus = root.activeElement != null;
        card.hidden = true;
        shownText = '';
        if (hadFocus && returnFocus && returnFocus.focus) returnFocus.focus();
        // Where that could not take focus (the body, a removed element),
        // focus leaves the hidden card for the page all the same.
        var stuck = root.activeElement;
        if (stuck && stuck.blur) stuck.blur();
      } catch (e) { /* never into the page */ }
    };
    // leave keeps the focus order of the page: the card sits at the end of
    // the body, so Tab past its last control would land at the end of the
    // page, and Shift+Tab from its top on the page's last control. Instead
    // the card closes and focus goes back to where the reader was (the
    // quotation they opened it from): Shift+Tab stays there, Tab goes on
    // from there to the next control, as the browser moves from it.
    var leave = function (ev) {
      var at = root.activeElement, cs = card.querySelectorAll('button,a[href]');
      var out = ev.shiftKey ? at === card || at === cs[0] : !cs.length || at === cs[cs.length - 1];
      if (!out) return;
      var back = returnFocus;
      ns.close();
      if (ev.shiftKey || !(back && back.isConnected && D.activeElement === back)) ev.preventDefault();
    };
    /** focus() moves keyboard focus into the open card. */
    ns.focus = function () { try { if (card && !card.hidden) card.focus(); } catch (e) { /* never into the page */ } };

    // roots: the open shadow roots on the path of the event that ended the
    // selection. The document's selection reports a selection inside a
    // shadow root as collapsed at its host; getComposedRanges, given the
    // roots, reports it as it is.
    var roots = [];
    var selectedRange = function (sel) {
      if (roots.length && sel.getComposedRanges) {
        try {
          var sr = sel.getComposedRanges({ shadowRoots: roots })[0];
          if (sr && !sr.collapsed) {
            var r = D.createRange();
            r.setStart(sr.startContainer, sr.startOffset);
            r.setEnd(sr.endContainer, sr.endOffset); // across trees: collapses, and the document's range is used
            if (!r.collapsed) return r;
          }
        } catch (e) { /* an older form of the call: the document's range */ }
      }
      return sel.rangeCount ? sel.getRangeAt(0) : null;
    };
    var selectionRect = function (range) {
      var r = range && range.getBoundingClientRect();
      if (r && (r.width || r.height)) return r;
      var ae = D.activeElement;
      return ae && ae.getBoundingClientRect ? ae.getBoundingClientRect() : { left: 8, top: 8, bottom: 8, right: 8 };
    };
    // onSelectionEnd looks up the page's selection: on its own (auto, the
    // card opens only with an answer) or because the reader asked for it
    // (Alt+Shift+Q, the extension's command: the card opens, with focus).
    var onSelectionEnd = function (asked) {
      try {
        var sel = W.getSelection(), range = sel && selectedRange(sel);
        if (!range || range.collapsed) return;
        var text = range.toString().slice(0, MAX_SELECTION * 2).replace(/\s+/g, ' ').trim();
        if (!/[\p{L}\p{N}]/u.test(text) || (!asked && text.split(' ').length < 2)) return;
        if (text === shownText && card && !card.hidden) {
          if (asked) ns.focus();
          return;
        }
        request(text, function () { return selectionRect(range); }, !asked, !!asked);
      } catch (e) { /* never into the page */ }
    };
    // <quote-trail>…</quote-trail>: a publisher marks a quotation; readers
    // click it (or press Enter or Space on it) to see who else carried it.
    if (W.customElements && !W.customElements.get('quote-trail')) {
      try {
        W.customElements.define('quote-trail', class extends HTMLElement {
          connectedCallback() {
            try {
              if (this.hasAttribute('role')) return;
              this.setAttribute('role', 'button');
              this.setAttribute('tabindex', '0');
              this.setAttribute('aria-label', 'Show which outlets carried this quotation: ' + this.textContent.trim().slice(0, 120));
              var qe = this, open = function (focus) {
                try { ns.show(qe.textContent.replace(/\s+/g, ' ').trim(), qe.getBoundingClientRect(), { focus: focus }); } catch (e) { /* never into the page */ }
              };
              this.addEventListener('click', function () { open(false); });
              // From the keyboard, focus goes into the card (and comes back
              // here on Escape).
              this.addEventListener('keydown', function (ev) {
                try { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(true); } } catch (e) { /* never into the page */ }
              });
            } catch (e) { /* never into the page */ }
          }
        });
      } catch (e) { /* a page that defined it first keeps its own */ }
    }

    if (ext) {
      // The context-menu item and the keyboard command.
      ext.runtime.onMessage.addListener(function (msg) {
        try {
          var sel = W.getSelection();
          // The reader asked: the card opens, with focus, answer or not.
          if (msg && msg.type === 'show' && msg.text) ns.show(String(msg.text), selectionRect(sel && selectedRange(sel)), { focus: true });
          if (msg && msg.type === 'show-selection') onSelectionEnd(true);
        } catch (e) { /* never into the page */ }
      });
    }
    var pending = 0;
    var onPath = function (ev, node) {
      for (var p = ev.composedPath(), i = 0; i < p.length; i++) if (p[i] === node) return true;
      return false;
    };
    var later = function (ev) {
      try {
        // Decide now: once the event is dispatched its path is empty, and a
        // click on the card's own button must not reopen it.
        if (onPath(ev, host)) return;
        var path = ev.composedPath();
        roots = [];
        for (var i = 0; i < path.length; i++) if (path[i].shadowRoot) roots[roots.length] = path[i].shadowRoot; // open roots only: closed ones are private
        clearT(pending);
        pending = setT(function () { onSelectionEnd(false); }, 30);
      } catch (e) { /* never into the page */ }
    };
    D.addEventListener('mouseup', later, true);
    D.addEventListener('touchend', later, true);
    // On touch screens a selection is made with long-press and handles, and
    // no event marks its end: wait until it has stayed put for a moment.
    if (W.matchMedia && W.matchMedia('(pointer: coarse)').matches) {
      D.addEventListener('selectionchange', function () {
        try {
          var a = D.activeElement;
          if (a && (a === host || a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName))) return; // editing, or the card
          clearT(pending);
          pending = setT(function () { onSelectionEnd(false); }, 600);
        } catch (e) { /* never into the page */ }
      });
    }
    // A keyboard selection ends with the release of a key that extends it
    // (Shift with an arrow, Home, End, Page Up or Down; Ctrl+A). Not any key
    // with Shift: Shift+Tab out of the card must not reopen it.
    var SELECTING = /^(Arrow(Left|Right|Up|Down)|Home|End|PageUp|PageDown)$/;
    D.addEventListener('keyup', function (ev) {
      try {
        if ((ev.shiftKey && SELECTING.test(ev.key)) || ((ev.key === 'a' || ev.key === 'A') && (ev.ctrlKey || ev.metaKey))) later(ev);
      } catch (e) { /* never into the page */ }
    }, true);
    D.addEventListener('keydown', function (ev) {
      try {
        if (ev.key === 'Escape' && card && !card.hidden) ns.close();
        // Alt+Shift+Q: move focus into the card, or look the selection up
        // and open the card with focus (keyboard users).
        if (ev.altKey && ev.shiftKey && ev.code === 'KeyQ') {
          var sel = W.getSelection();
          if (card && !card.hidden) { ev.preventDefault(); ns.focus(); }
          else if (sel && !sel.isCollapsed) { ev.preventDefault(); onSelectionEnd(true); }
        }
      } catch (e) { /* never into the page */ }
    }, true);
    D.addEventListener('mousedown', function (ev) {
      try {
        if (card && !card.hidden && !onPath(ev, host)) ns.close();
      } catch (e) { /* never into the page */ }
    }, true);
  } catch (e) { /* never into the page: the widget stays off */ }
})();
