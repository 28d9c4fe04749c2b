// The widget's service worker: repeat visits and a real offline. Same-origin, so the strict
// CSP allows it. What it keeps:
// - the scripts and the stylesheet: fetched once per release, from the cache after that; a new
//   release is a new worker (its version below changes with the build), which replaces the
//   cached files and takes over on the next navigation. A reader's device keeps only what reading
//   needs (read.js, the stylesheet); the app (boot.js, the wasm, each screen's chunk) is kept as
//   it is first used, on the feedback form. A kiosk (registered with ?kiosk=1) runs the app all
//   day, so it keeps every chunk ahead of need;
// - the city's logo and accent style sheet (/city/…): named by what they hold, kept as first used;
// - every page and snapshot file, as last seen: always asked of the network first (a page is in
//   the reader's language, and a snapshot may be new), and served from here only when the network
//   fails. Such a page is marked, so the app or read.js says it shows a saved copy.
// The manifest (data/index.json) always goes to the network: whether it answers is how the app
// tells a live site from a saved copy.
// The API is never touched: feedback has its own outbox.
const VERSION = 'dev';
const APP_CACHE = `app-${VERSION}`;
const COPIES = 'copies';
// Each screen's code chunk and the chunk loader: written here by scripts/build-web.sh.
const CHUNK_FILES = [];
const READER_FILES = ['/read.js', '/form.js', '/style.css'];
const APP_FILES = [...READER_FILES, '/boot.js', '/card.js', '/pkg/reform_widget.js', '/pkg/reform_widget_bg.wasm', ...CHUNK_FILES];

// A kiosk fetches the whole app ahead of need, off the page's main thread, so every screen opens
// at once all day. A reader's device fetches only what reading needs, and nothing ahead of need
// when the reader asked to save data.
const kiosk = new URL(self.location.href).searchParams.has('kiosk');
const saveData = Boolean(self.navigator.connection && self.navigator.connection.saveData);

self.addEventListener('install', (event) => {
  const files = kiosk ? APP_FILES : saveData ? [] : READER_FILES;
  event.waitUntil(caches.open(APP_CACHE).then((cache) => cache.addAll(files)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== APP_CACHE && n !== COPIES).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** The page, marked as this device's saved copy (the app then shows its stale banner). */
async function markedCopy(response) {
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(html.replace('<html', '<html data-offline-copy=""'), { status: response.status, headers });
}

async function networkFirst(request, fallbackUrl) {
  const copies = await caches.open(COPIES);
  try {
    const response = await fetch(request);
    // A page the server marks no-store (a draft's preview) is never kept on the device.
    if (response.ok && !/no-store/.test(response.headers.get('cache-control') || '')) await copies.put(request, response.clone());
    return response;
  } catch (error) {
    const saved = (await copies.match(request, { ignoreVary: true })) || (fallbackUrl && (await copies.match(fallbackUrl, { ignoreVary: true })));
    if (!saved) throw error;
    return request.mode === 'navigate' ? markedCopy(saved) : saved;
  }
}

async function appFirst(request) {
  const saved = await caches.match(request, { cacheName: APP_CACHE });
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) (await caches.open(APP_CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The staff pages and drafts are never kept on a device: they go to the network as they are.
  if (request.method !== 'GET' || url.origin !== self.location.origin || /^\/(api|staff|data\/drafts)\//.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/'));
  } else if (APP_FILES.includes(url.pathname) || url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/city/')) {
    event.respondWith(appFirst(request));
  } else if (url.pathname.startsWith('/data/') && !url.pathname.endsWith('/index.json')) {
    event.respondWith(networkFirst(request));
  }
});
