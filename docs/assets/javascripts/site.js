// @ts-check
// Site-wide, on every page: accessible names for Material's widgets, and the service worker
// that keeps the site readable (and, after one visit to it, the calculator usable) offline.

(() => {
// Material's search has role="dialog" but no name (axe: aria-dialog-name).
const label = () => {
  document.querySelector(".md-search[role='dialog']:not([aria-label])")?.setAttribute("aria-label", "搜索");
};
if (typeof document$ !== "undefined") document$.subscribe(label);
else label();

// On paper, the notice line ends with the page's address as it is now: on the calculator, the
// share link of the answer shown (calculator.js keeps it in the address bar).
// Links to other sites print their address (print.css); Material's instant navigation has made
// this site's own links absolute too, so they are marked to print as words only.
addEventListener("beforeprint", () => {
  for (const node of document.querySelectorAll("[data-print-url]")) node.textContent = location.href;
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll(".md-typeset a[href]"))) {
    if (link.origin === location.origin) link.dataset.internal = "";
  }
});

// The offline page (sw.js sends a page it does not keep there, ?from=<that page>): the way back,
// once online. Only to a page of this site that its own navigation lists, and named by that
// link's words: nothing from the address is shown (it could say anything).
const offlineReturn = () => {
  const box = document.querySelector("[data-offline-return]");
  const from = new URLSearchParams(location.search).get("from");
  const link = box?.querySelector("a");
  if (!(box instanceof HTMLElement) || !link || !from) return;
  let target;
  try {
    target = new URL(from, location.href);
  } catch {
    return;
  }
  if (target.origin !== location.origin) return;
  const pages = /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll(".md-nav__link[href]"));
  const page = [...pages].find((item) => new URL(item.href).pathname === target.pathname);
  if (!page) return;
  link.href = new URL(target.pathname, location.origin).href;
  link.textContent = page.textContent?.trim() ?? "";
  box.hidden = false;
};
if (typeof document$ !== "undefined") document$.subscribe(offlineReturn);
else offlineReturn();

// Registered once the page has loaded, so that it never competes with the page itself; on the
// calculator page, once the calculator is ready or has failed (its event), so that caching the
// site does not slow the runtime's download on a slow link. Whatever the calculator does: if its
// script never ran (not loaded, refused), at once; if it never settles, after a while. Not on
// file:// and not where there is none.
const SETTLE_WAIT_MS = 60000;
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  const scope = new URL("../../", /** @type {HTMLScriptElement} */ (document.currentScript).src); // this file is assets/javascripts/site.js
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    navigator.serviceWorker
      .register(new URL("sw.js", scope))
      .then(offerUpdate)
      .catch(() => {});
  };
  const afterLoad = () => {
    const calculator = /** @type {HTMLElement | null} */ (document.querySelector("[data-calculator]"));
    if (calculator && "mounted" in calculator.dataset && calculator.dataset.state === "loading") {
      addEventListener("calculator:settled", register, { once: true });
      setTimeout(register, SETTLE_WAIT_MS);
    } else {
      register();
    }
  };
  if (document.readyState === "complete") afterLoad();
  else addEventListener("load", afterLoad, { once: true });
}

// A new build's service worker waits (sw.js): say so, and take it in when the reader asks.
/** @param {ServiceWorkerRegistration} registration */
function offerUpdate(registration) {
  const offer = () => {
    if (registration.waiting && navigator.serviceWorker.controller) showUpdate(registration);
  };
  offer();
  registration.addEventListener("updatefound", () => {
    const coming = registration.installing;
    coming?.addEventListener("statechange", () => {
      if (coming.state === "installed") offer();
    });
  });
}

/** @param {ServiceWorkerRegistration} registration */
function showUpdate(registration) {
  if (document.querySelector("[data-site-update]")) return;
  // Whichever tab the reader clicks in, every tab showing this loads again under the new worker.
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "刷新";
  const text = document.createElement("span");
  text.textContent = "有新版本，刷新后使用。";
  const box = document.createElement("div");
  box.className = "site-update md-typeset";
  box.dataset.siteUpdate = "";
  box.setAttribute("role", "status");
  box.append(text, button);
  button.addEventListener("click", () => {
    button.disabled = true;
    // the worker waiting now (a newer one may have replaced the one announced); none: it has
    // already taken over in another tab, and a reload is all that is left to do
    const waiting = registration.waiting;
    if (waiting) waiting.postMessage({ type: "skip-waiting" });
    else location.reload();
  });
  document.body.append(box);
}
})();
