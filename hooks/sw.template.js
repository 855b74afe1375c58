// The site's service worker, written by hooks/service_worker.py at build time.
//
// - Pages, styles, scripts and the search index are cached when it installs, in a cache named
//   by this build's version; caches of other builds are deleted when it activates.
// - The Python runtime is never fetched by it for a docs page: it is cached on first use, when
//   the calculator page loads it (or asks for it with {type: "cache-runtime"}). Its files are
//   content-addressed, so one "runtime" cache survives builds; entries no build lists are dropped.
// - Pages: network first (a rebuilt page shows at once), the cache when offline; a page not in
//   the cache, offline, gets the site's offline page (offline/) in its place.
//   Everything else: the cache first, then the network.
// @ts-check
/** @type {ServiceWorkerGlobalScope} */
const sw = /** @type {any} */ (self);
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const RUNTIME = __RUNTIME__;
const SITE_CACHE = `site-${VERSION}`;
const RUNTIME_CACHE = "runtime";
const scope = new URL(sw.registration.scope);
const absolute = (path) => new URL(path, scope).href;
const runtimeUrls = new Set(RUNTIME.map(absolute));
const OFFLINE = absolute("offline/");

sw.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SITE_CACHE)
      .then((cache) => cache.addAll(PRECACHE.map(absolute)))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== SITE_CACHE && name !== RUNTIME_CACHE) await caches.delete(name);
      }
      const runtime = await caches.open(RUNTIME_CACHE);
      for (const request of await runtime.keys()) {
        if (!runtimeUrls.has(request.url)) await runtime.delete(request);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener("message", (event) => {
  if (event.data?.type === "cache-runtime") {
    event.waitUntil(
      caches.open(RUNTIME_CACHE).then(async (cache) => {
        for (const url of runtimeUrls) {
          if (!(await cache.match(url))) await cache.add(url);
        }
      }),
    );
  }
});

async function fromNetworkFirst(request) {
  const cache = await caches.open(SITE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(request)) ?? (await cache.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    if (request.mode === "navigate") {
      const fallback = await offlinePage(cache);
      if (fallback) return fallback;
    }
    throw error;
  }
}

/** The offline page, shown at the address that could not be reached: a <base> keeps its links,
 *  styles and scripts pointing where they are. */
async function offlinePage(cache) {
  const page = await cache.match(OFFLINE);
  if (!page) return null;
  const html = (await page.text()).replace(/<head>/i, `<head><base href="${OFFLINE}">`);
  return new Response(html, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}

async function fromCacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && cacheName === RUNTIME_CACHE) cache.put(request, response.clone());
  return response;
}

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  const url = new URL(request.url);
  url.hash = "";
  if (runtimeUrls.has(url.href)) {
    event.respondWith(fromCacheFirst(request, RUNTIME_CACHE));
  } else if (request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html")) {
    event.respondWith(fromNetworkFirst(request));
  } else {
    event.respondWith(fromCacheFirst(request, SITE_CACHE));
  }
});
