// Service worker of the dashboard: the app's own files open without a network. It never answers anything under
// /api/ (commands, the live stream, greenhouse data) nor /q/: those always go to the server, so nothing stale is
// ever shown as live and a command is never stored or sent again from here. The last greenhouse values for offline
// use are kept by the page itself (see snapshot.js).
'use strict';

// Bump when the list below changes; an old version's cache is deleted when a new one takes over.
const CACHE = 'farm-shell-4';
// The page's modules, each of which it imports before it starts (charts.js, and seasons.js with the modules it
// imports, only when a screen needs them, but offline that screen must open too).
const SHELL = ['./', 'app.js', 'text.js', 'time.js', 'api.js', 'state.js', 'dom.js', 'announce.js', 'crops.js',
  'commands.js', 'alerts.js', 'tiles.js', 'snapshot.js', 'stream.js', 'data.js', 'lazy.js', 'harvests.js',
  'detail.js', 'reports.js', 'router.js', 'session.js', 'charts.js', 'seasons.js',
  'cycles.js', 'seasoncard.js', 'seasonlist.js', 'app.css', 'manifest.webmanifest',
  'icons/icon-192.png', 'icons/icon-512.png']
  .map(path => new URL(path, self.registration.scope).href);
const NEVER = ['api/', 'q/'].map(path => new URL(path, self.registration.scope).pathname);

self.addEventListener('install', (event) => {
  // 'no-cache' revalidates with the server: the static files are sent with a day's max-age, and a new worker must
  // not fill its cache with yesterday's copies from the HTTP cache.
  event.waitUntil(caches.open(CACHE)
    .then(cache => cache.addAll(SHELL.map(url => new Request(url, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key !== CACHE).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin
      || NEVER.some(prefix => url.pathname.startsWith(prefix))) {
    return; // the browser fetches it as if there were no worker
  }
  // A webjar's path names its version, so a cached copy is never out of date.
  event.respondWith(url.pathname.includes('/webjars/') ? cacheFirst(event) : networkFirst(event));
});

// The server's copy when it answers, so an updated cloud is seen at once; the cached one when it does not.
async function networkFirst(event) {
  const request = event.request;
  const page = request.mode === 'navigate';
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    keep(event, response);
    return response;
  } catch (offline) {
    // Any page of the app opens the dashboard, which routes by the part after '#'.
    const cached = await caches.match(request, { ignoreSearch: page }) || (page && await caches.match(SHELL[0]));
    if (cached) return cached;
    throw offline;
  }
}

async function cacheFirst(event) {
  const cached = await caches.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  keep(event, response);
  return response;
}

function keep(event, response) {
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then(cache => cache.put(event.request.url, copy)));
  }
}
