/*
 * quotetrail widget: select a quotation, see which outlets carried it and
 * how each attributed it. One script tag:
 *   <script src="/quotetrail.js" data-index="/index.qti" defer></script>
 * Nothing happens on load. The engine (engine.wasm with wasm_exec.js) and
 * the index load on the first selection; the selection never leaves the
 * browser. The card lives in one host element with an open shadow root and
 * renders corpus text only as text. Errors never reach the host page.
 */
(function () {
  'use strict';
  if (window.quotetrail && window.quotetrail.version) return;

  var MAX_SELECTION = 2000; // bytes the engine reads; longer text is cut
  var script = document.currentScript;
  var base = new URL('.', (script && script.src) || location.href);
  var indexURL;
  try {
    indexURL = new URL((script && script.getAttribute('data-index')) || 'index.qti', script && script.getAttribute('data-index') ? document.baseURI : base);
  } catch (e) {
    indexURL = new URL('index.qti', base); // a bad data-index must not break the page
  }

  var ns = { version: '0.1.0' };
  window.quotetrail = ns;

  // The engine runs in a worker, off the host page's main thread. A worker
  // must come from the page's origin: when this script is served from
  // another origin, a small blob worker imports it. Where a worker cannot
  // start (a policy without blob: workers), the engine runs in the page.
  var enginePromise = null;
  function cspError(e) {
    var err = new Error('quotetrail cannot run on this page: its security policy does not allow WebAssembly.');
    err.cause = e;
    return err;
  }
  function startWorker() {
    var url = new URL('quotetrail-worker.js', base).href, w;
    try {
      try {
        w = new Worker(url);
      } catch (e) {
        var blob = new Blob(['importScripts(' + JSON.stringify(url) + ');'], { type: 'text/javascript' });
        w = new Worker(URL.createObjectURL(blob));
      }
    } catch (e) {
      return Promise.reject(e); // a policy without workers: the page runs the engine
    }
    return new Promise(function (resolve, reject) {
      var calls = {}, next = 0, timer = 0, started = false;
      // A worker that failed is stopped, so it holds no memory while the
      // page tries on its own.
      var fail = function (err) {
        clearTimeout(timer);
        if (!started) w.terminate();
        reject(err);
      };
      w.onmessage = function (ev) {
        var m = ev.data || {};
        if (m.type === 'ready') {
          started = true;
          clearTimeout(timer);
          resolve({
            lookup: function (text) {
              return new Promise(function (res) { var id = ++next; calls[id] = res; w.postMessage({ type: 'lookup', id: id, text: text }); });
            }
          });
        } else if (m.type === 'error') {
          var err = m.message === 'csp' ? cspError(m.message) : new Error(m.message);
          err.final = true; // the page would fail the same way: no second try
          fail(err);
        } else if (m.type === 'result' && calls[m.id]) {
          calls[m.id](m.result);
          delete calls[m.id];
        }
      };
      w.onerror = function (ev) { if (ev && ev.preventDefault) ev.preventDefault(); fail(new Error('the engine worker failed')); };
      w.postMessage({ type: 'init', base: base.href, index: indexURL.href });
      timer = setTimeout(function () { fail(new Error('the engine did not start')); }, 30000);
    });
  }
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.async = true;
      if (script && script.nonce) s.nonce = script.nonce; // a nonce-based policy admits it
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      (document.head || document.documentElement).appendChild(s);
    });
  }
  // startInPage runs the engine on the main thread: the fallback.
  async function startInPage() {
    if (typeof window.Go !== 'function') await loadScript(new URL('wasm_exec.js', base).href);
    var idxResp = await fetch(indexURL.href);
    if (!idxResp.ok) throw new Error('index: HTTP ' + idxResp.status);
    var idx = new Uint8Array(await idxResp.arrayBuffer());
    var go = new window.Go();
    var inst;
    var wasmResp = await fetch(new URL('engine.wasm', base).href);
    if (!wasmResp.ok) throw new Error('engine: HTTP ' + wasmResp.status);
    var bytes = await wasmResp.arrayBuffer();
    try {
      inst = (await WebAssembly.instantiate(bytes, go.importObject)).instance;
    } catch (e) {
      throw e instanceof WebAssembly.CompileError && WebAssembly.validate(bytes) ? cspError(e) : e;
    }
    var engine = await new Promise(function (resolve, reject) {
      ns.engine = { index: idx, onready: function () { resolve(ns.engine); } };
      Promise.resolve(go.run(inst)).then(function () { reject(new Error('the engine stopped')); }, reject);
      setTimeout(function () { reject(new Error('the engine did not start')); }, 30000);
    });
    if (engine.error) throw new Error('The quotation index could not be read: ' + engine.error);
    return { lookup: function (text) { return Promise.resolve(engine.lookup(text)); } };
  }
  // In the browser extension, this script is the content script: the
  // engine runs in the extension's background, reached by messages.
  var ext = (function () {
    try {
      var api = typeof browser !== 'undefined' ? browser : typeof chrome !== 'undefined' ? chrome : null;
      return api && api.runtime && api.runtime.id && !script ? api : null;
    } catch (e) { return null; }
  })();
  function extensionEngine() {
    return Promise.resolve({
      lookup: function (text) {
        return new Promise(function (resolve, reject) {
          ext.runtime.sendMessage({ type: 'lookup', text: text }, function (r) {
            if (!r || r.error) reject(new Error((r && r.error) || 'quotetrail could not answer.'));
            else resolve(r.result);
          });
        });
      }
    });
  }
  function loadEngine() {
    if (enginePromise) return enginePromise;
    if (ext) {
      enginePromise = extensionEngine();
    } else if (typeof WebAssembly !== 'object') {
      enginePromise = Promise.reject(new Error('This browser cannot run WebAssembly.'));
    } else {
      enginePromise = (typeof Worker === 'function' ? startWorker() : Promise.reject(new Error('no workers')))
        .catch(function (e) {
          if (e && e.final) throw e; // the engine or the index itself failed: the page would too
          return startInPage();
        });
    }
    // A failure is kept: retrying on every selection would download the
    // engine again and again.
    enginePromise.catch(function () {});
    return enginePromise;
  }

  /** lookup(text) → Promise of {query, matches:[…]}, the JSON contract. */
  ns.lookup = function (text) {
    return loadEngine().then(function (engine) { return engine.lookup(String(text).slice(0, MAX_SELECTION * 2)); })
      .then(function (res) {
        if (!res || res.error || !Array.isArray(res.matches)) throw new Error('quotetrail could not answer' + (res && res.error ? ': ' + res.error : '.'));
        return res;
      });
  };
  // Load the engine when the browser is idle, so the first card is quick;
  // nothing is fetched before the page has loaded.
  function whenIdle() { loadEngine(); }
  if (script && script.hasAttribute('data-preload')) {
    if ('requestIdleCallback' in window) window.addEventListener('load', function () { window.requestIdleCallback(whenIdle, { timeout: 5000 }); });
  }

  // ---- the card ----
  var host = null, root = null, card = null, live = null, returnFocus = null, shownText = '';
  var CSS = [
    ':host{all:initial}',
    '.card{position:absolute;box-sizing:border-box;width:min(440px,calc(100vw - 16px));max-height:min(70vh,560px);overflow:auto;',
    'font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;border:1px solid #c9d1d9;',
    'border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.18);padding:12px 14px;text-align:left}',
    '.head{display:flex;align-items:center;gap:8px;margin:0 0 8px}',
    '.title{font-weight:650;font-size:15px;margin:0;flex:1}',
    'button.close{font:inherit;font-size:18px;line-height:1;border:0;background:transparent;color:inherit;cursor:pointer;padding:4px 8px;border-radius:6px}',
    'button.close:focus-visible,a:focus-visible{outline:2px solid #1f6feb;outline-offset:2px}',
    'ol{list-style:none;margin:0;padding:0}',
    'li{border-top:1px solid #e4e8ec;padding:8px 0}',
    '.outlet{font-weight:650}', '.meta{color:#57606a;font-size:13px}',
    '.kind{font-size:12px;color:#57606a;border:1px solid #d0d7de;border-radius:999px;padding:0 6px;margin-left:6px}',
    '.earliest{font-size:12px;font-weight:600;color:#1a7f37;margin-left:6px}',
    'blockquote{margin:6px 0;padding:0 0 0 10px;border-left:3px solid #d0d7de}',
    '.badge{display:inline-block;font-size:12px;font-weight:600;background:#ddf4ff;color:#0a3069;border-radius:999px;padding:1px 8px}',
    '.attr{font-size:13px;color:#333}',
    'a{color:#0a58ca}', '.empty,.notice{color:#444;margin:4px 0}',
    'mark.differs{background:#fff1b8;color:inherit;border-radius:3px;padding:0 2px}',
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '@media (prefers-color-scheme:dark){.card{background:#161b22;color:#e6edf3;border-color:#30363d}li{border-color:#30363d}',
    '.meta,.kind,.attr{color:#9da7b3}.kind{border-color:#30363d}blockquote{border-color:#30363d}.badge{background:#0c2d6b;color:#cae8ff}a{color:#79c0ff}mark.differs{background:#5a4500;color:#fff}.empty,.notice{color:#c9d1d9}}'
  ].join('');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function ensureHost() {
    if (host && host.isConnected) return;
    // A custom element no page styles by tag, with its layout set inline
    // and !important: the page's stylesheets cannot hide or move it.
    host = document.createElement('quotetrail-card');
    host.setAttribute('data-quotetrail', '');
    host.style.cssText = 'all:initial!important;display:block!important;position:absolute!important;top:0!important;left:0!important;' +
      'width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;visibility:visible!important;' +
      'opacity:1!important;transform:none!important;z-index:2147483647!important';
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
    card.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { ev.stopPropagation(); ns.close(); } });
    document.body.appendChild(host);
  }

  // place sets the card beside rect (viewport coordinates), inside the
  // viewport. Offsets are taken from the host itself, so a positioned or
  // transformed body does not move the card away from the selection.
  function place(rect) {
    var w = Math.min(440, window.innerWidth - 16);
    var origin = host.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left, window.innerWidth - w - 8));
    card.style.left = (left - origin.left) + 'px';
    card.style.top = (rect.bottom + 8 - origin.top) + 'px';
    card.hidden = false;
    var h = card.getBoundingClientRect().height;
    if (rect.bottom + 8 + h > window.innerHeight && rect.top - 8 - h > 0) card.style.top = (rect.top - 8 - h - origin.top) + 'px';
  }

  function fragmentLink(url, quote) {
    if (!/^https?:\/\//i.test(url || '')) return ''; // web addresses only, never javascript:
    var words = String(quote).replace(/[“”"]/g, '').split(/\s+/).filter(Boolean);
    var enc = function (s) { return encodeURIComponent(s).replace(/-/g, '%2D'); };
    var frag = words.length <= 8 ? enc(words.join(' ')) : enc(words.slice(0, 4).join(' ')) + ',' + enc(words.slice(-4).join(' '));
    return url.split('#')[0] + '#:~:text=' + frag;
  }

  function renderResult(text, res) {
    card.textContent = '';
    var head = el('div', 'head');
    var n = res.matches.length;
    var title = el('p', 'title', n === 0 ? 'No outlet in the corpus carried this.' : 'Carried by ' + n + (n === 1 ? ' outlet' : ' outlets'));
    title.id = 'qt-title';
    var close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', function () { ns.close(); });
    head.append(title, close);
    card.append(head);
    if (res.truncated) card.append(el('p', 'notice', 'Only the beginning of a long selection was looked up.'));
    var list = el('ol');
    // Outlets in order of publication, undated last; the first dated one
    // is the earliest known carrier.
    var ordered = res.matches.map(function (m, i) { return { m: m, i: i }; }).sort(function (a, b) {
      var pa = a.m.published || '9999', pb = b.m.published || '9999'; // undated last
      return pa < pb ? -1 : pa > pb ? 1 : a.i - b.i;
    }).map(function (x) { return x.m; });
    // Marked only when no other carrier has the same date.
    var earliest = ordered.length > 1 && ordered[0].published && ordered[0].published !== ordered[1].published ? ordered[0] : null;
    ordered.forEach(function (m) {
      var li = el('li');
      li.setAttribute('data-outlet', m.outlet || '');
      var line = el('div');
      line.append(el('span', 'outlet', m.outlet || hostOf(m.url) || m.article));
      if (m.published) { line.append(' '); line.append(el('span', 'meta', m.published)); }
      var kind = el('span', 'kind', KIND_WORDS[m.match] || m.match);
      kind.setAttribute('data-kind', m.match);
      line.append(kind);
      if (m === earliest) line.append(el('span', 'earliest', 'earliest known'));
      li.append(line);
      li.append(quoteWithMarks(m));
      if (m.match !== 'text') {
        var attr = el('div', 'attr');
        attr.append(el('span', 'speaker', m.speaker || 'speaker not stated'));
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
    });
    if (n) card.append(list);
    card.setAttribute('aria-labelledby', 'qt-title');
    card.setAttribute('data-query', text);
    live.textContent = n === 0 ? 'quotetrail: no outlet in the corpus carried this.' : 'quotetrail: carried by ' + n + (n === 1 ? ' outlet: ' : ' outlets: ') + res.matches.map(function (m) { return m.outlet; }).join(', ') + '.';
  }
  // quoteWithMarks sets an outlet's wording with the words that differ
  // from the selection in <mark>: text nodes only, never markup.
  function quoteWithMarks(m) {
    var bq = el('blockquote', 'quote');
    var q = String(m.quote || ''), at = 0;
    if (m.match !== 'text') bq.append('“');
    (m.differs || []).forEach(function (d) {
      if (!(d[0] >= at && d[1] > d[0] && d[1] <= q.length)) return;
      bq.append(q.slice(at, d[0]));
      var mk = el('mark', 'differs', q.slice(d[0], d[1]));
      mk.title = 'worded differently from your selection';
      bq.append(mk);
      at = d[1];
    });
    bq.append(q.slice(at));
    if (m.match !== 'text') bq.append('”');
    return bq;
  }

  // KIND_WORDS say in a reader's words how an outlet's text matches.
  var KIND_WORDS = { exact: 'same words', variant: 'reworded', partial: 'in part', text: 'not quoted' };

  function hostOf(u) { try { return new URL(u).hostname; } catch (e) { return ''; } }

  function renderNotice(msg) {
    card.textContent = '';
    card.removeAttribute('data-query');
    var head = el('div', 'head');
    var close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', function () { ns.close(); });
    head.append(el('p', 'title', 'quotetrail'), close);
    card.append(head, el('p', 'notice', msg));
    live.textContent = msg;
  }

  /** show(text, rect) looks text up and opens the card beside rect. */
  ns.show = function (text, rect) {
    try {
      ensureHost();
      shownText = text;
      returnFocus = document.activeElement;
      renderNotice('Looking up…');
      place(rect);
      return ns.lookup(text).then(function (res) {
        if (shownText !== text) return;
        renderResult(text, res);
        place(rect);
      }, function (err) {
        if (shownText !== text) return;
        renderNotice(err && err.message ? err.message : 'quotetrail could not load.');
        place(rect);
      }).catch(function () {});
    } catch (e) { return Promise.resolve(); }
  };
  ns.close = function () {
    try {
      if (!card || card.hidden) return;
      var hadFocus = root.activeElement != null;
      card.hidden = true;
      shownText = '';
      if (hadFocus && returnFocus && returnFocus.focus) returnFocus.focus();
    } catch (e) { /* never into the page */ }
  };
  /** focus() moves keyboard focus into the open card. */
  ns.focus = function () { if (card && !card.hidden) card.focus(); };

  function selectionRect(sel) {
    var r = sel.getRangeAt(0).getBoundingClientRect();
    if (r.width || r.height) return r;
    var ae = document.activeElement;
    return ae && ae.getBoundingClientRect ? ae.getBoundingClientRect() : { left: 8, top: 8, bottom: 8, right: 8 };
  }
  function onSelectionEnd() {
    try {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      var text = sel.toString().slice(0, MAX_SELECTION * 2).replace(/\s+/g, ' ').trim();
      if (text.split(' ').length < 2 || !/[\p{L}\p{N}]/u.test(text)) return;
      if (text === shownText && card && !card.hidden) return;
      ns.show(text, selectionRect(sel));
    } catch (e) { /* never into the page */ }
  }
  // <quote-trail>…</quote-trail>: a publisher marks a quotation; readers
  // click it (or press Enter or Space on it) to see who else carried it.
  if (window.customElements && !window.customElements.get('quote-trail')) {
    try {
      window.customElements.define('quote-trail', class extends HTMLElement {
        connectedCallback() {
          if (this.hasAttribute('role')) return;
          this.setAttribute('role', 'button');
          this.setAttribute('tabindex', '0');
          this.setAttribute('aria-label', 'Show which outlets carried this quotation: ' + this.textContent.trim().slice(0, 120));
          var el = this, open = function () { ns.show(el.textContent.replace(/\s+/g, ' ').trim(), el.getBoundingClientRect()); };
          this.addEventListener('click', open);
          this.addEventListener('keydown', function (ev) {
            if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); }
          });
        }
      });
    } catch (e) { /* a page that defined it first keeps its own */ }
  }

  if (ext) {
    // The context-menu item and the keyboard command.
    ext.runtime.onMessage.addListener(function (msg) {
      try {
        var sel = window.getSelection();
        if (msg && msg.type === 'show' && msg.text) ns.show(String(msg.text), sel && sel.rangeCount ? selectionRect(sel) : { left: 16, top: 16, right: 16, bottom: 16 });
        if (msg && msg.type === 'show-selection') onSelectionEnd();
      } catch (e) { /* never into the page */ }
    });
  }
  var pending = 0;
  function later(ev) {
    try {
      // Decide now: once the event is dispatched its path is empty, and a
      // click on the card's own button must not reopen it.
      if (host && ev && ev.composedPath && ev.composedPath().indexOf(host) >= 0) return;
    } catch (e) { return; }
    clearTimeout(pending);
    pending = setTimeout(onSelectionEnd, 30);
  }
  document.addEventListener('mouseup', later, true);
  document.addEventListener('touchend', later, true);
  // On touch screens a selection is made with long-press and handles, and
  // no event marks its end: wait until it has stayed put for a moment.
  try {
    if (window.matchMedia && window.matchMedia('(pointer: coarse)').matches) {
      document.addEventListener('selectionchange', function () {
        var a = document.activeElement;
        if (a && (a === host || a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName))) return; // editing, or the card
        clearTimeout(pending);
        pending = setTimeout(onSelectionEnd, 600);
      });
    }
  } catch (e) { /* never into the page */ }
  document.addEventListener('keyup', function (ev) {
    if (ev.shiftKey || ev.key === 'Shift' || (ev.key === 'a' && (ev.ctrlKey || ev.metaKey))) later(ev);
  }, true);
  document.addEventListener('keydown', function (ev) {
    try {
      if (ev.key === 'Escape' && card && !card.hidden) ns.close();
      // Alt+Shift+Q: move focus into the card (keyboard users).
      if (ev.altKey && ev.shiftKey && ev.code === 'KeyQ' && card && !card.hidden) { ev.preventDefault(); ns.focus(); }
    } catch (e) { /* never into the page */ }
  }, true);
  document.addEventListener('mousedown', function (ev) {
    try {
      if (card && !card.hidden && ev.composedPath().indexOf(host) < 0) ns.close();
    } catch (e) { /* never into the page */ }
  }, true);
})();
