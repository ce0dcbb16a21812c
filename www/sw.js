/* The demo's service worker: after the first visit the demo works with the
 * network cut. Network first, so a rebuilt site is seen at once; the cache
 * answers when the network does not. */
'use strict';
var CACHE = 'quotetrail-demo';
var FILES = ['./', 'index.html', 'demo.css', 'demo.js', 'quotetrail.js', 'quotetrail-worker.js', 'wasm_exec.js',
  'engine.wasm', 'index.qti', 'articles.json'];

self.addEventListener('install', function (ev) {
  ev.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(FILES); }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener('activate', function (ev) {
  ev.waitUntil(self.clients.claim());
});
self.addEventListener('fetch', function (ev) {
  var req = ev.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  ev.respondWith(fetch(req).then(function (resp) {
    if (resp.ok) {
      var copy = resp.clone();
      caches.open(CACHE).then(function (c) { c.put(req, copy); });
    }
    return resp;
  }).catch(function () {
    return caches.match(req, { ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
  }));
});
