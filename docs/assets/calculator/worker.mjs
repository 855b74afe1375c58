// The calculator's Python runtime, in a module Web Worker so the page never freezes.
//
// Messages in:  {id, request}            request = the same dict as the CLI's (see spec)
// Messages out: {type: "progress", step}  step = "download" | "start"
//               {type: "ready", timings}
//               {type: "error", message}  the runtime could not start
//               {id, result}              result = calculator.handle(request)
//               {id, error}               an unexpected failure for that one request
import config from "./config.mjs";

const started = performance.now();
const timings = {};
const mark = (name) => (timings[name] = Math.round(performance.now() - started));
const here = (path) => new URL(path, import.meta.url).href;

// Pyodide does not settle when one of its files is missing (it only logs), so watch every
// fetch this worker makes: a failed one ends the start at once, naming the file.
let reportMissing;
const missing = new Promise((_, reject) => (reportMissing = reject));
missing.catch(() => {});
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const name = String(input?.url ?? input).split("/").pop();
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    reportMissing(new Error(`无法下载 ${name}（${error.message}）`));
    throw error;
  }
  if (!response.ok) reportMissing(new Error(`无法下载 ${name}（HTTP ${response.status}）`));
  return response;
};

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function boot() {
  if (typeof WebAssembly !== "object") throw new Error("此浏览器不支持 WebAssembly");
  postMessage({ type: "progress", step: "download" });
  const wheels = config.wheels.map((path) => fetchBytes(here(path)));
  const { loadPyodide } = await import(here(`${config.indexURL}pyodide.mjs`));
  const pyodide = await loadPyodide({ indexURL: here(config.indexURL) });
  mark("loadPyodide");
  postMessage({ type: "progress", step: "start" });
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  for (const bytes of await Promise.all(wheels)) {
    pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
  }
  const handle = pyodide.runPython(`
import json
from calculator import handle

def _handle(text):
    return json.dumps(handle(json.loads(text)), ensure_ascii=False)

_handle
`);
  mark("imported");
  return handle;
}

const ready = Promise.race([boot(), missing]);
ready.then(
  () => postMessage({ type: "ready", timings }),
  (error) => postMessage({ type: "error", message: String(error?.message ?? error) }),
);

self.onmessage = async ({ data }) => {
  const { id, request } = data;
  try {
    const handle = await ready;
    postMessage({ id, result: JSON.parse(handle(JSON.stringify(request))) });
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
};
