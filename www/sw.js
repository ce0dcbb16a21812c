/* The demo's service worker: after the first visit the demo works with the
 * network cut. On install it keeps the page and demo/start.json, then what
 * start.json names for offline use: for a small corpus the engine, the
 * whole index and every article; for a large one nothing more, and the
 * list pages, articles and index parts the reader opens are kept as they
 * are fetched. Network first, so a rebuilt site is seen at once; the cache
 * answers when the network does not. Files named by their content (the
 * demo's list pages and texts, the folder index's parts) never change:
 * the cache answers for them first. */
'use strict';
var CACHE = 'quotetrail-demo-v2'; // a new name when the set of files changes
var SHELL = ['./', 'index.html', 'demo.css', 'demo.js', 'quotetrail.js', 'demo/index.js', 'demo/start.json'];
var HASHED = /\/(demo|index)\/[tqpwf]-[0-9a-f]{16}\.qtf$/;

self.addEventListener('install', function (ev) {
  ev.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(SHELL).then(function () { return c.match('demo/start.json'); }).then(function (r) {
      return r.json();
    }).then(function (start) {
      return c.addAll((start && start.offline) || []);
    });
  }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener('activate', function (ev) {
  ev.waitUntil(caches.keys().then(function (ks) {
    return Promise.all(ks.filter(function (k) { return k.indexOf('quotetrail-demo') === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener('fetch', function (ev) {
  var req = ev.request;
  var url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  var network = function () {
    return fetch(req).then(function (resp) {
      if (resp.status === 200) {
        var copy = resp.clone();
        ev.waitUntil(caches.open(CACHE).then(function (c) { return c.put(req, copy); }).catch(function () {}));
      }
      return resp;
    });
  };
  if (HASHED.test(url.pathname)) {
    ev.respondWith(caches.match(req, { ignoreSearch: true }).then(function (hit) { return hit || network(); }));
    return;
  }
  ev.respondWith(network().catch(function () {
    return caches.match(req, { ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
  }));
});
