/* The demo page: says what its corpus is, lists the corpus articles a page
 * at a time (or those an outlet, date or title search finds), shows one
 * at a time as readable text with its quotations underlined, and looks up
 * pasted text. It reads the small files `quotetrail build` writes under
 * demo/ (internal/build/demo.go): start.json first (the -name and -about
 * the build was given, or a description counted from the corpus; the
 * article count; the list's page names and its first page), then a list
 * page when the reader turns to it or searches, and an article's text
 * file when the reader opens it. So the page opens at once whatever the
 * corpus's size. All corpus text, name and description included, is set
 * with textContent, never as HTML. */
(function () {
  'use strict';
  var list = document.getElementById('article-list');
  var reader = document.getElementById('reader');
  var search = document.getElementById('article-search');
  var queryBox = document.getElementById('article-query');
  var status = document.getElementById('article-status');
  var pager = document.getElementById('article-pager');
  var start = null; // demo/start.json
  var pages = []; // pages[i]: the promise of list page i
  var known = {}; // stem → { entry: [stem, outlet, published, title, text file], page: i }
  var texts = {}; // text file → the promise of its articles' text
  var shownPage = 0; // the list page shown when no search is on
  var current = ''; // the stem of the article shown
  var found = null; // the entries a search found, while one is on
  var searchRun = 0; // bumped to stop a search whose query changed
  var showRun = 0; // bumped so that only the last article asked for is shown
  var MAX_FOUND = 100; // entries a search lists before it offers more
  var PARALLEL = 4; // list pages a search fetches at once

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // opened: the files fetched before the service worker took the page
  // over (on the first visit), fetched again through it once it has, so
  // that it keeps them for offline use too.
  var opened = [];
  var sw = 'serviceWorker' in navigator;
  function getJSON(url) {
    if (sw && !navigator.serviceWorker.controller) opened.push(url);
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
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

  function remember(entries, i) {
    entries.forEach(function (e) { known[e[0]] = { entry: e, page: i }; });
    return entries;
  }

  // page returns the promise of list page i, fetched once (again after a
  // failure).
  function page(i) {
    if (!pages[i]) {
      pages[i] = getJSON('demo/' + start.pages[i].file).then(function (p) { return remember(p, i); });
      pages[i].catch(function () { pages[i] = null; });
    }
    return pages[i];
  }

  function label(e) { return e[3] || e[1] || e[0]; }

  function renderList(entries) {
    list.textContent = '';
    entries.forEach(function (e) {
      var li = el('li');
      var link = el('a');
      link.href = '#' + encodeURIComponent(e[0]);
      if (e[0] === current) link.setAttribute('aria-current', 'page');
      link.append(el('span', 'outlet', e[1] || e[0]));
      link.append(el('span', 'sub', (e[2] ? e[2] + ' · ' : '') + (e[3] || 'untitled')));
      li.append(link);
      list.append(li);
    });
  }

  function say(text) {
    status.textContent = text || '';
    status.hidden = !text;
  }

  // showPage lists page i of the list, with the pager under it.
  function showPage(i) {
    shownPage = i;
    var n = start.pages.length;
    document.getElementById('page-at').textContent = 'Page ' + (i + 1) + ' of ' + n.toLocaleString('en-US');
    document.getElementById('page-prev').disabled = i === 0;
    document.getElementById('page-next').disabled = i === n - 1;
    return page(i).then(function (entries) {
      if (found || shownPage !== i) return;
      renderList(entries);
    }, function (err) { say('This page of the list could not be loaded (' + err.message + ').'); });
  }

  // matches tells whether every word of the query is in the entry's
  // outlet, date, title or file name, in any case.
  function matches(e, words) {
    var hay = (e[1] + ' ' + e[2] + ' ' + e[3] + ' ' + e[0]).toLowerCase();
    return words.every(function (w) { return hay.indexOf(w) >= 0; });
  }

  // find lists the articles whose outlet, date or title hold every word of
  // the query, reading the list's pages in order (a few at once), and
  // stops at MAX_FOUND with a button to go on.
  function find(query) {
    var run = ++searchRun;
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) {
      found = null;
      say('');
      pager.hidden = start.pages.length < 2;
      showPage(shownPage);
      return;
    }
    found = [];
    pager.hidden = true;
    renderList([]);
    var n = start.pages.length;
    var next = 0;
    var more = function () {
      if (run !== searchRun) return;
      var limit = found.length + MAX_FOUND;
      var step = function () {
        if (run !== searchRun) return null;
        if (next >= n) {
          say(found.length ? found.length.toLocaleString('en-US') + ' found' : 'No article found');
          return null;
        }
        if (found.length >= limit) {
          say(found.length.toLocaleString('en-US') + ' found so far');
          var go = el('button', 'more', 'Find more');
          go.type = 'button';
          go.addEventListener('click', function () { go.remove(); more(); });
          status.append(' ', go);
          return null;
        }
        say('Searching… (' + Math.round(100 * next / n) + '% of the list)');
        var batch = [];
        for (var k = 0; k < PARALLEL && next < n; k++) batch.push(page(next++));
        return Promise.all(batch).then(function (got) {
          if (run !== searchRun) return null;
          got.forEach(function (entries) {
            entries.forEach(function (e) { if (matches(e, words)) found.push(e); });
          });
          renderList(found);
          return step();
        });
      };
      var p = step();
      if (p) p.catch(function (err) { if (run === searchRun) say('The list could not be searched (' + err.message + ').'); });
    };
    more();
  }

  // locate finds the list entry of stem, reading the list's pages in order
  // when it has not been seen (an address with its #stem, opened anew).
  function locate(stem) {
    if (!stem || known[stem]) return Promise.resolve(known[stem]);
    var i = 0;
    var next = function () {
      if (known[stem] || i >= start.pages.length) return known[stem];
      return page(i++).then(next);
    };
    return Promise.resolve().then(next);
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

  function render(e, a, focus) {
    reader.textContent = '';
    reader.append(el('h2', null, label(e)));
    var meta = el('p', 'meta');
    meta.append([e[1], e[2], a.byline].filter(Boolean).join(' · '));
    if (/^https?:\/\//i.test(a.url || '')) {
      meta.append(' · ');
      var link = el('a', null, 'original');
      link.href = a.url;
      link.rel = 'noopener noreferrer';
      meta.append(link);
    }
    reader.append(meta);
    var byPara = {};
    (a.quotes || []).forEach(function (q) { (byPara[q[0]] = byPara[q[0]] || []).push([q[1], q[2]]); });
    (a.paragraphs || []).forEach(function (text, i) { reader.append(paragraph(text, byPara[i] || [])); });
    if (focus) reader.focus();
  }

  // show opens the article of stem (the first of the list when there is
  // none such): its text file is fetched now, once.
  function show(stem, focus) {
    var run = ++showRun;
    if (stem && !known[stem]) {
      reader.textContent = '';
      reader.append(el('p', 'loading', 'Finding the article…'));
    }
    return locate(stem).then(function (k) {
      k = k || known[start.first[0] && start.first[0][0]];
      if (!k || run !== showRun) return;
      var e = k.entry;
      if (!texts[e[4]]) {
        texts[e[4]] = getJSON('demo/' + e[4]);
        texts[e[4]].catch(function () { texts[e[4]] = null; });
      }
      return texts[e[4]].then(function (t) {
        if (run !== showRun) return;
        current = e[0];
        render(e, t[e[0]] || {}, focus);
        if (found) renderList(found);
        else if (k.page !== shownPage) showPage(k.page);
        else page(k.page).then(function (entries) { if (!found && shownPage === k.page) renderList(entries); });
      });
    }).catch(function (err) {
      if (run !== showRun) return;
      reader.textContent = '';
      reader.append(el('p', null, 'The article could not be loaded (' + err.message + ').'));
    });
  }

  getJSON('demo/start.json').then(function (data) {
    start = data;
    start.pages = start.pages || [];
    start.first = start.first || [];
    describe(data);
    if (start.pages.length) pages[0] = Promise.resolve(remember(start.first, 0));
    // One page lists the whole corpus: no search and no pager, the page
    // as it always was.
    if (start.pages.length > 1) {
      search.hidden = false;
      pager.hidden = false;
      showPage(0);
    } else {
      renderList(start.first);
    }
    show(decodeURIComponent(location.hash.slice(1)), false);
    window.addEventListener('hashchange', function () { show(decodeURIComponent(location.hash.slice(1)), true); });
  }).catch(function (err) {
    reader.textContent = '';
    reader.append(el('p', null, 'The articles could not be loaded (' + err.message + '). Run `make build` and serve dist/.'));
  });

  var typing = 0;
  queryBox.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(function () { find(queryBox.value); }, 250);
  });
  search.addEventListener('submit', function (ev) {
    ev.preventDefault();
    clearTimeout(typing);
    find(queryBox.value);
  });
  document.getElementById('page-prev').addEventListener('click', function () { if (shownPage > 0) showPage(shownPage - 1); });
  document.getElementById('page-next').addEventListener('click', function () { if (shownPage < start.pages.length - 1) showPage(shownPage + 1); });

  // Offline after the first visit: the demo registers its service worker.
  if (sw) {
    navigator.serviceWorker.register('sw.js').catch(function () { /* the demo works online without it */ });
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      opened.splice(0).forEach(function (u) { fetch(u).catch(function () { /* kept next time */ }); });
    });
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
