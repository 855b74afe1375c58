// Names for Material widgets that have an ARIA role but no accessible name (axe: aria-dialog-name).
const label = () => {
  document.querySelector(".md-search[role='dialog']:not([aria-label])")?.setAttribute("aria-label", "搜索");
};
if (typeof document$ !== "undefined") document$.subscribe(label);
else label();
