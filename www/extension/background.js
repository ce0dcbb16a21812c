/* quotetrail extension background: runs the engine (wasm) with the seed
 * index packed in the extension, answers the content script's lookups,
 * and offers a context-menu item and a keyboard command. Nothing leaves
 * the machine: the engine and the index are extension files. */
'use strict';
if (typeof self.Go !== 'function') importScripts('wasm_exec.js'); // Chromium; Firefox lists it in background.scripts

var api = typeof browser !== 'undefined' ? browser : chrome;
var ready = null;

function engine() {
  if (ready) return ready;
  ready = (async function () {
    var idx = new Uint8Array(await (await fetch(api.runtime.getURL('index.qti'))).arrayBuffer());
    var go = new self.Go();
    var wasm = await (await fetch(api.runtime.getURL('engine.wasm'))).arrayBuffer();
    var inst = (await WebAssembly.instantiate(wasm, go.importObject)).instance;
    await new Promise(function (resolve, reject) {
      self.quotetrail = { engine: { index: idx, onready: resolve } };
      Promise.resolve(go.run(inst)).then(function () { reject(new Error('the engine stopped')); }, reject);
    });
    if (self.quotetrail.engine.error) throw new Error(self.quotetrail.engine.error);
    return self.quotetrail.engine;
  })();
  ready.catch(function () { ready = null; });
  return ready;
}

api.runtime.onMessage.addListener(function (msg, sender, reply) {
  if (!msg || msg.type !== 'lookup') return false;
  engine().then(function (e) { reply({ result: e.lookup(String(msg.text).slice(0, 4000)) }); },
    function (err) { reply({ error: String(err && err.message || err) }); });
  return true; // the reply comes later
});

api.runtime.onInstalled.addListener(function () {
  api.contextMenus.create({ id: 'quotetrail', title: 'Look up with quotetrail', contexts: ['selection'] });
});
api.contextMenus.onClicked.addListener(function (info, tab) {
  // Tabs opened before the extension have no content script: nothing to do there.
  if (info.menuItemId === 'quotetrail' && tab && tab.id >= 0) Promise.resolve(api.tabs.sendMessage(tab.id, { type: 'show', text: info.selectionText })).catch(function () {});
});
api.commands.onCommand.addListener(function (command, tab) {
  if (command !== 'quotetrail-lookup') return;
  var send = function (t) { if (t && t.id >= 0) Promise.resolve(api.tabs.sendMessage(t.id, { type: 'show-selection' })).catch(function () {}); };
  if (tab) send(tab); else api.tabs.query({ active: true, currentWindow: true }).then(function (ts) { send(ts[0]); });
});
