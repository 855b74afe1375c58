// The calculator page: forms in, answer cards out, Python in a Web Worker.
//
// Loaded on every page (it is small); it does nothing unless the page has [data-calculator],
// so no other page loads any byte of the Python runtime. It starts inside Material's
// document$ so it survives instant navigation, and keeps one worker for the whole visit.
// Every text that comes from a person or from the answer goes in with textContent.
// A classic script (not a module), so that it also runs from file://, where it says what to do.
(() => {
"use strict";

const LOAD_TIMEOUT_MS = 30000;
const WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const STATUS_ZH = { ok: "正常", at_risk: "有风险", triggered: "已触发" };
const RULE_ZH = {
  deposit: "自缴保证金",
  complaints: "有效投诉",
  fake_transactions: "虚假交易",
  disputes: "有责纠纷",
  false_materials: "材料严重不实",
  sales_target: "销售指标",
  other: "其他严重违规",
};
const STEPS = ["download", "start", "ready"];
const SVG_NS = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------- the runtime (one per visit)

const runtime = {
  state: "idle", // idle → loading → ready | error
  step: "download",
  message: "",
  promise: null,
  worker: null,
  workerUrl: null,
  pending: new Map(),
  nextId: 1,
  listeners: new Set(),
};

function setRuntime(changes) {
  Object.assign(runtime, changes);
  for (const listener of runtime.listeners) listener();
}

/** The one promise for readiness: starts the worker on first call, never twice. */
function startRuntime() {
  if (runtime.promise) return runtime.promise;
  setRuntime({ state: "loading", step: "download" });
  runtime.promise = new Promise((resolve, reject) => {
    const fail = (message) => {
      clearTimeout(timer);
      runtime.worker?.terminate();
      for (const { reject: rejectOne } of runtime.pending.values()) rejectOne(new Error(message));
      runtime.pending.clear();
      setRuntime({ state: "error", message });
      dispatchEvent(new Event("calculator:settled"));
      reject(new Error(message));
    };
    const timer = setTimeout(
      () => fail(`计算器在 ${LOAD_TIMEOUT_MS / 1000} 秒内没有加载完成（网络太慢，或文件缺失）。`),
      LOAD_TIMEOUT_MS,
    );
    if (location.protocol === "file:") {
      fail(
        "这个页面是直接从文件打开的（file://），浏览器不允许这样启动 Python 运行环境。" +
          "请在站点文件夹里运行 python3 serve.py（在项目里也可以运行 make serve），" +
          "再用浏览器打开 127.0.0.1:8000/calculator/ 。文档的其他页面可以照常阅读。",
      );
      return;
    }
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      fail("这个浏览器不支持 WebAssembly 或 Web Worker，无法在页面里运行计算器。");
      return;
    }
    // The page's <head> may have started the worker already (hooks/runtime.py): adopt it, and
    // hear what it said before this script ran.
    const early = window.__calculatorWorker;
    delete window.__calculatorWorker;
    if (early && early.url !== runtime.workerUrl) early.worker.terminate();
    let worker;
    try {
      worker = early?.url === runtime.workerUrl ? early.worker : new Worker(runtime.workerUrl, { type: "module" });
    } catch (error) {
      fail(`无法启动计算器的后台线程：${error.message}`);
      return;
    }
    runtime.worker = worker;
    worker.onerror = (event) => {
      event.preventDefault();
      fail(`计算器的后台线程出错：${event.message || "脚本无法加载"}`);
    };
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        setRuntime({ step: data.step });
      } else if (data.type === "ready") {
        clearTimeout(timer);
        setRuntime({ state: "ready", step: "ready", timings: data.timings });
        resolve();
        dispatchEvent(new Event("calculator:settled")); // site.js registers the service worker now
        // keep the runtime for offline use: the service worker caches its files (sw.js)
        navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage({ type: "cache-runtime" }));
      } else if (data.type === "error") {
        fail(`Python 运行环境没有启动成功：${data.message}`);
      } else if (runtime.pending.has(data.id)) {
        const { resolve: resolveOne, reject: rejectOne } = runtime.pending.get(data.id);
        runtime.pending.delete(data.id);
        if (data.error) rejectOne(new Error(data.error));
        else resolveOne(data.result);
      }
    };
    if (early?.worker === worker) {
      for (const event of early.queue) (event.type === "error" ? worker.onerror : worker.onmessage)(event);
    }
  });
  runtime.promise.catch(() => {}); // shown on the page by the listeners; never unhandled
  return runtime.promise;
}

/** Send one request (the CLI's dict) to Python; resolves with calculator.handle's result. */
async function ask(request) {
  const ready = startRuntime();
  if (runtime.state === "error") await ready; // rejects with the reason
  // Sent at once: the worker answers as soon as Python is ready, without a round trip first.
  // If the runtime fails instead, fail() rejects every pending request with its reason.
  return new Promise((resolve, reject) => {
    const id = runtime.nextId++;
    runtime.pending.set(id, { resolve, reject });
    runtime.worker.postMessage({ id, request });
  });
}

// ---------------------------------------------------------------- small helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function parseIso(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0–99 to 1900–1999
  return date;
}

function formatDateZh(iso) {
  const date = parseIso(iso);
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日（${WEEKDAYS[date.getUTCDay()]}）`;
}

function daysBetween(fromIso, toIso) {
  return Math.round((parseIso(toIso) - parseIso(fromIso)) / 86400000);
}

/** Today in Beijing (UTC+8), whatever the device's own time zone (R1). */
function todayBeijing() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function timeEl(iso) {
  return el("time", { datetime: iso, text: formatDateZh(iso) });
}

/** An answer field: data-field="<json key>", data-value for machines, words for people. */
function field(key, value, content) {
  return el("span", { "data-field": key, "data-value": value === null ? "" : String(value) }, content);
}

function dateField(key, iso, fallback = "无法计算") {
  if (!iso) return field(key, null, fallback);
  return el("span", { "data-field": key }, timeEl(iso));
}

function row(label, ...value) {
  return el("div", { class: "calc-row" }, el("dt", { text: label }), el("dd", {}, ...value));
}

function daysText(days) {
  if (days > 0) return `还有 ${days} 天`;
  if (days === 0) return "就是今天";
  return `已过去 ${-days} 天`;
}

// ---------------------------------------------------------------- timeline (inline SVG)

/**
 * A horizontal timeline: points [{iso, label, tone}] placed by date, and bands [{from, to, label,
 * tone}] drawn under them; labels alternate above and below the line so close dates stay
 * readable. The drawing is as wide as the calculator, so its text keeps its size on a phone.
 */
function timeline(points, caption, bands = []) {
  const sorted = points.filter((p) => p.iso).sort((a, b) => (a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : 0));
  if (sorted.length < 2) return null;
  const width = Math.round(Math.max(320, Math.min(640, document.querySelector("[data-calculator]")?.clientWidth ?? 640)));
  const left = 50;
  const right = width - 50;
  const first = sorted[0].iso;
  const span = Math.max(1, daysBetween(first, sorted[sorted.length - 1].iso));
  const xOf = (iso) => left + ((right - left) * daysBetween(first, iso)) / span;
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} 120`);
  svg.setAttribute("class", "calc-timeline");
  svg.setAttribute("role", "img");
  const described = [...bands.map((b) => `${b.label} ${formatDateZh(b.from)} 至 ${formatDateZh(b.to)}`),
    ...sorted.map((p) => `${p.label} ${formatDateZh(p.iso)}`)];
  svg.setAttribute("aria-label", `${caption}：${described.join("，")}`);
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  add("line", { x1: left, y1: 60, x2: right, y2: 60, class: "calc-tl-axis" });
  for (const band of bands) {
    const x1 = xOf(band.from);
    const x2 = Math.max(x1 + 2, xOf(band.to));
    add("rect", { x: x1, y: 55, width: x2 - x1, height: 10, rx: 3, class: `calc-tl-band calc-tl-${band.tone}` });
  }
  sorted.forEach((point, index) => {
    const x = xOf(point.iso);
    const above = index % 2 === 0;
    const anchor = x < left + 30 ? "start" : x > right - 30 ? "end" : "middle";
    const tx = anchor === "start" ? x - 8 : anchor === "end" ? x + 8 : x;
    add("circle", { cx: x, cy: 60, r: 6, class: `calc-tl-dot calc-tl-${point.tone || "plain"}` });
    add("text", { x: tx, y: above ? 40 : 88, "text-anchor": anchor, class: "calc-tl-label" }, point.label);
    add("text", { x: tx, y: above ? 22 : 106, "text-anchor": anchor, class: "calc-tl-date" }, point.iso);
  });
  const legend = bands.map((band) => el("span", { class: `calc-tl-key calc-tl-${band.tone}`, text: band.label }));
  return el("figure", { class: "calc-figure" }, svg, el("figcaption", {}, caption, ...legend));
}

// ---------------------------------------------------------------- calendar file (.ics)

function icsEscape(text) {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/** Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
function icsFold(line) {
  const encoder = new TextEncoder();
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function icsDate(iso) {
  const date = parseIso(iso);
  return `${String(date.getUTCFullYear()).padStart(4, "0")}${String(date.getUTCMonth() + 1).padStart(2, "0")}${String(date.getUTCDate()).padStart(2, "0")}`;
}

function nextDayIso(iso) {
  const date = parseIso(iso);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function buildIcs(events) {
  const stamp = `${new Date().toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//1688-exit-guide//calculator//ZH", "CALSCALE:GREGORIAN"];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.key}-${event.iso}@calculator.invalid`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(event.iso)}`,
      `DTEND;VALUE=DATE:${icsDate(nextDayIso(event.iso))}`,
      `SUMMARY:${icsEscape(event.summary)}`,
      `DESCRIPTION:${icsEscape(event.description)}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(icsFold).join("\r\n")}\r\n`;
}

function calendarLink(events, filename) {
  const usable = events.filter((event) => event.iso && event.iso <= "9999-12-30");
  if (!usable.length) return null;
  const blob = new Blob([buildIcs(usable)], { type: "text/calendar;charset=utf-8" });
  return el("a", {
    class: "md-button calc-ics",
    href: URL.createObjectURL(blob),
    download: filename,
    "data-ics": "",
    text: "加入日历（.ics）",
  });
}

// ---------------------------------------------------------------- answer cards

const CARDS = {
  exit(a) {
    const basis =
      a.basis === "confirmed"
        ? `阿里巴巴确认的更早日期，比第 15 日早 ${a.days_early} 天`
        : "申请后的第 15 日（申请当天不算）";
    return [
      el("p", { class: "calc-headline" }, "退出生效日：", dateField("exit_date", a.exit_date)),
      el(
        "dl",
        {},
        row("申请日", dateField("applied", a.applied)),
        row("依据", field("basis", a.basis, basis)),
        row("第 15 日", dateField("fifteenth_day", a.fifteenth_day)),
      ),
      timeline(
        [
          { iso: a.applied, label: "申请", tone: "plain" },
          { iso: a.exit_date, label: "退出生效", tone: "main" },
          ...(a.basis === "confirmed" && a.exit_date !== a.fifteenth_day
            ? [{ iso: a.fifteenth_day, label: "第15日", tone: "muted" }]
            : []),
        ],
        "从申请到退出",
      ),
      el(
        "p",
        { class: "calc-next" },
        "下一步：退出后 3 个月内不能重新加入。",
        el("a", { href: `?tool=reentry&exit_date=${a.exit_date}#reentry`, "data-followup": "reentry", text: "算一算最早哪天能重新加入 →" }),
      ),
      calendarLink(
        [{ key: "exit", iso: a.exit_date, summary: "退出 VIP批发中心生效", description: `申请日 ${a.applied}；依据：${basis}` }],
        "退出生效日.ics",
      ),
    ];
  },

  notice(a) {
    return [
      el("p", { class: "calc-headline" }, "最晚申请日：", dateField("apply_by", a.apply_by)),
      el(
        "dl",
        {},
        row("想要退出的日期", dateField("exit_on", a.exit_on)),
        row("查询日", dateField("on", a.on)),
        row(
          "距最晚申请日",
          field("days_left", a.days_left, a.in_time ? daysText(a.days_left) : `已晚了 ${-a.days_left} 天`),
        ),
        row(
          "来得及吗",
          field("in_time", a.in_time, a.in_time ? "来得及：在最晚申请日当天或之前提交即可" : "按 15 天通知期已来不及"),
        ),
      ),
      timeline(
        [
          { iso: a.on, label: "今天", tone: "muted" },
          { iso: a.apply_by, label: "最晚申请", tone: a.in_time ? "warn" : "bad" },
          { iso: a.exit_on, label: "退出", tone: "main" },
        ],
        "申请与退出",
      ),
      el(
        "p",
        { class: "calc-next" },
        a.in_time
          ? "下一步：以阿里巴巴认可的书面形式提出申请，并保留提交记录。"
          : "下一步：仍可申请，并请阿里巴巴确认一个更早的退出日期；否则退出日是申请后的第 15 日。",
      ),
      calendarLink(
        [{ key: "apply-by", iso: a.apply_by, summary: "最晚提交 VIP批发中心退出申请", description: `想在 ${a.exit_on} 退出` }],
        "最晚申请日.ics",
      ),
    ];
  },

  reentry(a) {
    return [
      el("p", { class: "calc-headline" }, "最早可重新加入：", dateField("earliest_rejoin", a.earliest_rejoin)),
      el(
        "dl",
        {},
        row("退出日", dateField("exit_date", a.exit_date)),
        row("禁止重新加入的最后一天", dateField("ban_last_day", a.ban_last_day)),
        row("查询日", dateField("on", a.on)),
        row(
          "现在能加入吗",
          field("eligible", a.eligible, a.eligible ? "已经可以重新申请加入" : "还不能重新加入"),
          " ",
          field("days_left", a.days_left, a.eligible ? "" : `（还需等待 ${a.days_left} 天）`),
        ),
      ),
      timeline(
        [
          { iso: a.exit_date, label: "退出", tone: "plain" },
          { iso: a.on, label: "查询日", tone: "muted" },
          { iso: a.earliest_rejoin, label: "可重新加入", tone: "good" },
        ],
        "退出后的 3 个月禁入期",
        [{ from: a.exit_date, to: a.ban_last_day, label: "禁入期", tone: "bad" }],
      ),
      el("p", { class: "calc-next" }, "这是主动退出的规则；被强制清退后，来源没有规定等待期。"),
      calendarLink(
        [{ key: "rejoin", iso: a.earliest_rejoin, summary: "可以重新申请加入 VIP批发中心", description: `退出日 ${a.exit_date}；禁入期到 ${a.ban_last_day}` }],
        "重新加入.ics",
      ),
    ];
  },

  risk(a) {
    const nodes = [
      el(
        "p",
        { class: "calc-headline" },
        el("span", { "data-field": "on" }, "截至 ", timeEl(a.on)),
        "，总体：",
        el("span", { class: `calc-badge calc-${a.level}`, "data-field": "level", "data-value": a.level, text: STATUS_ZH[a.level] }),
      ),
      el(
        "ul",
        { class: "calc-rules", "data-field": "rules" },
        a.rules.map((rule) =>
          el(
            "li",
            { "data-rule": rule.id, "data-value": rule.status, class: `calc-rule calc-${rule.status}` },
            el("strong", { text: `${RULE_ZH[rule.id] ?? rule.id}：` }),
            el("span", { class: `calc-badge calc-${rule.status}`, text: STATUS_ZH[rule.status] }),
            el("span", { class: "calc-reason", text: rule.reason }),
            rule.status === "ok" ? null : el("span", { class: "calc-advice", text: `怎么办：${rule.advice}` }),
          ),
        ),
      ),
    ];
    const d = a.deposit;
    if (d) {
      nodes.push(
        el(
          "dl",
          { class: "calc-deposit" },
          row("自缴保证金余额", field("deposit.balance", d.balance, `${d.balance} 元`)),
          row("门槛", field("deposit.threshold", d.threshold, `${d.threshold} 元`)),
          row("需补缴", field("deposit.amount_needed", d.amount_needed, `${d.amount_needed} 元`)),
          d.below_since ? row("低于门槛的日期", dateField("deposit.below_since", d.below_since)) : null,
        ),
      );
      if (d.safe_deadline) {
        nodes.push(
          el(
            "div",
            { class: "calc-deadlines" },
            el(
              "div",
              { class: "calc-deadline calc-safe" },
              el("h4", { text: "稳妥期限（以此为准）" }),
              dateField("deposit.safe_deadline", d.safe_deadline),
              el("p", { text: `余额低于门槛的次日起算 3 天，到这一天 24:00（北京时间）。${daysText(d.days_left)}。` }),
            ),
            el(
              "div",
              { class: "calc-deadline calc-legal" },
              el("h4", { text: "节假日顺延后最晚可主张" }),
              dateField("deposit.legal_deadline", d.legal_deadline),
              el("p", {}, d.legal_deadline
                ? "民法典第二百零三条：期限最后一天是法定休假日的，顺延到休假日结束后的第一天。平台未必认可，只作为争取的依据。"
                : field("deposit.legal_deadline_note", d.legal_deadline_note, d.legal_deadline_note)),
            ),
          ),
          timeline(
            [
              { iso: d.below_since, label: "低于门槛", tone: "plain" },
              { iso: d.safe_deadline, label: "稳妥期限", tone: "bad" },
              ...(d.legal_deadline && d.legal_deadline !== d.safe_deadline
                ? [{ iso: d.legal_deadline, label: "顺延后", tone: "warn" }]
                : []),
            ],
            "保证金补缴期限",
            [{ from: d.below_since, to: d.safe_deadline, label: "补缴期", tone: "bad" }],
          ),
          calendarLink(
            [
              { key: "deposit-safe", iso: d.safe_deadline, summary: `补缴自缴保证金 ${d.amount_needed} 元（稳妥期限）`, description: "到当天 24:00（北京时间）" },
              ...(d.legal_deadline && d.legal_deadline !== d.safe_deadline
                ? [{ key: "deposit-legal", iso: d.legal_deadline, summary: "保证金补缴：节假日顺延后的最晚期限", description: "仅作为争取的依据；以稳妥期限为准" }]
                : []),
            ],
            "保证金补缴期限.ics",
          ),
        );
      }
    }
    return nodes;
  },
};

// ---------------------------------------------------------------- forms

function requestOf(form) {
  const request = { command: form.dataset.tool };
  for (const input of form.querySelectorAll("input[name]")) {
    if (input.type === "checkbox") request[input.name] = input.checked;
    else request[input.name] = input.dataset.raw ?? input.value;
  }
  return request;
}

function shareUrl(form) {
  const params = new URLSearchParams({ tool: form.dataset.tool });
  for (const input of form.querySelectorAll("input[name]")) {
    if (input.type === "checkbox") {
      if (input.checked) params.set(input.name, "1");
    } else {
      const value = input.dataset.raw ?? input.value;
      if (value.trim() !== "") params.set(input.name, value);
    }
  }
  const url = new URL(location.href);
  url.search = params.toString();
  url.hash = form.dataset.tool;
  return url;
}

function clearErrors(form) {
  for (const node of form.querySelectorAll("[data-error-for]")) node.textContent = "";
  for (const input of form.querySelectorAll("input[name]")) input.removeAttribute("aria-invalid");
  const general = form.querySelector("[data-form-error]");
  if (general) general.textContent = "";
}

function showError(form, error) {
  const slot = form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`) ?? form.querySelector("[data-form-error]");
  slot.textContent = error.message;
  form.querySelector(`input[name="${CSS.escape(error.field)}"]`)?.setAttribute("aria-invalid", "true");
}

async function compute(form) {
  const output = form.querySelector("[data-result]");
  const sequence = (form.calcSequence = (form.calcSequence ?? 0) + 1);
  form.dataset.computed = "";
  output.setAttribute("aria-busy", "true"); // until the answer to this latest request is shown
  if (runtime.state !== "ready") {
    clearErrors(form);
    output.replaceChildren(el("p", { class: "calc-wait", text: "正在准备计算器，就绪后会自动给出结果……" }));
  }
  let result;
  try {
    result = await ask(requestOf(form));
  } catch (error) {
    if (sequence !== form.calcSequence) return;
    clearErrors(form);
    output.removeAttribute("aria-busy");
    output.replaceChildren(el("p", { class: "calc-wait", text: `无法计算：${error.message}` }));
    return;
  }
  if (sequence !== form.calcSequence || !form.isConnected) return; // a newer input already won
  output.removeAttribute("aria-busy");
  clearErrors(form);
  if (!result.ok) {
    output.replaceChildren(); // no stale answer stays on screen
    showError(form, result.error);
    return;
  }
  output.replaceChildren(el("div", { class: "calc-card" }, CARDS[form.dataset.tool](result.answer)));
  const url = shareUrl(form);
  if (document.querySelector("[data-calculator]")?.contains(form)) history.replaceState(history.state, "", url);
  const share = form.querySelector("[data-share]");
  if (share) share.dataset.url = url.href;
}

function fillFromUrl(root) {
  const params = new URLSearchParams(location.search);
  const form = root.querySelector(`form[data-tool="${CSS.escape(params.get("tool") ?? "")}"]`);
  if (!form) return null;
  for (const input of form.querySelectorAll("input[name]")) {
    if (!params.has(input.name)) continue;
    const value = params.get(input.name);
    if (input.type === "checkbox") {
      input.checked = ["1", "true", "on"].includes(value);
    } else {
      input.value = value;
      // A date input silently drops what is not a valid date: keep the link's text so that
      // Python can say what is wrong with it, until the person edits the field.
      if (input.value !== value) input.dataset.raw = value;
    }
  }
  return form;
}

function fillToday(scope) {
  const today = todayBeijing();
  for (const input of scope.querySelectorAll('input[data-default="today"]')) {
    if (!input.value) input.value = today;
  }
}

function bindForm(form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compute(form);
  });
  const recompute = (event) => {
    delete event.target.dataset.raw;
    const filled = [...form.querySelectorAll("input[required]")].every((input) => input.value.trim() !== "");
    if (runtime.state === "ready" && ("computed" in form.dataset || filled)) compute(form);
  };
  form.addEventListener("reset", () => {
    // after the browser has put the initial values back: today's date again, nothing shown
    setTimeout(() => {
      form.calcSequence = (form.calcSequence ?? 0) + 1;
      delete form.dataset.computed;
      for (const input of form.querySelectorAll("input[name]")) delete input.dataset.raw;
      fillToday(form);
      clearErrors(form);
      form.querySelector("[data-result]").replaceChildren();
      form.querySelector("[data-result]").removeAttribute("aria-busy");
      form.querySelector("[data-share-note]").textContent = "";
    });
  });
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
  form.querySelector("[data-share]")?.addEventListener("click", async (event) => {
    const button = event.currentTarget;
    const url = button.dataset.url || shareUrl(form).href;
    const note = form.querySelector("[data-share-note]");
    try {
      await navigator.clipboard.writeText(url);
      note.textContent = "链接已复制，可以收藏或发给别人。";
    } catch {
      note.textContent = `请复制这个链接：${url}`;
    }
  });
}

// ---------------------------------------------------------------- the page

function renderStatus(root) {
  root.dataset.state = runtime.state === "ready" ? "ready" : runtime.state === "error" ? "error" : "loading";
  // "snapshot" or "normal": how the worker started Python (the tests check the fast path)
  if (runtime.timings?.start) root.dataset.runtimeStart = runtime.timings.start;
  const bar = root.querySelector("[data-progress]");
  const text = root.querySelector("[data-status-text]");
  const reached = runtime.state === "ready" ? 3 : STEPS.indexOf(runtime.step);
  if (bar) bar.value = Math.max(0.3, reached);
  for (const item of root.querySelectorAll("[data-step]")) {
    const index = STEPS.indexOf(item.dataset.step);
    item.dataset.done = String(index < reached || runtime.state === "ready");
    item.toggleAttribute("aria-current", index === reached && runtime.state === "loading");
  }
  const failure = root.querySelector("[data-load-error]");
  if (runtime.state === "error") {
    failure.hidden = false;
    failure.querySelector("[data-load-error-text]").textContent = runtime.message;
    if (text) text.textContent = "计算器加载失败。";
  } else if (text) {
    text.textContent =
      runtime.state === "ready"
        ? "计算器已就绪：填写或修改后会立即重新计算。"
        : runtime.step === "start"
          ? "正在启动 Python……表单可以先填写，结果会在就绪后自动出现。"
          : "正在下载运行环境……表单可以先填写，结果会在就绪后自动出现。";
  }
}

function mount(root) {
  if (root.calcMounted) return;
  root.calcMounted = true;
  fillToday(root);
  for (const form of root.querySelectorAll("form[data-tool]")) bindForm(form);
  const update = () => (root.isConnected ? renderStatus(root) : runtime.listeners.delete(update));
  runtime.listeners.add(update);
  renderStatus(root);
  // the build names the worker by a hash of its content (hooks/runtime.py): data-worker
  runtime.workerUrl ??= new URL(root.dataset.worker ?? "missing-worker.mjs", location.href).href;
  startRuntime();
  const linked = fillFromUrl(root);
  if (linked) {
    compute(linked);
    linked.closest("section")?.scrollIntoView();
  }
}

function init() {
  const root = document.querySelector("[data-calculator]");
  if (root) mount(root);
}

if (typeof document$ !== "undefined") document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
})();
