/* The demo's service worker: after the first visit the demo works with the
 * network cut. Network first, so a rebuilt site is seen at once; the cache
 * answers when the network does not. */
'use strict';
var CACHE = 'quotetrail-demo-v1'; // a new name when the set of files changes
var FILES = ['./', 'index.html', 'demo.css', 'demo.js', 'quotetrail.js', 'quotetrail-worker.js', 'wasm_exec.js',
  'engine.wasm', 'index.qti', 'articles.json'];

self.addEventListener('install', function (ev) {
  ev.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(FILES); }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener('activate', function (ev) {
  ev.waitUntil(caches.keys().then(function (ks) {
    return Promise.all(ks.filter(function (k) { return k.indexOf('quotetrail-demo') === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener('fetch', function (ev) {
  var req = ev.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  ev.respondWith(fetch(req).then(function (resp) {
    if (resp.status === 200) {
      var copy = resp.clone();
      ev.waitUntil(caches.open(CACHE).then(function (c) { return c.put(req, copy); }).catch(function () {}));
    }
    return resp;
  }).catch(function () {
    return caches.match(req, { ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
  }));
});
