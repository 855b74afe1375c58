// @ts-check
// The calculator's Python runtime, in a module Web Worker so the page never freezes.
//
// The messages in and out are typed in types/protocol.d.ts (WorkerRequest, WorkerMessage):
// a request is the same dict as the CLI's; out go progress, ready, error, and an answer or a
// failure per request. Every sentence sent is for the reader, in Chinese: the engine's own
// words (English, technical) go to the console.
//
// The fast start: config.snapshot is a memory snapshot of an interpreter that has
// already imported and warmed up `calculator` (made at build time by sitebuild/snapshot.mjs with
// Pyodide's private _loadSnapshot/_makeSnapshot API; the npm version is pinned). Started from
// it, Python needs neither its own start-up nor our wheels. If it cannot be used (missing,
// corrupt, made for another Pyodide build), the worker says so in a progress note and starts
// Python the normal way from the wheels.
// sitebuild/runtime.py puts the build's config in place of this import (types/worker.d.ts).
// @ts-expect-error: config.mjs exists only in the built site
import builtConfig from "./config.mjs";
import { expandSnapshot } from "./snapshot-format.mjs";

/** @type {WorkerConfig} */
const config = builtConfig;

/** @param {WorkerMessage} message */
function send(message) {
  postMessage(message);
}

/** An error whose message is written for the reader, in Chinese: the page shows it as it is. */
class ReaderError extends Error {}

/**
 * What the reader is told of an error: a ReaderError's own sentence; anything else (Pyodide's,
 * the browser's, a bug) goes to the console and the reader gets `fallback`.
 * @param {unknown} error
 * @param {string} fallback
 */
function forReader(error, fallback) {
  if (error instanceof ReaderError) return error.message;
  console.warn(error);
  return fallback;
}

const started = performance.now();
/** @type {Record<string, number | string>} */
const timings = {};
const mark = (/** @type {string} */ name) => (timings[name] = Math.round(performance.now() - started));
const here = (/** @type {string} */ path) => new URL(path, import.meta.url).href;

// Pyodide does not settle when one of its files is missing (it only logs), so watch every
// fetch this worker makes: a failed one ends the start at once, naming the file.
/** @type {(error: unknown) => void} */
let reportMissing = () => {};
const missing = new Promise((_, reject) => (reportMissing = reject));
missing.catch(() => {});
const realFetch = self.fetch.bind(self);
const optional = new Set(); // URLs whose failure has a fallback (the snapshot)
// Started from the snapshot, Python has already imported all it needs: the standard library
// file is only a safety net for a later import. So Pyodide gets an empty zip at start (served
// here, no request) and the real one is written in its place once the worker is ready.
const OFFLINE = "现在离线，而计算器的运行环境还没有完整地存到这台设备上。本站的文档照常可读。";
/** A download that broke off: what went wrong online, or that the device is offline. @param {string} online */
const cut = (/** @type {string} */ online) => new ReaderError(self.navigator.onLine ? online : OFFLINE);
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]);
const DEFERRED_STDLIB = here("deferred-stdlib.zip");

// ---------------------------------------------------------------- the big files, in parts
//
// pyodide.asm.wasm and snapshot.bin come in parts of 2 MiB (sitebuild/runtime.py): each finished
// part is kept in Cache Storage ("runtime", the cache the service worker keeps the runtime in),
// so a download cut short resumes at the part it stopped in, even before the service worker is
// installed. The page hears the bytes as they arrive: {type: "progress", loaded, total}, in
// bytes on the wire; it gives up only when they stop coming.
/** @typedef {{url: string, size: number, transfer: number}} Part one part of a big file */
/** @type {Map<string, Part[]>} */
const PARTS = new Map(
  Object.entries(config.parts ?? {}).map(([url, parts]) => [
    here(url),
    parts.map(([part, size, transfer]) => ({ url: here(part), size, transfer })),
  ]),
);
const bytes = { loaded: 0, total: 0, parts: 0, done: 0, posted: 0 };
for (const parts of PARTS.values()) {
  bytes.parts += parts.length;
  for (const part of parts) bytes.total += part.transfer;
}
const store = self.caches ? caches.open("runtime").catch(() => null) : Promise.resolve(null);

/** @param {number} count bytes more on the wire */
function arrived(count) {
  bytes.loaded += count;
  const now = performance.now();
  if (now - bytes.posted < 200 && bytes.done < bytes.parts) return;
  bytes.posted = now;
  send({ type: "progress", step: "download", loaded: Math.round(bytes.loaded), total: bytes.total });
}

function partDone() {
  bytes.done += 1;
  arrived(0);
  if (bytes.done === bytes.parts) send({ type: "progress", step: "start" });
}

/** @param {unknown} error what was thrown */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

const fileName = (/** @type {string} */ url) => decodeURIComponent(url.split("/").pop() ?? "");

/** @param {Part} part */
async function loadPart(part) {
  const name = fileName(part.url);
  const cache = await store;
  const kept = await cache?.match(part.url).catch(() => undefined);
  const keptData = kept ? await kept.arrayBuffer().catch(() => null) : null;
  if (keptData && keptData.byteLength === part.size) {
    arrived(part.transfer);
    partDone();
    return new Uint8Array(keptData);
  }
  let response;
  try {
    response = await realFetch(part.url);
  } catch {
    throw cut(`无法下载 ${name}（网络中断）`);
  }
  if (!response.ok) throw new ReaderError(`无法下载 ${name}（HTTP ${response.status}）`);
  // what really comes over the wire: the compressed length, when the server says it
  const length = Number(response.headers.get("content-length"));
  if (length > 0 && response.headers.has("content-encoding")) {
    bytes.total += length - part.transfer;
    part.transfer = length;
  } else if (length === part.size) {
    bytes.total += length - part.transfer;
    part.transfer = length;
  }
  const data = new Uint8Array(part.size);
  let at = 0;
  const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      throw cut(`${name} 没有下载完（网络中断）`);
    }
    if (chunk.done) break;
    if (at + chunk.value.length > part.size) throw new ReaderError(`${name} 比应有的大，文件不对`);
    data.set(chunk.value, at);
    at += chunk.value.length;
    arrived((chunk.value.length * part.transfer) / part.size);
  }
  if (at !== part.size) throw new ReaderError(`${name} 不完整（${at} / ${part.size} 字节）`);
  cache?.put(part.url, new Response(data)).catch(() => {}); // a full disk costs only the resume
  partDone();
  return data;
}

// Each part is loaded once per worker: a second start (after a refused snapshot) reuses it.
/** @type {Map<string, Promise<Uint8Array>>} */
const partLoads = new Map();

/** @param {{url: string, size: number, transfer: number}} part */
function partLoad(part) {
  let load = partLoads.get(part.url);
  if (!load) {
    load = loadPart(part);
    load.catch(() => partLoads.delete(part.url)); // read (and reported) where it is used
    partLoads.set(part.url, load);
  }
  return load;
}

/**
 * A big file's kept parts are dropped when the file proves bad (it does not compile, or the
 * snapshot is refused), so that a retry downloads it again rather than reuse it.
 * @param {string} url the big file's URL
 */
async function forget(url) {
  const cache = await store;
  for (const part of PARTS.get(url) ?? []) {
    partLoads.delete(part.url);
    await cache?.delete(part.url).catch(() => false);
  }
}

/**
 * The whole file as one streamed response, from its parts in order (two in flight).
 * @param {string} url
 * @param {{url: string, size: number, transfer: number}[]} parts
 */
function joined(url, parts) {
  /** @type {Promise<Uint8Array>[]} */
  const loads = [];
  const startNext = () => {
    if (loads.length === parts.length) return;
    loads.push(partLoad(parts[loads.length]));
  };
  startNext();
  startNext();
  let index = 0;
  const body = new ReadableStream({
    async pull(controller) {
      if (index === parts.length) {
        controller.close();
        return;
      }
      try {
        const data = await loads[index++];
        startNext();
        controller.enqueue(data);
      } catch (error) {
        if (!optional.has(url)) reportMissing(error);
        controller.error(error);
      }
    },
  });
  const type = url.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
  return new Response(body, { headers: { "content-type": type } });
}

self.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url === DEFERRED_STDLIB) return new Response(EMPTY_ZIP);
  const parts = PARTS.get(url);
  if (parts) return joined(url, parts);
  const name = fileName(url);
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    if (optional.has(url)) throw error;
    reportMissing(cut(`无法下载 ${name}（网络中断）`));
    throw error;
  }
  if (!response.ok && !optional.has(url)) {
    reportMissing(new ReaderError(`无法下载 ${name}（HTTP ${response.status}）`));
  }
  return response;
};

// A wasm file that arrives but does not compile (cut short, damaged) is not a slow network:
// Pyodide only logs it and waits for ever, so say so at once.
for (const method of /** @type {const} */ (["instantiate", "instantiateStreaming"])) {
  /** @type {(...args: any[]) => Promise<any>} */
  const original = WebAssembly[method];
  /** @type {any} */ (WebAssembly)[method] = async (/** @type {any[]} */ ...args) => {
    try {
      return await original.apply(WebAssembly, args);
    } catch (error) {
      if (error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError) {
        console.warn(error);
        const wasm = [...PARTS.keys()].find((url) => url.endsWith(".wasm"));
        if (wasm) forget(wasm);
        reportMissing(new ReaderError("pyodide.asm.wasm 已损坏，无法编译"));
      }
      throw error;
    }
  };
}

/** @param {string} url */
async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

// A new instance's memory begins with the wasm's data image: XOR it back into the snapshot (after
// Pyodide's own header) between the instantiation and Pyodide's restore. Until then the
// snapshot's magic number is held back, so that Pyodide refuses a snapshot the image never
// reached, or one made against another image (its sum differs), and the worker starts the
// normal way instead.
/**
 * A snapshot on its way into Pyodide: its memory, what the image must match, and what this
 * worker keeps aside meanwhile.
 * @typedef {{memory: Uint8Array, imageLength: number, imageSum: number, magic: number,
 *   headerLength: number, problem?: unknown}} Snapshot
 */

/** @param {Snapshot} snapshot */
function holdMagic(snapshot) {
  const words = new Uint32Array(snapshot.memory.buffer, 0, 2);
  snapshot.magic = words[0];
  snapshot.headerLength = words[1];
  words[0] = 0;
}

/** @param {Snapshot} snapshot @param {WebAssembly.Instance} instance */
function addImage(snapshot, instance) {
  const { memory, imageLength, imageSum, headerLength } = snapshot;
  const count = imageLength / 4;
  const live = new Uint32Array(/** @type {WebAssembly.Memory} */ (instance.exports.memory).buffer, 0, count);
  const stored = new Uint32Array(memory.buffer, headerLength, count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const word = live[i];
    sum = (sum + word) >>> 0;
    stored[i] ^= word;
  }
  if (sum !== imageSum) throw new ReaderError("启动快照与 pyodide.asm.wasm 不配套");
  new Uint32Array(memory.buffer, 0, 1)[0] = snapshot.magic;
  mark("imageAdded");
}

// Pyodide instantiates its wasm with one of these two (and a tiny helper module too, which has
// no memory): the first instance that exports a memory is the one.
/**
 * @template T
 * @param {Snapshot} snapshot
 * @param {() => Promise<T>} start
 * @returns {Promise<T>}
 */
async function withImage(snapshot, start) {
  const { instantiate, instantiateStreaming } = WebAssembly;
  let pending = true;
  /** @param {WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource} result */
  const watch = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    if (pending && instance.exports.memory instanceof WebAssembly.Memory) {
      pending = false;
      mark("instantiated");
      try {
        addImage(snapshot, instance);
      } catch (error) {
        snapshot.problem = error;
      }
    }
    return result;
  };
  /** @type {any} */ (WebAssembly).instantiate = async (/** @type {any[]} */ ...args) =>
    watch(await /** @type {any} */ (instantiate).apply(WebAssembly, args));
  /** @type {any} */ (WebAssembly).instantiateStreaming = async (/** @type {any[]} */ ...args) =>
    watch(await /** @type {any} */ (instantiateStreaming).apply(WebAssembly, args));
  try {
    return await start();
  } catch (error) {
    throw snapshot.problem ?? (pending ? new ReaderError(`启动快照没有用上（${messageOf(error)}）`) : error);
  } finally {
    Object.assign(WebAssembly, { instantiate, instantiateStreaming });
  }
}

function options(deferStdlib = false) {
  return {
    indexURL: here(config.indexURL),
    // No request for the 119 KB pyodide-lock.json: the page loads no package from it.
    lockFileContents: { info: config.lockInfo, packages: {} },
    packageBaseUrl: here(config.indexURL),
    // The standard library trimmed to what the calculator uses (see sitebuild/runtime.py).
    ...(config.stdLibURL && { stdLibURL: deferStdlib ? DEFERRED_STDLIB : here(config.stdLibURL) }),
  };
}

// calculator.handle_json: a request as JSON text in, the answer as JSON text out (the one
// function the page calls; sitebuild/snapshot.mjs leaves it in a snapshot's globals as _handle).
const HANDLE = "from calculator.api import handle_json\nhandle_json";

/**
 * Pyodide's loadPyodide, as the npm package's pyodide.mjs exports it (options include the
 * private _loadSnapshot).
 * @typedef {(options: Record<string, unknown>) => Promise<any>} LoadPyodide
 */

/**
 * @param {LoadPyodide} loadPyodide
 * @param {Promise<{memory: Uint8Array, imageLength: number, imageSum: number}>} download
 */
async function fromSnapshot(loadPyodide, download) {
  const defer = Boolean(config.stdLibURL && config.deferStdlib);
  const snapshot = /** @type {Snapshot} */ ({});
  // loadPyodide starts at once (its wasm download too) and waits for the snapshot itself
  const memory = download.then((expanded) => (Object.assign(snapshot, expanded), holdMagic(snapshot), snapshot.memory));
  memory.catch(() => {}); // Pyodide awaits it later: not an unhandled rejection meanwhile
  const pyodide = await withImage(snapshot, () => loadPyodide({ ...options(defer), _loadSnapshot: memory }));
  mark("loadPyodide");
  // sitebuild/snapshot.mjs left `_handle` in the globals, with everything it uses imported.
  const handle = pyodide.globals.get("_handle");
  if (typeof handle !== "function") throw new ReaderError("快照里没有 _handle");
  timings.start = "snapshot";
  if (defer) {
    // The very zip the snapshot was made with: zipimport's cached directory matches it. Fetched
    // a while after the first answer went out (the page still has to draw it), or after a quiet
    // spell when the page asks nothing: never competing with the first answer.
    /** @param {Promise<unknown>} promise @param {number} ms */
    const later = (promise, ms) => promise.then(() => new Promise((resolve) => setTimeout(resolve, ms)));
    Promise.race([later(firstAnswer, 1500), later(ready, 4000)]).then(() => fetchBytes(here(config.stdLibURL ?? ""))).then(
      (bytes) => {
        const zip = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))");
        pyodide.FS.writeFile(zip, new Uint8Array(bytes)); // /lib/python314.zip
        pyodide.runPython("import importlib; importlib.invalidate_caches()");
      },
      (error) => console.warn(`标准库没有下载成功：${messageOf(error)}`),
    );
  }
  return handle;
}

/** @param {LoadPyodide} loadPyodide */
async function normalStart(loadPyodide) {
  const wheels = config.wheels.map((path) => fetchBytes(here(path)));
  wheels.forEach((promise) => promise.catch(() => {})); // reported by the fetch watch
  const pyodide = await loadPyodide(options());
  mark("loadPyodide");
  send({ type: "progress", step: "start" });
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  for (const bytes of await Promise.all(wheels)) {
    pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
  }
  const handle = pyodide.runPython(HANDLE);
  timings.start = "normal";
  return handle;
}

let snapshotArrived = false;
/** @type {(value?: unknown) => void} */
let answered = () => {};
const firstAnswer = new Promise((resolve) => (answered = resolve));

// The page says when to begin (its own scripts and styles have arrived): nothing is downloaded
// before, so that a slow link serves the page first. A return visit that has every part kept
// downloads nothing of weight, and begins at once.
/** @type {(value?: unknown) => void} */
let begin = () => {};
const told = new Promise((resolve) => (begin = resolve));
const allKept = store.then(async (cache) => {
  if (!cache) return false;
  for (const parts of PARTS.values()) {
    for (const part of parts) if (!(await cache.match(part.url).catch(() => undefined))) return false;
  }
  return true;
});
const allowed = Promise.race([told, allKept.then((kept) => (kept ? undefined : told))]);

async function boot() {
  if (typeof WebAssembly !== "object") throw new ReaderError("此浏览器不支持 WebAssembly");
  await allowed;
  // the size of the download is known at once: the bar shows bytes from the first moment
  send({ type: "progress", step: "download", loaded: 0, total: bytes.total });
  let snapshot;
  if (config.snapshot) {
    const url = here(config.snapshot);
    optional.add(url);
    snapshot = fetchBytes(url).then((bytes) => {
      mark("snapshotBytes");
      snapshotArrived = true; // whole: if it is refused now, its kept parts are bad
      return expandSnapshot(bytes);
    });
    snapshot.catch(() => {}); // handled below
  }
  const { loadPyodide } = await import(here(`${config.indexURL}pyodide.mjs`));
  mark("pyodideModule");
  let handle;
  if (snapshot) {
    try {
      handle = await fromSnapshot(loadPyodide, snapshot);
    } catch (error) {
      const note = `没能使用启动快照（${messageOf(error)}），改为正常启动`;
      console.warn(note);
      // arrived whole and refused: not kept, the next start tries a fresh copy (a cut download
      // keeps its parts, to resume)
      if (snapshotArrived && config.snapshot) forget(here(config.snapshot));
      send({ type: "progress", step: "download", note });
    }
  }
  handle ??= await normalStart(loadPyodide);
  mark("imported");
  return handle;
}

const ready = Promise.race([boot(), missing]);
ready.finally(() => partLoads.clear()).catch(() => {}); // the memo served the start; free its bytes
ready.then(
  () => send({ type: "ready", timings }),
  (error) => send({ type: "error", message: forReader(error, "运行环境内部出错（详情在浏览器的开发者控制台）") }),
);

self.onmessage = async (/** @type {MessageEvent<WorkerRequest>} */ { data }) => {
  if (data.type === "start") {
    begin();
    return;
  }
  const { id, request } = data;
  try {
    const handle = await ready;
    send({ type: "answer", id, result: JSON.parse(handle(JSON.stringify(request))) });
    answered();
  } catch (error) {
    send({ type: "failed", id, error: forReader(error, "计算时出错（详情在浏览器的开发者控制台）") });
  }
};
