/* quotetrail extension background: runs the engine (wasm) on the seed
 * index packed in the extension and on the indexes the reader added on the
 * options page, answers the content script's lookups with their carriers
 * merged (each marked with the index it came from), and offers a
 * context-menu item and a keyboard command.
 *
 * Permissions (manifest.json), each for one reason:
 * - activeTab + scripting: the context menu and the shortcut are the
 *   reader's gesture; only then is the widget (quotetrail.js) put into
 *   that one tab. No page is read otherwise.
 * - optional host permissions: http and https of every site only when the
 *   reader turns on automatic cards (the widget is then registered as a
 *   content script on every page); one origin for each index the reader
 *   adds (its host is the only one asked).
 * - storage: the reader's two settings (automatic cards, index URLs).
 * - contextMenus: the "Look up with quotetrail" item.
 * The selection never leaves the browser: the engine runs here, and an
 * added index is fetched whole (index.qti) or by parts named by the
 * engine (a folder index), never with the selection in the request. */
'use strict';
if (typeof self.Go !== 'function') importScripts('wasm_exec.js'); // Chromium; Firefox lists it in background.scripts

var api = typeof browser !== 'undefined' ? browser : chrome;
var ALL_SITES = ['http://*/*', 'https://*/*'];
var AUTO_ID = 'quotetrail-auto';
var BUNDLED = 'built-in';
// MAX_INDEX: bytes of an index read at most; the engine refuses more.
var MAX_INDEX = 1 << 30;
var DEFAULTS = { auto: false, indexes: [] };

function settings() { return api.storage.local.get(DEFAULTS); }

// originOf is the host permission an index URL needs: its scheme and host
// (any port: Firefox's match patterns have none).
function originOf(url) {
  var u = new URL(url);
  return u.protocol + '//' + u.hostname + '/*';
}

// labelOf names an index on the card: its host and folder.
function labelOf(url) {
  var u = new URL(url);
  return u.host + u.pathname.replace(/\/(index\.qti|entry\.qtf)?$/, '');
}

// folderOf returns the folder a folder index's URL names (the folder,
// ending in /, or its entry.qtf), or null for a whole index (index.qti).
function folderOf(url) {
  var u = new URL(url);
  if (!/\/(entry\.qtf)?$/.test(u.pathname)) return null;
  u.pathname = u.pathname.replace(/entry\.qtf$/, '');
  u.search = u.hash = '';
  return u.href;
}

async function bytes(url, init) {
  var resp = await fetch(url, init);
  if (!resp.ok) throw new Error(url + ': HTTP ' + resp.status);
  if (Number(resp.headers.get('Content-Length')) > MAX_INDEX) throw new Error(url + ': larger than 1 GiB');
  var buf = await resp.arrayBuffer();
  if (buf.byteLength > MAX_INDEX) throw new Error(url + ': larger than 1 GiB');
  return new Uint8Array(buf);
}

// startEngine runs one Go instance of the engine on spec ({index} or
// {entry}); each index has its own. The engine reads
// self.quotetrail.engine when it starts, so starts are one at a time.
var wasm = null, starting = Promise.resolve();
function startEngine(spec) {
  var next = starting.then(async function () {
    if (!wasm) wasm = bytes(api.runtime.getURL('engine.wasm')).catch(function (e) { wasm = null; throw e; });
    var go = new self.Go();
    var inst = (await WebAssembly.instantiate(await wasm, go.importObject)).instance;
    var eng = spec;
    await new Promise(function (resolve, reject) {
      eng.onready = resolve;
      self.quotetrail = { engine: eng };
      Promise.resolve(go.run(inst)).then(function () { reject(new Error('the engine stopped')); }, reject);
    });
    if (eng.error) throw new Error(eng.error);
    return eng;
  });
  starting = next.catch(function () {});
  return next;
}

// openIndex loads the index at url and returns its lookup function: the
// whole index at once, or a folder index's entry now and, per lookup, the
// parts the engine names, fetched in parallel round by round.
async function openIndex(url) {
  var folder = folderOf(url);
  if (!folder) {
    var whole = await startEngine({ index: await bytes(url) });
    return function (text) { return whole.lookup(text); };
  }
  var eng = await startEngine({ entry: await bytes(new URL('entry.qtf', folder).href, { cache: 'no-cache' }) });
  var inflight = {};
  var part = function (name) {
    if (!inflight[name]) {
      inflight[name] = bytes(new URL(name, folder).href);
      var done = function () { delete inflight[name]; };
      inflight[name].then(done, done);
    }
    return inflight[name];
  };
  return async function (text) {
    var id = eng.begin(text);
    try {
      for (var names; (names = eng.need(id)).length;) eng.give(id, await Promise.all(names.map(part)));
      return eng.answer(id);
    } catch (e) {
      eng.drop(id);
      throw e;
    }
  };
}

// engines: the lookup function of each index by URL, loaded on first use
// and kept while the background lives. A failed one is tried again on the
// next lookup.
var engines = {};
function engineFor(url) {
  if (!engines[url]) {
    engines[url] = openIndex(url);
    engines[url].catch(function () { delete engines[url]; });
  }
  return engines[url];
}

// lookupAll asks the bundled index and every added index whose host the
// reader still allows, and merges their carriers: each match says which
// index it came from (index); an article that two indexes both hold is
// listed once, naming both. It fails only when no index answered.
async function lookupAll(text) {
  var s = await settings();
  var sources = [{ label: BUNDLED, url: api.runtime.getURL('index.qti') }];
  for (var i = 0; i < s.indexes.length; i++) {
    var u = s.indexes[i];
    if (await api.permissions.contains({ origins: [originOf(u)] })) sources.push({ label: labelOf(u), url: u });
  }
  var answers = await Promise.allSettled(sources.map(function (src) {
    return engineFor(src.url).then(async function (look) {
      var r = await look(text);
      if (!r || r.error) throw new Error((r && r.error) || 'no answer');
      return r;
    });
  }));
  var merged = { query: text, matches: [], truncated: false }, byKey = {}, failed = [], why = '';
  answers.forEach(function (a, k) {
    if (a.status !== 'fulfilled') {
      failed.push(sources[k].label);
      why = why || String(a.reason && a.reason.message || a.reason);
      delete engines[sources[k].url]; // loaded again on the next lookup (a rebuilt folder, a server back)
      return;
    }
    merged.query = a.value.query;
    merged.truncated = merged.truncated || !!a.value.truncated;
    a.value.matches.forEach(function (m) {
      var key = m.url ? m.url + '\n' + m.quote : '';
      if (key && byKey[key]) {
        byKey[key].index += ', ' + sources[k].label;
        return;
      }
      m.index = sources[k].label;
      if (key) byKey[key] = m;
      merged.matches.push(m);
    });
  });
  if (failed.length === sources.length) throw new Error(why);
  // Reports apart from copies are counted within one index: with one
  // answer its count stands; across indexes it is not known.
  if (sources.length - failed.length === 1) answers.forEach(function (a) { if (a.status === 'fulfilled' && typeof a.value.independent === 'number') merged.independent = a.value.independent; });
  // The best match first, whatever index it came from (a stable sort: an
  // index's own order is kept between equal scores).
  merged.matches.sort(function (a, b) { return (b.score || 0) - (a.score || 0); });
  if (failed.length) merged.unavailable = failed;
  return merged;
}

// automatic: whether cards may open by themselves (the reader chose it on
// the options page and granted every site).
async function automatic() {
  var s = await settings();
  return !!s.auto && await api.permissions.contains({ origins: ALL_SITES });
}

// syncAuto registers the widget as a content script on every page exactly
// when cards may open by themselves.
async function syncAuto() {
  var want = await automatic();
  var have = (await api.scripting.getRegisteredContentScripts({ ids: [AUTO_ID] })).length > 0;
  if (want && !have) {
    await api.scripting.registerContentScripts([{ id: AUTO_ID, matches: ALL_SITES, js: ['quotetrail.js'], runAt: 'document_idle', persistAcrossSessions: true }]);
  } else if (!want && have) {
    await api.scripting.unregisterContentScripts({ ids: [AUTO_ID] });
  }
}
var syncing = Promise.resolve();
function resync() {
  syncing = syncing.then(syncAuto).catch(function (e) { console.warn('quotetrail: automatic cards:', e); });
  return syncing;
}

api.runtime.onMessage.addListener(function (msg, sender, reply) {
  if (!msg || msg.type !== 'lookup') return false;
  (async function () {
    // A selection nobody asked about is looked up only when the reader
    // chose automatic cards: a page the widget was put into by the menu
    // or the shortcut keeps quiet after that.
    if (msg.auto && !(await automatic())) return { result: { query: '', matches: [] } };
    return { result: await lookupAll(String(msg.text).slice(0, 4000)) };
  })().then(reply, function (err) { reply({ error: String(err && err.message || err) }); });
  return true; // the reply comes later
});

// ask puts the widget into the tab (activeTab: the reader's gesture allows
// it) and tells it what to show. Pages no extension may touch (the
// browser's own, a store) are left alone.
async function ask(tab, msg) {
  if (!tab || !(tab.id >= 0)) return;
  try {
    await api.scripting.executeScript({ target: { tabId: tab.id }, files: ['quotetrail.js'] });
    await api.tabs.sendMessage(tab.id, msg);
  } catch (e) { /* nothing to do there */ }
}

api.runtime.onInstalled.addListener(function () {
  api.contextMenus.create({ id: 'quotetrail', title: 'Look up with quotetrail', contexts: ['selection'] });
  resync();
});
if (api.runtime.onStartup) api.runtime.onStartup.addListener(resync);
api.storage.onChanged.addListener(function (changes) {
  if (changes.indexes) engines = {};
  resync();
});
api.permissions.onAdded.addListener(resync);
api.permissions.onRemoved.addListener(resync);
api.contextMenus.onClicked.addListener(function (info, tab) {
  if (info.menuItemId === 'quotetrail') ask(tab, { type: 'show', text: info.selectionText });
});
api.commands.onCommand.addListener(function (command, tab) {
  if (command !== 'quotetrail-lookup') return;
  if (tab) ask(tab, { type: 'show-selection' });
  else api.tabs.query({ active: true, currentWindow: true }).then(function (ts) { ask(ts[0], { type: 'show-selection' }); });
});
