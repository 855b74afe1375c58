// @ts-check
// The calculator page: forms in, answer cards out, Python in a Web Worker.
//
// Loaded on every page (it is small); it does nothing unless the page has [data-calculator],
// so no other page loads any byte of the Python runtime. It starts inside Material's
// document$ so it survives instant navigation, and keeps one worker for the whole visit.
// Every text that comes from a person or from the answer goes in with textContent.
// A classic script (not a module), so that it also runs from file://, where it says what to do.
(() => {
"use strict";

// The pure functions (dates, the .ics text, share links): calc-lib.js, loaded just before this.
const {
  daysBetween,
  todayBeijing,
  buildIcs,
  calendarEvents,
  megabytes,
  progressValue,
  shareSearch,
  linkedValues,
  chineseDate,
  wrapText,
} = CalcLib;

// No limit on the whole load: on a slow link it may take minutes, and that is fine while bytes
// keep arriving. It fails when nothing has been heard from the worker for this long: while
// downloading the worker reports every few hundred milliseconds as bytes arrive; starting
// Python (no bytes) takes a few seconds even on a slow phone.
// (A test may shorten them by setting window.calculatorStallMs before this script runs.)
/** @type {Record<string, number>} */
const STALL_MS = { download: 30000, start: 60000, ...window.calculatorStallMs };
const STEPS = ["download", "start", "ready"];
// This script's own version (?v=<hash>, sitebuild/pages.py): a calculator page of another
// build names another one in data-script.
const OWN_SCRIPT = document.currentScript instanceof HTMLScriptElement ? new URL(document.currentScript.src) : null;
const OWN_VERSION = OWN_SCRIPT?.search ?? "";
// The QR code library (npm qrcode-generator, copied by the build), loaded when first needed.
const QR_SCRIPT = new URL("../vendor/qrcode.js", OWN_SCRIPT ?? location.href).href;
// Every sentence this script puts on the page, in one place. The answers' words are Python's
// (calculator/text.py); the page's first loading sentence is in its markup (calcdocs/forms.py).
const WORDS = Object.freeze({
  tooOld:
    "这个浏览器太旧，缺少计算器需要的功能（WebAssembly、模块化的 Web Worker）。请把浏览器更新到最新版本；本站的文档照常可读。",
  offline: "现在离线，而计算器的运行环境还没有存到这台设备上（需要先在联网时打开一次计算器）。本站的文档照常可读。",
  fromFile:
    "这个页面是直接从文件打开的（file://），浏览器不允许这样启动 Python 运行环境。" +
    "请在站点文件夹里运行 python3 serve.py（在项目里也可以运行 make serve），" +
    "再用浏览器打开 127.0.0.1:8000/calculator/ 。文档的其他页面可以照常阅读。",
  startStalled: (/** @type {number} */ seconds) => `Python 启动了 ${seconds} 秒还没有完成。`,
  downloadStalled: (/** @type {number} */ seconds) => `下载停住了：${seconds} 秒没有收到数据（网络断了，或者太慢）。`,
  noWorker: "无法启动计算器的后台线程。",
  workerScript: "计算器的后台线程没能启动（脚本无法加载）。",
  startFailed: (/** @type {string} */ why) => `Python 运行环境没有启动成功：${why}`,
  calendar: "加入日历（.ics）",
  advice: (/** @type {string} */ advice) => `怎么办：${advice}`,
  next: (/** @type {string} */ next) => `下一步：${next}`,
  tryAgain: "没有成功，请再试一次。",
  copyLink: "复制链接",
  copied: "链接已复制，可以收藏或发给别人。",
  copyByHand: (/** @type {string} */ url) => `请复制这个链接：${url}`,
  share: "分享",
  shareRow: "分享或保存这个结果",
  qr: "二维码",
  picture: "保存图片",
  print: "打印",
  qrScriptMissing: "二维码没能生成：所需的文件没有下载成功。请检查网络后再点一次。",
  close: "关闭",
  qrTitle: "扫码打开这个结果",
  qrHow: "用手机扫描这个二维码，打开的就是这个结果；也可以截图发给别人扫描。",
  qrLabel: (/** @type {string} */ url) => `二维码：${url}`,
  workedOut: (/** @type {string} */ day) => `计算日期：${day}（北京时间）`,
  pictureSite: "1688 供应商退出与取消合作指南 · 计算器",
  pictureLink: "扫码或打开链接，看这个结果：",
  pictureFailed: "图片没能生成。",
  pictureHow: "手机上：长按图片，可以保存到相册或发给微信好友。电脑上：点“下载图片”。",
  pictureDownload: "下载图片",
  waitingForRuntime: "正在准备计算器，就绪后会自动给出结果……",
  cannotCompute: (/** @type {string} */ why) => `无法计算：${why}`,
  unknownTool: (/** @type {string} */ tool) => `链接里的计算类型“${tool}”不存在；请在下面选择要算的内容。`,
  kept: (/** @type {string} */ mb) => `${mb} MB 已存在本机，可以离线使用。`,
  downloaded: (/** @type {string} */ loaded, /** @type {string} */ total) => `已下载 ${loaded} / ${total} MB`,
  loadFailed: "计算器加载失败。",
  ready: "计算器已就绪：填写或修改后会立即重新计算。",
  starting: "马上就好：正在准备计算……可以先填表，结果会自动出现。",
  downloading: (/** @type {string} */ mb) => `正在准备计算器：第一次约 ${mb} MB，之后可离线使用。可以先填表。`,
});
const SVG_NS = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------- the runtime (one per visit)

/**
 * @typedef {object} Runtime
 * @property {string} state idle → loading → ready | error
 * @property {string} step download, start or ready
 * @property {string} message why it failed, for the reader
 * @property {number} loaded bytes of the runtime's big files on the wire so far, of total
 * @property {number} total
 * @property {Promise<void> | null} promise
 * @property {Worker | null} worker
 * @property {string | null} workerUrl
 * @property {Map<number, {resolve: (result: HandleResult) => void, reject: (error: Error) => void}>} pending
 * @property {number} nextId
 * @property {Set<() => void>} listeners
 * @property {Record<string, number | string>} [timings]
 */
/** @type {Runtime} */
const runtime = {
  state: "idle", // idle → loading → ready | error
  step: "download",
  message: "",
  loaded: 0, // bytes of the runtime's big files on the wire so far, of total
  total: 0,
  promise: null,
  worker: null,
  workerUrl: null,
  pending: new Map(),
  nextId: 1,
  listeners: new Set(),
};

/** @param {Partial<Runtime>} changes */
function setRuntime(changes) {
  Object.assign(runtime, changes);
  for (const listener of runtime.listeners) listener();
}

/** The one promise for readiness: starts the worker on first call, never twice (until a retry). */
function startRuntime() {
  if (runtime.promise) return runtime.promise;
  setRuntime({ state: "loading", step: "download", loaded: 0, total: 0 });
  runtime.promise = new Promise(/** @param {(value?: void) => void} resolve */ (resolve, reject) => {
    let heard = performance.now();
    // a tab in the background may be frozen: its silence is not the network's
    const awake = () => {
      if (document.visibilityState === "visible") heard = performance.now();
    };
    document.addEventListener("visibilitychange", awake);
    let ticked = performance.now();
    const watchdog = setInterval(() => {
      // a long gap between ticks: the tab or the device slept, which is not the network's silence
      if (performance.now() - ticked > 5000) heard = performance.now();
      ticked = performance.now();
      const silent = performance.now() - heard;
      if (silent < (STALL_MS[runtime.step] ?? STALL_MS.download)) return;
      fail(
        runtime.step === "start"
          ? WORDS.startStalled(Math.round(silent / 1000))
          : WORDS.downloadStalled(Math.round(silent / 1000)),
      );
    }, 1000);
    const settle = () => {
      clearInterval(watchdog);
      document.removeEventListener("visibilitychange", awake);
    };
    /** @param {string} message */
    const fail = (message) => {
      settle();
      runtime.worker?.terminate();
      for (const { reject: rejectOne } of runtime.pending.values()) rejectOne(new Error(message));
      runtime.pending.clear();
      setRuntime({ state: "error", message });
      dispatchEvent(new Event("calculator:settled"));
      reject(new Error(message));
    };
    if (location.protocol === "file:") {
      fail(WORDS.fromFile);
      return;
    }
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      fail(WORDS.tooOld);
      return;
    }
    // The page's <head> may have started the worker already (sitebuild/pages.py): adopt it, and
    // hear what it said before this script ran.
    const early = window.__calculatorWorker;
    delete window.__calculatorWorker;
    if (early && early.url !== runtime.workerUrl) early.worker.terminate();
    let worker;
    try {
      if (early?.url === runtime.workerUrl) {
        worker = early.worker;
      } else {
        // A browser without module workers never reads the option: too old for the calculator.
        let modules = false;
        worker = new Worker(/** @type {string} */ (runtime.workerUrl), {
          get type() {
            modules = true;
            return /** @type {const} */ ("module");
          },
        });
        if (!modules) {
          worker.terminate();
          fail(WORDS.tooOld);
          return;
        }
      }
    } catch (error) {
      console.warn(error);
      fail(WORDS.noWorker);
      return;
    }
    runtime.worker = worker;
    worker.onerror = (event) => {
      event.preventDefault();
      console.warn(event.message);
      fail(navigator.onLine ? WORDS.workerScript : WORDS.offline);
    };
    worker.onmessage = (/** @type {MessageEvent<WorkerMessage>} */ { data }) => {
      heard = performance.now();
      switch (data.type) {
        case "progress": {
          const bytes = data.total ? { loaded: data.loaded, total: data.total } : {};
          setRuntime({ step: data.step, ...bytes });
          break;
        }
        case "ready":
          settle();
          setRuntime({ state: "ready", step: "ready", timings: data.timings });
          resolve();
          dispatchEvent(new Event("calculator:settled")); // site.js registers the service worker now
          // keep the runtime for offline use: the service worker caches its files (sw.js)
          navigator.serviceWorker?.ready.then((registration) =>
            registration.active?.postMessage({ type: "cache-runtime", worker: runtime.workerUrl }),
          );
          break;
        case "error":
          fail(WORDS.startFailed(data.message));
          break;
        case "answer":
        case "failed": {
          const waiting = runtime.pending.get(data.id);
          if (!waiting) break;
          runtime.pending.delete(data.id);
          if (data.type === "failed") waiting.reject(new Error(data.error));
          else waiting.resolve(data.result);
          break;
        }
      }
    };
    // (an early worker is told to start by the page's <head> once the page has loaded; saying
    // it twice does no harm, and a worker started here has nothing else to wait for)
    /** @type {WorkerRequest} */
    const start = { type: "start" };
    worker.postMessage(start);
    if (early?.worker === worker) {
      // a script that fails to load sends a plain Event named "error", not an ErrorEvent
      for (const event of early.queue) {
        if (event instanceof MessageEvent) worker.onmessage?.(event);
        else worker.onerror?.(/** @type {ErrorEvent} */ (event));
      }
    }
  });
  runtime.promise.catch(() => {}); // shown on the page by the listeners; never unhandled
  return runtime.promise;
}

/** After a failure: a new worker. The finished parts of the download are in Cache Storage. */
function retryRuntime() {
  if (runtime.state !== "error") return runtime.promise;
  runtime.promise = null;
  runtime.worker = null;
  return startRuntime();
}

/**
 * Send one request (the CLI's dict) to Python; resolves with calculator.handle's result.
 * @param {Record<string, string | boolean | {unreadable: true}>} request
 * @returns {Promise<HandleResult>}
 */
async function ask(request) {
  const ready = startRuntime();
  if (runtime.state === "error") await ready; // rejects with the reason
  // Sent at once: the worker answers as soon as Python is ready, without a round trip first.
  // If the runtime fails instead, fail() rejects every pending request with its reason.
  return new Promise((resolve, reject) => {
    const id = runtime.nextId++;
    runtime.pending.set(id, { resolve, reject });
    /** @type {WorkerRequest} */
    const message = { type: "request", id, request };
    runtime.worker?.postMessage(message);
  });
}

// ---------------------------------------------------------------- small helpers

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * An element with attributes (``text`` is its text) and children; null, undefined and false
 * are left out.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An answer's value: data-field="<json key>" and data-value for machines, Python's words for people. */
/**
 * The inputs under ``scope`` that ``selector`` names (named inputs by default).
 * @param {ParentNode} scope
 * @param {string} [selector]
 * @returns {HTMLInputElement[]}
 */
function inputsOf(scope, selector = "input[name]") {
  return /** @type {HTMLInputElement[]} */ ([...scope.querySelectorAll(selector)]);
}

/**
 * The one element under ``scope`` that ``selector`` names: the calculator's markup has it.
 * @param {ParentNode} scope
 * @param {string} selector
 * @returns {HTMLElement}
 */
function part(scope, selector) {
  return /** @type {HTMLElement} */ (scope.querySelector(selector));
}

/**
 * The calculator's root element, if this page has one.
 * @returns {CalcRoot | null}
 */
function calculatorRoot() {
  return /** @type {CalcRoot | null} */ (document.querySelector("[data-calculator]"));
}

/** @param {Item} item */
function itemNode(item) {
  const attrs = item.field ? { "data-field": item.field, "data-value": item.value ?? "" } : {};
  const content = item.date ? el("time", { datetime: item.date, text: item.text }) : item.text;
  if (item.status) return el("span", { ...attrs, class: `calc-badge calc-${item.status}` }, content);
  return el("span", attrs, content);
}

/** @param {string} label @param {...Child} value */
function row(label, ...value) {
  return el("div", { class: "calc-row" }, el("dt", { text: label }), el("dd", {}, ...value));
}

// ---------------------------------------------------------------- timeline (inline SVG)

/**
 * A horizontal timeline (the card's): points [{date, label, text, tone}] placed by date, and
 * bands [{start, end, label, text, tone}] drawn under them; labels alternate above and below
 * the line so close dates stay readable. The drawing is as wide as the calculator, so its text
 * keeps its size on a phone.
 */
/** @param {Timeline | null} spec */
function timeline(spec) {
  if (!spec) return null;
  const { caption, points, bands } = spec;
  const sorted = points.filter((p) => p.date).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (sorted.length < 2) return null;
  const width = Math.round(Math.max(320, Math.min(640, calculatorRoot()?.clientWidth ?? 640)));
  const left = 50;
  const right = width - 50;
  const first = sorted[0].date;
  const span = Math.max(1, daysBetween(first, sorted[sorted.length - 1].date));
  const xOf = (/** @type {string} */ iso) => left + ((right - left) * daysBetween(first, iso)) / span;
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} 120`);
  svg.setAttribute("class", "calc-timeline");
  svg.setAttribute("role", "img");
  const described = [...bands.map((b) => `${b.label} ${b.text}`), ...sorted.map((p) => `${p.label} ${p.text}`)];
  svg.setAttribute("aria-label", `${caption}：${described.join("，")}`);
  /** @param {string} tag @param {Record<string, string | number>} attrs @param {string} [text] */
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  add("line", { x1: left, y1: 60, x2: right, y2: 60, class: "calc-tl-axis" });
  for (const band of bands) {
    const x1 = xOf(band.start);
    const x2 = Math.max(x1 + 2, xOf(band.end));
    add("rect", { x: x1, y: 55, width: x2 - x1, height: 10, rx: 3, class: `calc-tl-band calc-tl-${band.tone}` });
  }
  sorted.forEach((point, index) => {
    const x = xOf(point.date);
    const above = index % 2 === 0;
    const anchor = x < left + 30 ? "start" : x > right - 30 ? "end" : "middle";
    const tx = anchor === "start" ? x - 8 : anchor === "end" ? x + 8 : x;
    add("circle", { cx: x, cy: 60, r: 6, class: `calc-tl-dot calc-tl-${point.tone || "plain"}` });
    add("text", { x: tx, y: above ? 40 : 88, "text-anchor": anchor, class: "calc-tl-label" }, point.label);
    add("text", { x: tx, y: above ? 22 : 106, "text-anchor": anchor, class: "calc-tl-date" }, point.text);
  });
  const legend = bands.map((band) => el("span", { class: `calc-tl-key calc-tl-${band.tone}`, text: band.label }));
  return el("figure", { class: "calc-figure" }, svg, el("figcaption", {}, caption, ...legend));
}

// ---------------------------------------------------------------- calendar file (.ics)

/** @param {CalendarEvent[]} events @param {string} filename @param {string} url */
function calendarLink(events, filename, url) {
  const usable = calendarEvents(events);
  if (!usable.length) return null;
  const blob = new Blob([buildIcs(usable, url, new Date())], { type: "text/calendar;charset=utf-8" });
  return el("a", {
    class: "md-button calc-ics",
    href: URL.createObjectURL(blob),
    download: filename,
    "data-ics": "",
    text: WORDS.calendar,
  });
}

// ---------------------------------------------------------------- answer cards

/** @param {RuleView} rule */
function ruleNode(rule) {
  return el(
    "li",
    { "data-rule": rule.id, "data-value": rule.status, class: `calc-rule calc-${rule.status}` },
    el("strong", { text: `${rule.label}：` }),
    el("span", { class: `calc-badge calc-${rule.status}`, text: rule.status_text }),
    el("span", { class: "calc-reason", text: rule.reason }),
    rule.advice ? el("span", { class: "calc-advice", text: WORDS.advice(rule.advice) }) : null,
  );
}

/**
 * Lay out the card Python made (calculator/text.py): every word on it comes from there.
 * @param {Card} card
 * @param {string} url
 * @returns {Child[]}
 */
function renderCard(card, url) {
  // first what to do and by when, in the colour of its urgency
  /** @type {(HTMLElement | null)[]} */
  const nodes = [
    el(
      "div",
      { class: "calc-lead", "data-tone": card.lead.tone },
      el("p", { class: "calc-lead-title", text: card.lead.title }),
      card.lead.text ? el("p", { class: "calc-lead-text", text: card.lead.text }) : null,
    ),
    el("p", { class: "calc-headline" }, `${card.headline.label}：`, itemNode(card.headline)),
  ];
  if (card.items.length) nodes.push(el("dl", {}, card.items.map((item) => row(item.label, itemNode(item)))));
  if (card.rules.length) {
    // the rules with something to do, listed; the ones with nothing to do, folded into one line
    const open = card.rules.filter((rule) => rule.status !== "ok");
    const fine = card.rules.filter((rule) => rule.status === "ok");
    const list = el("ul", { class: "calc-rules", "data-field": "rules" }, open.map(ruleNode));
    if (card.folded) {
      list.append(
        el(
          "li",
          { class: "calc-folded" },
          el("details", {}, el("summary", { text: card.folded }), el("ul", { class: "calc-rules" }, fine.map(ruleNode))),
        ),
      );
    }
    nodes.push(list);
  }
  if (card.deadlines.length) {
    nodes.push(
      el(
        "div",
        { class: "calc-deadlines" },
        card.deadlines.map((deadline) =>
          el(
            "div",
            { class: `calc-deadline ${deadline.primary ? "calc-safe" : "calc-legal"}` },
            el("h3", { text: deadline.title }),
            el("p", { class: "calc-deadline-date" }, itemNode(deadline.item)),
            el("p", { class: "calc-deadline-note", text: deadline.note }),
          ),
        ),
      ),
    );
  }
  nodes.push(timeline(card.timeline));
  if (card.next || card.link) {
    const link = card.link
      ? el("a", {
          href: `#${shareSearch(card.link.tool, card.link.fields)}`,
          "data-followup": card.link.tool,
          text: `${card.link.text} →`,
        })
      : null;
    // the other form on this page answers; this answer stays (Material's instant navigation
    // would load the page again for a new fragment)
    link?.addEventListener("click", (event) => {
      const root = calculatorRoot();
      if (!root || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      history.pushState(history.state, "", /** @type {HTMLAnchorElement} */ (link).href);
      openLinked(root);
    });
    nodes.push(el("p", { class: "calc-next" }, WORDS.next(card.next ?? ""), link));
  }
  nodes.push(calendarLink(card.events, card.calendar_file, url));
  return nodes;
}

// ---------------------------------------------------------------- sharing an answer

/**
 * The buttons under an answer: the link, its QR code, the answer as a picture, the device's
 * own share sheet (where there is one) and paper. What they carry is the share link, whose
 * values are in its fragment: nothing of the answer goes to a server.
 * @param {CalcForm} form 
 * @param {Card} card 
 * @param {string} url
 */
function shareRow(form, card, url) {
  const note = el("span", { class: "calc-share-note", "data-share-note": "", "aria-live": "polite" });
  /** @param {string} attr @param {string} text @param {() => unknown} action */
  const button = (attr, text, action) => {
    const node = el("button", { type: "button", class: "md-button", [attr]: "", text });
    node.addEventListener("click", () =>
      Promise.resolve()
        .then(action)
        .catch((error) => {
          console.warn(error);
          note.textContent = error instanceof ReaderError ? error.message : WORDS.tryAgain;
        }),
    );
    return node;
  };
  const copy = button("data-share", WORDS.copyLink, async () => {
    try {
      await navigator.clipboard.writeText(url);
      note.textContent = WORDS.copied;
    } catch {
      note.textContent = WORDS.copyByHand(url);
    }
  });
  copy.dataset.url = url;
  const share =
    typeof navigator.share === "function"
      ? button("data-web-share", WORDS.share, async () => {
          try {
            await navigator.share({ title: card.title, text: card.lines[0], url });
          } catch (error) {
            if (!(error instanceof DOMException && error.name === "AbortError")) throw error; // closed by the reader
          }
        })
      : null;
  return el(
    "div",
    { class: "calc-share", role: "group", "aria-label": WORDS.shareRow },
    copy,
    button("data-qr", WORDS.qr, () => showQr(url)),
    button("data-picture", WORDS.picture, () => showPicture(form, card, url)),
    share,
    button("data-print", WORDS.print, () => printAnswer(form)),
    note,
  );
}

/** A failure whose message is written for the reader (the others are logged, not shown). */
class ReaderError extends Error {}

let qrLoading = null;

/** The QR code library, loaded once, when first needed. */
function loadQr() {
  if (typeof qrcode === "function") return Promise.resolve(qrcode);
  qrLoading ??= new Promise((resolve, reject) => {
    const script = el("script", { src: QR_SCRIPT });
    script.addEventListener("load", () => resolve(qrcode));
    script.addEventListener("error", () => {
      qrLoading = null;
      script.remove();
      reject(new ReaderError(WORDS.qrScriptMissing));
    });
    document.head.append(script);
  });
  return qrLoading;
}

/**
 * A link's QR code as a grid of dark and light modules (error correction M).
 * @param {string} text
 * @returns {Promise<QrGrid>}
 */
async function qrGrid(text) {
  const make = await loadQr();
  const code = make(0, "M");
  code.addData(text, "Byte"); // the share link is ASCII (the browser percent-encodes the rest)
  code.make();
  const size = code.getModuleCount();
  return { size, dark: (/** @type {number} */ row, /** @type {number} */ col) => code.isDark(row, col) };
}

const QUIET = 4; // modules of white around a QR code, as the standard asks

/**
 * The QR code as an SVG drawing: sharp at any size, black on white in either colour scheme.
 * @param {QrGrid} grid
 * @param {string} label
 */
function qrSvg(grid, label) {
  const side = grid.size + 2 * QUIET;
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${side} ${side}`);
  svg.setAttribute("class", "calc-qr");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  let path = "";
  for (let row = 0; row < grid.size; row++) {
    for (let col = 0; col < grid.size; col++) if (grid.dark(row, col)) path += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
  }
  const paper = document.createElementNS(SVG_NS, "rect");
  for (const [name, value] of Object.entries({ width: side, height: side, fill: "#fff" })) paper.setAttribute(name, String(value));
  const ink = document.createElementNS(SVG_NS, "path");
  ink.setAttribute("d", path);
  ink.setAttribute("fill", "#000");
  svg.append(paper, ink);
  return svg;
}

/**
 * The page's one dialog, with new content: a title, what it shows, and 关闭.
 * @param {string} title
 * @param {...Child} content
 */
function openDialog(title, ...content) {
  const found = /** @type {HTMLDialogElement | null} */ (document.querySelector("dialog.calc-dialog"));
  const dialog =
    found ?? /** @type {HTMLDialogElement} */ (el("dialog", { class: "calc-dialog md-typeset", "aria-labelledby": "calc-dialog-title" }));
  if (!found) {
    // a click on the backdrop closes it, as Esc does
    dialog.addEventListener("click", (event) => {
      if (event.target === event.currentTarget) dialog.close();
    });
    dialog.addEventListener("close", () => {
      for (const node of dialog.querySelectorAll("[data-blob]")) URL.revokeObjectURL(node.getAttribute("href") ?? node.getAttribute("src") ?? "");
    });
    document.body.append(dialog);
  }
  const close = el("button", { type: "button", class: "md-button md-button--primary", text: WORDS.close });
  close.addEventListener("click", () => dialog.close());
  dialog.replaceChildren(
    el("h2", { id: "calc-dialog-title", text: title }),
    ...content.filter((node) => node instanceof Node),
    el("p", { class: "calc-dialog-close" }, close),
  );
  dialog.showModal();
  return dialog;
}

/** @param {string} url */
async function showQr(url) {
  const grid = await qrGrid(url);
  openDialog(
    WORDS.qrTitle,
    el("p", { text: WORDS.qrHow }),
    el("figure", { class: "calc-qr-figure", "data-qr-code": "" }, qrSvg(grid, WORDS.qrLabel(url))),
    el("p", { class: "calc-dialog-link", "data-qr-link": "", text: url }),
  );
}

// The saved picture: always black on white (it leaves the page's colour scheme), the tone's
// colour as on the page in its light scheme.
/** @type {{width: number, scale: number, margin: number, font: string, tones: Record<string, string>}} */
const PICTURE = {
  width: 540, // CSS pixels; drawn at twice that
  scale: 2,
  margin: 28,
  font: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
  tones: { bad: "#c62828", warn: "#b45309", good: "#2e7d32", info: "#3949ab" },
};

/** The site's notice line as the banner says it, without its links. */
function noticeText() {
  const notice = document.querySelector(".site-notice")?.cloneNode(true);
  if (!(notice instanceof HTMLElement)) return "";
  for (const node of notice.querySelectorAll(".print-only, a")) node.remove();
  // the template's line breaks are not spaces between the sentences
  return notice.textContent.replace(/\s*\n\s*/g, "").replace(/\s+/g, " ").replace(/[\s·]+$/, "").trim();
}

/**
 * The answer as a PNG: the tool's title, the card's lines (the CLI's words), the day it was
 * worked out, the site's notice, the link and its QR code. Resolves with the picture and the
 * lines it carries, in order.
 * @param {CalcForm} form 
 * @param {Card} card 
 * @param {string} url 
 * @returns {Promise<{blob: Blob, lines: string[]}>}
 */
async function drawPicture(form, card, url) {
  const { width, scale, margin, font, tones } = PICTURE;
  const inner = width - 2 * margin;
  const canvas = document.createElement("canvas");
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  const title = form.closest("section")?.querySelector("h2")?.textContent?.trim() ?? "";
  const worked = WORDS.workedOut(chineseDate(todayBeijing(Date.now())));
  /** @type {{text: string, size: number, weight?: number, color?: string, gap?: number}[]} */
  const blocks = [
    { text: WORDS.pictureSite, size: 13, color: "#555" },
    { text: title, size: 22, weight: 700, gap: 6 },
    { text: card.lines[0], size: 19, weight: 700, color: tones[card.lead.tone] ?? "#000", gap: 10 },
    ...card.lines.slice(1).map((line) => ({ text: line, size: 15, gap: 4 })),
    { text: worked, size: 13, color: "#555", gap: 16 },
    { text: noticeText(), size: 12, color: "#555", gap: 4 },
  ];
  const laid = [];
  let y = margin;
  for (const block of blocks) {
    context.font = `${block.weight ?? 400} ${block.size}px ${font}`;
    y += block.gap ?? 0;
    for (const line of wrapText(block.text, inner, (text) => context.measureText(text).width)) {
      laid.push({ ...block, line, y });
      y += Math.round(block.size * 1.5);
    }
  }
  // the link and its QR code, so that a person who gets the picture can open the answer
  const grid = await qrGrid(url);
  const module = 3;
  const qrSide = (grid.size + 2 * QUIET) * module;
  const linkWidth = inner - qrSide - 12;
  context.font = `400 12px ${font}`;
  const linkLines = [WORDS.pictureLink, ...wrapText(url, linkWidth, (text) => context.measureText(text).width)];
  y += 12;
  const qrTop = y;
  y += Math.max(qrSide, linkLines.length * 18) + margin;

  canvas.width = width * scale;
  canvas.height = y * scale;
  context.scale(scale, scale);
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, y);
  context.fillStyle = tones[card.lead.tone] ?? "#000";
  context.fillRect(0, 0, 6, y); // the card's coloured edge, as on the page
  context.textBaseline = "top";
  for (const { line, y: top, size, weight, color } of laid) {
    context.font = `${weight ?? 400} ${size}px ${font}`;
    context.fillStyle = color ?? "#000";
    context.fillText(line, margin, top);
  }
  context.fillStyle = "#000";
  for (let row = 0; row < grid.size; row++) {
    for (let col = 0; col < grid.size; col++) {
      if (grid.dark(row, col)) context.fillRect(margin + (col + QUIET) * module, qrTop + (row + QUIET) * module, module, module);
    }
  }
  context.font = `400 12px ${font}`;
  context.fillStyle = "#333";
  linkLines.forEach((line, index) => context.fillText(line, margin + qrSide + 12, qrTop + QUIET * module + index * 18));

  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob((made) => (made ? resolve(made) : reject(new ReaderError(WORDS.pictureFailed))), "image/png"),
  );
  return { blob, lines: [...blocks.map((block) => block.text), url] }; // what was drawn, in order
}

/** @param {CalcForm} form @param {Card} card @param {string} url */
async function showPicture(form, card, url) {
  const { blob, lines } = await drawPicture(form, card, url);
  const href = URL.createObjectURL(blob);
  const name = `${(card.calendar_file || form.dataset.tool || "calculator").replace(/\.ics$/, "")}-${todayBeijing(Date.now())}.png`;
  openDialog(
    WORDS.picture,
    el("p", { text: WORDS.pictureHow }),
    el("img", { class: "calc-picture", src: href, "data-blob": "", alt: lines.join("\n"), "data-lines": JSON.stringify(lines) }),
    el("p", {}, el("a", { class: "md-button", href, download: name, "data-blob": "", "data-picture-download": "", text: WORDS.pictureDownload })),
  );
}

/**
 * Print this answer only (print.css and calculator.css: the tool marked data-print).
 * @param {CalcForm} form
 */
function printAnswer(form) {
  const section = form.closest("section");
  for (const other of document.querySelectorAll(".calc-tool[data-print]")) other.removeAttribute("data-print");
  section?.setAttribute("data-print", "");
  addEventListener("afterprint", () => section?.removeAttribute("data-print"), { once: true });
  print();
}

// ---------------------------------------------------------------- forms

/** @param {CalcForm} form @returns {Record<string, string | boolean | {unreadable: true}>} */
function requestOf(form) {
  /** @type {Record<string, string | boolean | {unreadable: true}>} */
  const request = { command: form.dataset.tool ?? "" };
  for (const input of inputsOf(form)) {
    // a date the browser cannot read (2027/02/30, an unfinished 2027/03) has the value "": it is
    // an error of that field, which Python names, never an empty field or today
    if (input.type === "date" && input.validity.badInput) request[input.name] = { unreadable: true };
    else if (input.type === "checkbox") request[input.name] = input.dataset.raw ?? input.checked;
    else request[input.name] = input.dataset.raw ?? input.value;
  }
  return request;
}

/** @param {CalcForm} form */
function shareUrl(form) {
  /** @type {Record<string, string | boolean>} */
  const values = {};
  const today = todayBeijing(Date.now());
  for (const input of inputsOf(form)) {
    // "today" is left out: whoever opens the link tomorrow gets their own today; so is a value
    // the form starts with (the threshold, a count of 0): the link says only what was entered
    if (input.dataset.raw === undefined) {
      if (input.dataset.default === "today" && input.value === today) continue;
      if (input.type !== "checkbox" && input.defaultValue !== "" && input.value === input.defaultValue) continue;
    }
    values[input.name] = input.type === "checkbox" ? input.checked : (input.dataset.raw ?? input.value);
  }
  const url = new URL(location.href);
  url.search = "";
  url.hash = shareSearch(form.dataset.tool ?? "", values);
  return url;
}

/** @param {CalcForm} form */
function clearErrors(form) {
  for (const node of form.querySelectorAll("[data-error-for]")) node.textContent = "";
  for (const input of inputsOf(form)) input.removeAttribute("aria-invalid");
  const general = form.querySelector("[data-form-error]");
  if (general) general.textContent = "";
}

/** @param {CalcForm} form @param {{field: string, message: string}} error */
function showError(form, error) {
  const slot = form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`) ?? form.querySelector("[data-form-error]");
  if (slot) slot.textContent = error.message;
  form.querySelector(`input[name="${CSS.escape(error.field)}"]`)?.setAttribute("aria-invalid", "true");
}

/** @param {CalcForm} form */
async function compute(form) {
  const output = part(form, "[data-result]");
  const sequence = (form.calcSequence = (form.calcSequence ?? 0) + 1);
  form.dataset.computed = "";
  output.setAttribute("aria-busy", "true"); // until the answer to this latest request is shown
  if (runtime.state !== "ready") {
    clearErrors(form);
    output.replaceChildren(el("p", { class: "calc-wait", text: WORDS.waitingForRuntime }));
  }
  let result;
  try {
    result = await ask(requestOf(form));
  } catch (error) {
    if (sequence !== form.calcSequence) return;
    clearErrors(form);
    output.removeAttribute("aria-busy");
    output.replaceChildren(el("p", { class: "calc-wait", text: WORDS.cannotCompute(error instanceof Error ? error.message : String(error)) }));
    return;
  }
  if (sequence !== form.calcSequence || !form.isConnected) return; // a newer input already won
  output.removeAttribute("aria-busy");
  clearErrors(form);
  if (!result.ok) {
    output.replaceChildren(); // no stale answer stays on screen
    document.title = pageTitle();
    showError(form, result.error);
    return;
  }
  // A link's text that Python read (2026/5/15, 是): the field now shows it as the form would.
  for (const input of inputsOf(form, "input[name][data-raw]")) {
    const value = result.fields?.[input.name];
    if (value === undefined) continue;
    if (input.type === "checkbox") input.checked = value === true;
    else input.value = String(value);
    if (input.type === "checkbox" || input.value === String(value)) delete input.dataset.raw;
  }
  const url = shareUrl(form);
  // the tab (and a bookmark of it) says the answer: 退出日 2026年5月30日 · 计算器 - …
  if (calculatorRoot()?.contains(form)) document.title = `${result.card.title} · ${pageTitle()}`;
  output.replaceChildren(
    el("div", { class: "calc-card", "data-tone": result.card.lead.tone }, renderCard(result.card, url.href)),
    shareRow(form, result.card, url.href),
  );
  if (calculatorRoot()?.contains(form)) history.replaceState(history.state, "", url);
}

/** The page's own title, before any answer was put in front of it. */
function pageTitle() {
  const root = calculatorRoot();
  if (root && root.dataset.title === undefined) root.dataset.title = document.title;
  return root?.dataset.title ?? document.title;
}

/** @param {CalcRoot} root @returns {CalcForm | null} */
function fillFromUrl(root) {
  const linked = linkedValues(location.search, location.hash);
  if (linked === null) return null;
  const { values } = linked;
  const tool = /** @type {string} */ (linked.tool); // linkedValues names one, or gives null
  // a link of before, with its values in the query: moved to the fragment, without a reload
  if (linked.legacy) history.replaceState(history.state, "", `${location.pathname}#${shareSearch(tool, values)}`);
  const form = /** @type {CalcForm | null} */ (root.querySelector(`form[data-tool="${CSS.escape(tool)}"]`));
  if (!form) {
    const note = /** @type {HTMLElement | null} */ (root.querySelector("[data-link-error]"));
    if (note) {
      note.hidden = false;
      note.textContent = WORDS.unknownTool(tool);
    }
    return null;
  }
  for (const input of inputsOf(form)) {
    delete input.dataset.raw;
    if (!(input.name in values)) {
      // what the link leaves out is the form's own value (its default, or today), also when the
      // link replaces an earlier one on this page
      input.value = input.dataset.default === "today" ? todayBeijing(Date.now()) : input.defaultValue;
      input.checked = input.defaultChecked;
      continue;
    }
    const value = values[input.name];
    if (input.type === "checkbox") {
      // Python reads the flag as the CLI does (是/否, yes/no, 1/0, true/false, on/off) or says
      // what is wrong: a value it does not know is never silently "no".
      input.checked = ["1", "true", "on", "yes", "是"].includes(value.trim().toLowerCase());
      input.dataset.raw = value;
    } else {
      input.value = value;
      // A date input silently drops what is not a valid date: keep the link's text so that
      // Python can say what is wrong with it, until the person edits the field.
      if (input.value !== value) input.dataset.raw = value;
    }
  }
  return form;
}

/** @param {ParentNode} scope */
function fillToday(scope) {
  const today = todayBeijing(Date.now());
  for (const input of inputsOf(scope, 'input[data-default="today"]')) {
    if (!input.value) input.value = today;
  }
}

/** @param {CalcForm} form */
function bindForm(form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compute(form);
  });
  /** @param {Event} event */
  const recompute = (event) => {
    // a date still being typed (its segments not all filled) waits; Enter or 计算 asks anyway
    if (event.type === "input" && event.target instanceof HTMLInputElement && event.target.validity.badInput) return;
    if (event.target instanceof HTMLElement) delete event.target.dataset.raw;
    const filled = inputsOf(form, "input[required]").every((input) => input.value.trim() !== "");
    if (runtime.state === "ready" && ("computed" in form.dataset || filled)) compute(form);
  };
  form.addEventListener("reset", () => {
    // after the browser has put the initial values back: today's date again, nothing shown
    setTimeout(() => {
      form.calcSequence = (form.calcSequence ?? 0) + 1;
      delete form.dataset.computed;
      for (const input of inputsOf(form)) delete input.dataset.raw;
      fillToday(form);
      clearErrors(form);
      part(form, "[data-result]").replaceChildren();
      part(form, "[data-result]").removeAttribute("aria-busy");
      document.title = pageTitle();
    });
  });
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
}

// ---------------------------------------------------------------- the page

/** @param {CalcRoot} root */
function renderStatus(root) {
  root.dataset.state = runtime.state === "ready" ? "ready" : runtime.state === "error" ? "error" : "loading";
  // "snapshot" or "normal": how the worker started Python (the tests check the fast path)
  if (runtime.timings?.start) root.dataset.runtimeStart = String(runtime.timings.start);
  if (runtime.timings) root.dataset.timings = JSON.stringify(runtime.timings); // tools/bench.py reads them
  const bar = /** @type {HTMLProgressElement | null} */ (root.querySelector("[data-progress]"));
  const text = /** @type {HTMLElement | null} */ (root.querySelector("[data-status-text]"));
  // the first loading sentence, as the page's markup says it
  if (text && text.dataset.initial === undefined) text.dataset.initial = text.textContent ?? "";
  const bytes = root.querySelector("[data-bytes]");
  const reached = runtime.state === "ready" ? 3 : STEPS.indexOf(runtime.step);
  if (bar) bar.value = progressValue(runtime.state, runtime.step, runtime.loaded, runtime.total);
  for (const item of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-step]"))) {
    const index = STEPS.indexOf(item.dataset.step ?? "");
    item.dataset.done = String(index < reached || runtime.state === "ready");
    item.toggleAttribute("aria-current", index === reached && runtime.state === "loading");
  }
  if (bytes) {
    bytes.textContent = runtime.total
      ? runtime.state === "ready" || reached >= 1
        ? WORDS.kept(megabytes(runtime.total))
        : WORDS.downloaded(megabytes(runtime.loaded), megabytes(runtime.total))
      : "";
  }
  const failure = part(root, "[data-load-error]");
  failure.hidden = runtime.state !== "error";
  if (runtime.state === "error") {
    part(failure, "[data-load-error-text]").textContent = runtime.message;
    if (text) text.textContent = WORDS.loadFailed;
  } else if (text) {
    text.textContent =
      runtime.state === "ready"
        ? WORDS.ready
        : runtime.step === "start"
          ? WORDS.starting
          : runtime.total
            ? WORDS.downloading(megabytes(runtime.total))
            : (text.dataset.initial ?? "");
  }
}

/** @param {CalcRoot} root */
function mount(root) {
  if (root.calcMounted) return;
  root.calcMounted = true;
  pageTitle(); // kept before an answer changes it
  root.dataset.mounted = ""; // the page's <head> checks this: calculator.js arrived and ran
  fillToday(root);
  for (const form of /** @type {NodeListOf<CalcForm>} */ (root.querySelectorAll("form[data-tool]"))) bindForm(form);
  root.querySelector("[data-retry]")?.addEventListener("click", () => {
    retryRuntime();
    // the answers that were waiting, or that failed, are asked again
    for (const form of /** @type {NodeListOf<CalcForm>} */ (root.querySelectorAll("form[data-tool]"))) if ("computed" in form.dataset) compute(form);
  });
  const update = () => (root.isConnected ? renderStatus(root) : runtime.listeners.delete(update));
  runtime.listeners.add(update);
  renderStatus(root);
  // the build names the worker by a hash of its content (sitebuild/runtime.py, sitebuild/pages.py): data-worker
  const wanted = new URL(root.dataset.worker ?? "missing-worker.mjs", location.href).href;
  const script = root.dataset.script ? new URL(root.dataset.script, location.href).search : OWN_VERSION;
  // (a copy of the page that lost this script's version, "Save page as" say, is not checked)
  if ((runtime.workerUrl && runtime.workerUrl !== wanted) || (OWN_VERSION && script !== OWN_VERSION)) {
    // Instant navigation brought a page of another build (a deploy while this tab was open):
    // load it whole, with its own scripts and worker, rather than mix two builds.
    location.reload();
    return;
  }
  runtime.workerUrl = wanted;
  startRuntime();
  openLinked(root);
  // A link to another answer on this page (the card's follow-up, a link pasted into this tab)
  // changes only the fragment: the page stays, the form it names is filled and answered.
  const onHash = () => (root.isConnected ? openLinked(root) : removeEventListener("hashchange", onHash));
  addEventListener("hashchange", onHash);
}

/**
 * Fill and answer the form a share link names, and bring it into view.
 * @param {CalcRoot} root
 */
function openLinked(root) {
  const linked = fillFromUrl(root);
  if (!linked) return;
  compute(linked);
  linked.closest("section")?.scrollIntoView();
}

function init() {
  document.querySelector("dialog.calc-dialog")?.remove(); // a page left by instant navigation
  const root = calculatorRoot();
  if (root) mount(root);
}

if (typeof document$ !== "undefined") document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
})();
