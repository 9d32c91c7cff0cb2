// The service worker of the home-screen app (docs/architecture.md, D36). Nothing works offline: every page is live
// data behind a session. When the network fails, a page the user opens shows offline.html (kept at install with its
// stylesheet and the icon) instead of the browser's error; everything else goes to the network untouched and
// nothing else is cached.
'use strict';
var CACHE = 'crm-offline-v1';
var OFFLINE = new URL('offline.html', self.registration.scope).href;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll([OFFLINE, new URL('css/offline.css', self.registration.scope).href,
      new URL('icons/icon.svg', self.registration.scope).href]);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  if (event.request.mode !== 'navigate') {
    return;
  }
  event.respondWith(fetch(event.request).catch(function () {
    return caches.match(OFFLINE);
  }));
});
