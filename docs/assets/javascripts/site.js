// Site-wide, on every page: accessible names for Material's widgets, and the service worker
// that keeps the site readable (and, after one visit to it, the calculator usable) offline.

(() => {
// Material's search has role="dialog" but no name (axe: aria-dialog-name).
const label = () => {
  document.querySelector(".md-search[role='dialog']:not([aria-label])")?.setAttribute("aria-label", "搜索");
};
if (typeof document$ !== "undefined") document$.subscribe(label);
else label();

// Registered once the page has loaded, so that it never competes with the page itself.
// Not on file:// (no service workers there) and not where the browser has none.
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  const scope = new URL("../../", document.currentScript.src); // this file is assets/javascripts/site.js
  const register = () => navigator.serviceWorker.register(new URL("sw.js", scope)).catch(() => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}
})();
