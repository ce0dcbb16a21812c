/* The demo page: says what its corpus is, lists the corpus articles
 * (articles.json, written by `quotetrail build`: the -name and -about it
 * was given, or a description counted from the corpus), shows one at a
 * time as readable text with its quotations underlined, and looks up
 * pasted text. All corpus text, name and description included, is set
 * with textContent, never as HTML. */
(function () {
  'use strict';
  var list = document.getElementById('article-list');
  var reader = document.getElementById('reader');
  var articles = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // describe shows the build's name and description of the corpus: the
  // page's heading and title, the paragraph under the heading, and a
  // quotation of the corpus as the paste box's example.
  function describe(data) {
    if (data.name) {
      document.getElementById('site-name').textContent = data.name;
      document.title = data.name + ' · quotetrail';
    }
    var about = document.getElementById('site-about');
    about.textContent = data.about || '';
    about.hidden = !data.about;
    if (data.about) {
      var meta = document.querySelector('meta[name="description"]');
      if (meta) meta.setAttribute('content', data.about);
    }
    document.getElementById('paste-text').placeholder = data.example || '';
  }

  function label(a) { return a.title || a.outlet || a.stem; }

  function renderList(current) {
    list.textContent = '';
    articles.forEach(function (a) {
      var li = el('li');
      var link = el('a');
      link.href = '#' + encodeURIComponent(a.stem);
      if (a.stem === current) link.setAttribute('aria-current', 'page');
      link.append(el('span', 'outlet', a.outlet || a.stem));
      link.append(el('span', 'sub', (a.published ? a.published + ' · ' : '') + (a.title || 'untitled')));
      li.append(link);
      list.append(li);
    });
  }

  // paragraph renders one paragraph with its quotations (UTF-16 spans) in
  // <q> elements, so readers can see what quotetrail found. After each, a
  // button a reader reaches with Tab and presses with Enter or Space opens
  // its card: a reader without a mouse cannot select text on a page unless
  // the browser's caret browsing is on (F7). Not the <q> itself: Chromium
  // does not start a mouse selection inside a focusable element. The button
  // is out of sight until focused, and its words are generated content, so
  // a selection made with the mouse never holds them.
  function paragraph(text, spans) {
    var p = el('p');
    var at = 0;
    spans.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (s) {
      if (s[0] < at) return;
      p.append(text.slice(at, s[0]));
      var words = text.slice(s[0], s[1]);
      var q = el('q', 'quoted', words);
      var who = el('button', 'who');
      who.type = 'button';
      who.setAttribute('aria-label', 'Which outlets carried “' + (words.length > 80 ? words.slice(0, 79) + '…' : words) + '”?');
      p.append(q, who);
      at = s[1];
    });
    p.append(text.slice(at));
    return p;
  }

  function show(stem, focus) {
    var a = articles.find(function (x) { return x.stem === stem; }) || articles[0];
    if (!a) return;
    renderList(a.stem);
    reader.textContent = '';
    reader.append(el('h2', null, label(a)));
    var meta = el('p', 'meta');
    meta.append([a.outlet, a.published, a.byline].filter(Boolean).join(' · '));
    if (/^https?:\/\//i.test(a.url || '')) {
      meta.append(' · ');
      var link = el('a', null, 'original');
      link.href = a.url;
      link.rel = 'noopener noreferrer';
      meta.append(link);
    }
    reader.append(meta);
    var byPara = {};
    a.quotes.forEach(function (q) { (byPara[q[0]] = byPara[q[0]] || []).push([q[1], q[2]]); });
    a.paragraphs.forEach(function (text, i) { reader.append(paragraph(text, byPara[i] || [])); });
    if (focus) reader.focus();
  }

  fetch('articles.json').then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }).then(function (data) {
    describe(data);
    articles = data.articles || [];
    show(decodeURIComponent(location.hash.slice(1)), false);
    window.addEventListener('hashchange', function () { show(decodeURIComponent(location.hash.slice(1)), true); });
  }).catch(function (err) {
    reader.textContent = '';
    reader.append(el('p', null, 'The articles could not be loaded (' + err.message + '). Run `make build` and serve dist/.'));
  });

  // Offline after the first visit: the demo registers its service worker.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(function () { /* the demo works online without it */ });
  }

  // A quotation's button opens its card beside the quotation, with focus
  // in it; Escape brings focus back to the button.
  reader.addEventListener('click', function (ev) {
    var who = ev.target.closest && ev.target.closest('button.who');
    var q = who && who.previousElementSibling;
    if (!q || !window.quotetrail || !window.quotetrail.show) return;
    window.quotetrail.show(q.textContent.replace(/\s+/g, ' ').trim(), q.getBoundingClientRect(), { focus: true });
  });

  document.getElementById('paste-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var box = document.getElementById('paste-text');
    var text = box.value.trim();
    if (!text || !window.quotetrail) return;
    // Anchor below the whole form, so the card never covers the button.
    window.quotetrail.show(text, ev.currentTarget.getBoundingClientRect());
  });
})();
