/* quotetrail engine worker: runs the wasm engine off the page's main
 * thread. The loader (quotetrail.js) sends {type:'init', base, index} and
 * then {type:'lookup', id, text}; the worker answers {type:'ready'},
 * {type:'error', message} and {type:'result', id, result}. Error messages
 * are written for readers: the card shows them as they are.
 *
 * index names the whole index (index.qti), or a folder index: the folder
 * (ending in /) or its entry file (entry.qtf). From a folder the worker
 * fetches the entry at init, fresh, and for each lookup the parts the
 * engine names, round by round (wasm/folder_js.go). */
'use strict';
var engine = null;

// MAX_INDEX: bytes of index the worker reads at most. The engine refuses a
// larger one (index.MaxBytes); reading it first would only fill the tab's
// memory.
var MAX_INDEX = 1 << 30;
var TOO_LARGE = 'The quotation index is larger than 1 GiB: quotetrail will not load it.';

// Under a page's Trusted Types (a blob worker inherits the page's policy)
// importScripts takes a TrustedScriptURL: the blob bootstrap made the
// "quotetrail" policy; a worker loaded by its URL makes it here if its own
// policy asks for one. Only this worker's own code uses it.
var policy = self.quotetrailPolicy;
if (policy === undefined) {
  try {
    policy = self.trustedTypes ? self.trustedTypes.createPolicy('quotetrail', { createScriptURL: function (u) { return u; } }) : null;
  } catch (e) { policy = null; }
}

function own(message) { var e = new Error(message); e.qt = true; return e; }
function fail(e) {
  self.postMessage({ type: 'error', message: e && e.qt ? e.message : 'quotetrail could not load its engine.' });
}

async function get(name, url, init) {
  var resp;
  try { resp = await fetch(url, init); } catch (e) { throw own('quotetrail could not load its ' + name + ' (network error).'); }
  if (!resp.ok) throw own('quotetrail could not load its ' + name + ' (HTTP ' + resp.status + ').');
  return resp;
}

// readIndex reads the index, refusing it as soon as it is known to be over
// MAX_INDEX: by its Content-Length (the compressed size where it is
// compressed), else by counting the bytes as they arrive.
async function readIndex(resp) {
  if (Number(resp.headers.get('Content-Length')) > MAX_INDEX) {
    if (resp.body) resp.body.cancel().catch(function () {});
    throw own(TOO_LARGE);
  }
  if (!resp.body || !resp.body.getReader) {
    var buf = await resp.arrayBuffer();
    if (buf.byteLength > MAX_INDEX) throw own(TOO_LARGE);
    return new Uint8Array(buf);
  }
  var reader = resp.body.getReader(), parts = [], total = 0;
  for (;;) {
    var r = await reader.read();
    if (r.done) break;
    total += r.value.byteLength;
    if (total > MAX_INDEX) {
      reader.cancel().catch(function () {});
      throw own(TOO_LARGE);
    }
    parts.push(r.value);
  }
  if (parts.length === 1) return parts[0];
  var out = new Uint8Array(total), at = 0;
  for (var i = 0; i < parts.length; i++) { out.set(parts[i], at); at += parts[i].byteLength; }
  return out;
}

// folderOf returns the URL of the folder index that url names (the folder
// or its entry file), or null when url names a whole index.
function folderOf(url) {
  var u = new URL(url);
  if (!/\/(entry\.qtf)?$/.test(u.pathname)) return null;
  u.pathname = u.pathname.replace(/entry\.qtf$/, '');
  u.search = u.hash = '';
  return u.href;
}

// Parts of a folder index being fetched, by name: two lookups at once
// fetch a part once. Parts given to the engine are kept there, and it
// names them no more.
var folder = null, inflight = {};

function part(name) {
  if (!inflight[name]) {
    inflight[name] = get('index', new URL(name, folder).href).then(readIndex);
    var done = function () { delete inflight[name]; };
    inflight[name].then(done, done);
  }
  return inflight[name];
}

// folderLookup answers text from the folder index: it fetches the parts
// the engine needs, in parallel, and gives them to it, until it answers.
async function folderLookup(text) {
  var id = engine.begin(text);
  try {
    for (var names; (names = engine.need(id)).length;) {
      engine.give(id, await Promise.all(names.map(part)));
    }
    return engine.answer(id);
  } catch (e) {
    engine.drop(id);
    return { query: text, matches: [], error: e && e.qt ? e.message : 'quotetrail could not read its index.' };
  }
}

async function init(base, indexURL) {
  try {
    folder = folderOf(indexURL);
    // The index (or the folder's entry) and the engine are fetched at
    // once, while wasm_exec.js loads. The entry names the parts of the
    // current build: it is fetched fresh (revalidated); the parts, named
    // by their content, never change.
    var idxP = folder ? get('index', new URL('entry.qtf', folder).href, { cache: 'no-cache' }).then(readIndex)
      : get('index', indexURL).then(readIndex);
    var engP = get('engine', new URL('engine.wasm', base).href).then(function (r) { return r.arrayBuffer(); });
    idxP.catch(function () {});
    engP.catch(function () {});
    var execURL = new URL('wasm_exec.js', base).href;
    importScripts(policy ? policy.createScriptURL(execURL) : execURL);
    var idx = await idxP;
    var go = new self.Go();
    var bytes = await engP;
    var inst;
    try {
      inst = (await WebAssembly.instantiate(bytes, go.importObject)).instance;
    } catch (e) {
      // Valid bytes that will not compile: the page's policy forbids it.
      throw e instanceof WebAssembly.CompileError && WebAssembly.validate(bytes) ? own('csp') : e;
    }
    await new Promise(function (resolve, reject) {
      self.quotetrail = { engine: folder ? { entry: idx, onready: resolve } : { index: idx, onready: resolve } };
      Promise.resolve(go.run(inst)).then(function () { reject(own('quotetrail: the engine stopped.')); }, reject);
    });
    if (self.quotetrail.engine.error) throw own('The quotation index could not be read: ' + self.quotetrail.engine.error);
    engine = self.quotetrail.engine;
    self.postMessage({ type: 'ready' });
  } catch (e) {
    fail(e);
  }
}

self.onmessage = function (ev) {
  var m = ev.data || {};
  if (m.type === 'init') init(m.base, m.index);
  else if (m.type === 'lookup' && engine && folder) {
    folderLookup(String(m.text)).then(function (result) {
      self.postMessage({ type: 'result', id: m.id, result: result });
    });
  } else if (m.type === 'lookup' && engine) {
    var result;
    try { result = engine.lookup(String(m.text)); } catch (e) { result = { query: String(m.text), matches: [], error: String(e) }; }
    self.postMessage({ type: 'result', id: m.id, result: result });
  }
};
