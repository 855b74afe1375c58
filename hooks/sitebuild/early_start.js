<script data-worker="__WORKER__">(() => {
  if (location.protocol === "file:" || typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  try {
    const url = new URL(document.currentScript.dataset.worker, location.href).href, queue = [];
    const worker = new Worker(url, { type: "module" });
    worker.onmessage = worker.onerror = (event) => {
      queue.push(event);
      if (event.type === "error") event.preventDefault();
    };
    window.__calculatorWorker = { url, worker, queue };
  } catch {}
})();</script>