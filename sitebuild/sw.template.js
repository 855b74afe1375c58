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
// - Pages: network first (a rebuilt page shows at once), the cache when offline or when the
//   server answers with an error of its own (5xx), kept under
//   their address without the query (a share link's dates and amounts are not stored, and the
//   cache holds at most one copy of each page); a page not in the cache, offline, leads to the
//   site's offline page (offline/). Everything else: any cache first, then the network.
/** @type {ServiceWorkerGlobalScope} */
const sw = /** @type {any} */ (self);
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const RUNTIME = __RUNTIME__;
/** @type {Record<string, number>} */
const SIZES = __SIZES__;
const SITE_CACHE = `site-${VERSION}`;
const RUNTIME_CACHE = "runtime";
const scope = new URL(sw.registration.scope);
/** @param {string} path */
const absolute = (path) => new URL(path, scope).href;
const runtimeUrls = new Set(RUNTIME.map(absolute));
const runtimeSizes = new Map(Object.entries(SIZES).map(([path, size]) => [absolute(path), size]));
const OFFLINE = absolute("offline/");

/**
 * This build's runtime files the cache lacks (content-addressed: after an update, a few). Each is
 * kept only as what the build made: a file of another length (cut short, an error page served
 * with 200) is not kept. Resolves with whether every file is kept.
 */
async function completeRuntime() {
  const cache = await caches.open(RUNTIME_CACHE);
  let whole = true;
  for (const url of runtimeUrls) {
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { cache: "no-cache" });
      const data = response.ok ? await response.arrayBuffer() : null;
      if (!data || data.byteLength !== runtimeSizes.get(url)) throw new Error(`${url}: not as built`);
      const type = response.headers.get("content-type") ?? "application/octet-stream";
      await cache.put(url, new Response(data, { headers: { "content-type": type } }));
    } catch (error) {
      console.warn(error);
      whole = false;
    }
  }
  return whole;
}

sw.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(SITE_CACHE)).addAll(PRECACHE.map(absolute));
      if (sw.registration.active) {
        // An update, where the calculator was used: have this build's runtime before taking over.
        const used = (await (await caches.open(RUNTIME_CACHE)).keys()).length;
        if (used && !(await completeRuntime())) throw new Error("this build's runtime did not arrive whole");
      } else {
        // The first worker of this browser takes over at once: there is no older one to mix with.
        await sw.skipWaiting();
      }
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
  // only from a page of this build (it names its worker): another build's runtime is not kept
  if (event.data?.type === "cache-runtime" && runtimeUrls.has(event.data.worker)) event.waitUntil(completeRuntime());
  if (event.data?.type === "skip-waiting") event.waitUntil(sw.skipWaiting());
});

/**
 * @param {FetchEvent} event
 * @param {Request} request
 */
async function fromNetworkFirst(event, request) {
  const page = new URL(request.url);
  page.search = "";
  page.hash = "";
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      // stored beside the reader's page, not before it: the page shows as its bytes arrive
      event.waitUntil(caches.open(SITE_CACHE).then((cache) => cache.put(page.href, copy)).catch(() => {}));
    } else if (response.status >= 500) {
      // the server is failing (a 404 is an answer about the page, this is not): the kept copy
      // is better than its error page
      const cached = await caches.match(page.href);
      if (cached) return cached;
    }
    return response;
  } catch (error) {
    // this build's copy, or another build's (a newer one waiting to take over)
    const cached = await caches.match(page.href);
    if (cached) return cached;
    // a page not kept: the offline page, at its own address (its links, styles and scripts are
    // relative to it), told which page was asked for (it offers the way back)
    if (request.mode === "navigate" && (await caches.match(OFFLINE))) {
      return Response.redirect(`${OFFLINE}?from=${encodeURIComponent(request.url)}`, 302);
    }
    throw error;
  }
}

/**
 * Any cache's copy (names carry a version or a content hash), else the network. The runtime's
 * files are kept as they pass, except the parts of its big files: the calculator's worker keeps
 * those itself, and a part must reach it as its bytes arrive.
 * @param {FetchEvent} event
 * @param {Request} request
 */
async function fromCacheFirst(event, request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  const url = new URL(request.url);
  if (response.ok && runtimeUrls.has(url.href) && !url.pathname.endsWith(".part")) {
    const copy = response.clone();
    event.waitUntil(caches.open(RUNTIME_CACHE).then((cache) => cache.put(request, copy)).catch(() => {}));
  }
  return response;
}

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  const url = new URL(request.url);
  if (request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html")) {
    event.respondWith(fromNetworkFirst(event, request));
  } else {
    event.respondWith(fromCacheFirst(event, request));
  }
});
