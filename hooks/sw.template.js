// The site's service worker, written by hooks/service_worker.py at build time.
// @ts-check
//
// - Pages, styles, scripts and the search index are cached when it installs, in a cache named
//   by this build's version; caches of other builds are deleted when it activates. The site's
//   own scripts and styles are listed, and asked for, with their version (?v=<hash>).
// - The Python runtime is never fetched by it for a docs page: it is cached when the calculator
//   first uses it (the worker keeps the parts it downloads; the page then asks this worker to
//   cache the rest with {type: "cache-runtime"}). Its files are content-addressed, so one
//   "runtime" cache holds them across builds.
// - A new build's worker waits: the page says "有新版本，刷新后使用" and, when the reader clicks,
//   asks it to take over ({type: "skip-waiting"}). Where the calculator was used, it fetches
//   this build's runtime before it takes over, and only then drops what no build lists: the
//   calculator keeps working offline across the update.
// - Pages: network first (a rebuilt page shows at once), the cache when offline, kept under
//   their address without the query (a share link's dates and amounts are not stored, and the
//   cache holds at most one copy of each page); a page not in the cache, offline, gets the
//   site's offline page (offline/). Everything else: the cache first, then the network.
/** @type {ServiceWorkerGlobalScope} */
const sw = /** @type {any} */ (self);
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const RUNTIME = __RUNTIME__;
const SITE_CACHE = `site-${VERSION}`;
const RUNTIME_CACHE = "runtime";
const scope = new URL(sw.registration.scope);
/** @param {string} path */
const absolute = (path) => new URL(path, scope).href;
const runtimeUrls = new Set(RUNTIME.map(absolute));
const OFFLINE = absolute("offline/");

/** This build's runtime files the cache lacks (content-addressed: after an update, a few). */
async function completeRuntime() {
  const cache = await caches.open(RUNTIME_CACHE);
  for (const url of runtimeUrls) {
    if (!(await cache.match(url))) await cache.add(url);
  }
}

sw.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(SITE_CACHE)).addAll(PRECACHE.map(absolute));
      // The calculator was used here: have this build's runtime before taking over.
      if ((await (await caches.open(RUNTIME_CACHE)).keys()).length) await completeRuntime();
      // The first worker of this browser takes over at once: there is no older one to mix with.
      if (!sw.registration.active) await sw.skipWaiting();
    })(),
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
  if (event.data?.type === "cache-runtime") event.waitUntil(completeRuntime());
  if (event.data?.type === "skip-waiting") event.waitUntil(sw.skipWaiting());
});

/** @param {Request} request */
async function fromNetworkFirst(request) {
  const cache = await caches.open(SITE_CACHE);
  const page = new URL(request.url);
  page.search = "";
  page.hash = "";
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(page.href, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(page.href);
    if (cached) return cached;
    if (request.mode === "navigate") {
      const fallback = await offlinePage(cache);
      if (fallback) return fallback;
    }
    throw error;
  }
}

/**
 * The offline page, shown at the address that could not be reached: a <base> keeps its links,
 * styles and scripts pointing where they are.
 * @param {Cache} cache
 */
async function offlinePage(cache) {
  const page = await cache.match(OFFLINE);
  if (!page) return null;
  const html = (await page.text()).replace(/<head>/i, `<head><base href="${OFFLINE}">`);
  return new Response(html, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}

/**
 * @param {Request} request
 * @param {string} cacheName
 */
async function fromCacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && cacheName === RUNTIME_CACHE) await cache.put(request, response.clone());
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
