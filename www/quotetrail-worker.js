/* quotetrail engine worker: runs the wasm engine off the page's main
 * thread. The loader (quotetrail.js) sends {type:'init', base, index} and
 * then {type:'lookup', id, text}; the worker answers {type:'ready'},
 * {type:'error', message} and {type:'result', id, result}. */
'use strict';
var engine = null, pending = [];

function fail(message) { self.postMessage({ type: 'error', message: String(message) }); }

async function init(base, indexURL) {
  try {
    importScripts(new URL('wasm_exec.js', base).href);
    var resp = await fetch(indexURL);
    if (!resp.ok) throw new Error('index: HTTP ' + resp.status);
    var idx = new Uint8Array(await resp.arrayBuffer());
    var go = new self.Go();
    var wasmResp = await fetch(new URL('engine.wasm', base).href);
    if (!wasmResp.ok) throw new Error('engine: HTTP ' + wasmResp.status);
    var bytes = await wasmResp.arrayBuffer();
    var inst;
    try {
      inst = (await WebAssembly.instantiate(bytes, go.importObject)).instance;
    } catch (e) {
      // Valid bytes that will not compile: the page's policy forbids it.
      throw e instanceof WebAssembly.CompileError && WebAssembly.validate(bytes) ? new Error('csp') : e;
    }
    await new Promise(function (resolve, reject) {
      self.quotetrail = { engine: { index: idx, onready: resolve } };
      Promise.resolve(go.run(inst)).then(function () { reject(new Error('the engine stopped')); }, reject);
    });
    if (self.quotetrail.engine.error) throw new Error('The quotation index could not be read: ' + self.quotetrail.engine.error);
    engine = self.quotetrail.engine;
    self.postMessage({ type: 'ready' });
  } catch (e) {
    fail((e && e.message) || e);
  }
}

self.onmessage = function (ev) {
  var m = ev.data || {};
  if (m.type === 'init') init(m.base, m.index);
  else if (m.type === 'lookup' && engine) {
    var result;
    try { result = engine.lookup(String(m.text)); } catch (e) { result = { query: String(m.text), matches: [], error: String(e) }; }
    self.postMessage({ type: 'result', id: m.id, result: result });
  }
};
