(() => {
  // If calculator.js does not arrive or does not run (a missing or damaged file), nothing else
  // would say so: this checks, once the page has loaded, that it took the calculator over.
  addEventListener("load", () => setTimeout(() => {
    const root = /** @type {HTMLElement | null} */ (document.querySelector("[data-calculator]"));
    if (!root || "mounted" in root.dataset) return;
    root.dataset.state = "error";
    const failure = /** @type {HTMLElement | null} */ (root.querySelector("[data-load-error]"));
    const text = root.querySelector("[data-load-error-text]");
    if (failure && text) {
      text.textContent = "计算器的页面脚本没有加载成功（网站文件缺失或损坏）。请刷新页面；本站的文档照常可用。";
      failure.hidden = false;
      root.querySelector("[data-retry]")?.addEventListener("click", () => location.reload());
    }
  }, 2000));
  if (location.protocol === "file:" || typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  try {
    const script = /** @type {HTMLScriptElement} */ (document.currentScript);
    const url = new URL(script.dataset.worker ?? "", location.href).href;
    /** @type {Event[]} */
    const queue = [];
    let modules = false; // a browser without module workers never reads the option
    const worker = new Worker(url, {
      get type() {
        modules = true;
        return /** @type {const} */ ("module");
      },
    });
    if (!modules) {
      worker.terminate();
      return; // calculator.js says the browser is too old
    }
    /** @param {Event} event what the worker said before calculator.js was there to hear it */
    const keep = (event) => {
      queue.push(event);
      if (event.type === "error") event.preventDefault();
    };
    worker.onmessage = keep;
    worker.onerror = keep;
    window.__calculatorWorker = { url, worker, queue };
    // The download begins once the page's own scripts (at the end of the body, after the styles)
    // have run: on a slow link they come first, and calculator.js is there to show the bytes.
    /** @type {WorkerRequest} */
    const start = { type: "start" };
    document.addEventListener("DOMContentLoaded", () => worker.postMessage(start));
  } catch {
    // calculator.js starts the worker itself, and says what went wrong
  }
})();
