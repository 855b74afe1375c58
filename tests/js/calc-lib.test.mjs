// The page's pure functions (docs/assets/calculator/calc-lib.js), run as the page runs them: a
// classic script that defines CalcLib, here in a fresh V8 context of its own.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const source = fs.readFileSync(new URL("../../docs/assets/calculator/calc-lib.js", import.meta.url), "utf8");
const context = vm.createContext({ URLSearchParams, TextEncoder });
vm.runInContext(source, context);
/** @type {CalcLibApi} */
const lib = context.CalcLib;
/** A value made in the script's context, as a plain value of this one (for deepEqual). */
const plain = (/** @type {unknown} */ value) => JSON.parse(JSON.stringify(value));

test("dates: any year from 1 to 9999, whole days between", () => {
  assert.equal(lib.parseIso("0001-01-01").getUTCFullYear(), 1);
  assert.equal(lib.parseIso("0099-12-31").getUTCFullYear(), 99); // not 1999
  assert.equal(lib.daysBetween("2026-05-15", "2026-05-30"), 15);
  assert.equal(lib.daysBetween("2028-02-28", "2028-03-01"), 2); // a leap year
  assert.equal(lib.daysBetween("9999-12-30", "9999-12-31"), 1);
  assert.equal(lib.daysBetween("2026-05-30", "2026-05-15"), -15);
});

test("today is Beijing's date, whatever the device's zone", () => {
  assert.equal(lib.todayBeijing(Date.UTC(2026, 10, 28, 15, 59, 59)), "2026-11-28");
  assert.equal(lib.todayBeijing(Date.UTC(2026, 10, 28, 16, 0, 0)), "2026-11-29"); // midnight in Beijing
});

test("sizes in megabytes with one decimal", () => {
  assert.equal(lib.megabytes(5_412_345), "5.4");
  assert.equal(lib.megabytes(0), "0.0");
});

test("the loading bar fills to 90 % with the download, then 95 % starting, never back", () => {
  const total = 5_000_000;
  const steps = [
    ["loading", "download", 0, 0],
    ["loading", "download", 0, total],
    ["loading", "download", total / 2, total],
    ["loading", "download", total, total],
    ["loading", "start", total, total],
    ["ready", "ready", total, total],
  ].map(([state, step, loaded, all]) => lib.progressValue(String(state), String(step), Number(loaded), Number(all)));
  assert.deepEqual(steps, [0, 0, 0.45, 0.9, 0.95, 1]);
  assert.equal(lib.progressValue("loading", "download", total * 2, total), 0.9); // a server's wrong length
});

test(".ics text: escaped as RFC 5545 says", () => {
  assert.equal(lib.icsEscape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
});

test(".ics lines: folded at 75 octets, never inside a character", () => {
  const line = `SUMMARY:${"补缴保证金的稳妥期限，到这一天 24:00（北京时间）".repeat(4)}`;
  const folded = lib.icsFold(line);
  const parts = folded.split("\r\n");
  assert.ok(parts.length > 1);
  for (const [index, part] of parts.entries()) {
    assert.ok(Buffer.byteLength(part) <= 75, `line ${index} is ${Buffer.byteLength(part)} octets`);
    if (index > 0) assert.ok(part.startsWith(" "));
  }
  assert.equal(parts.map((part, index) => (index ? part.slice(1) : part)).join(""), line);
  assert.equal(lib.icsFold("SHORT:1"), "SHORT:1");
});

test(".ics file: an all-day event with its reminder the morning before, the link back", () => {
  const url = "http://127.0.0.1:8000/calculator/#tool=exit&applied=2026-12-16";
  const event = {
    key: "exit",
    date: "2026-12-31",
    summary: "退出日, 退出",
    description: "说明",
    until_midnight: false,
    alarms: [{ at: "2026-12-30T09:00", text: "明天：退出日" }],
  };
  const ics = lib.buildIcs([event], url, new Date(Date.UTC(2026, 10, 29, 12, 0, 0)));
  assert.ok(ics.endsWith("\r\n") && !/[^\r]\n/.test(ics));
  const unfolded = ics.replace(/\r\n /g, "");
  assert.match(unfolded, /\r\nDTSTART;VALUE=DATE:20261231\r\n/);
  assert.match(unfolded, /\r\nDTEND;VALUE=DATE:20270101\r\n/); // the next day, next year
  assert.match(unfolded, /\r\nTRIGGER;VALUE=DATE-TIME:20261230T010000Z\r\n/); // 09:00 Beijing
  assert.match(unfolded, /\r\nDTSTAMP:20261129T120000Z\r\n/);
  assert.ok(unfolded.includes(`\r\nURL:${url}\r\n`));
  assert.ok(unfolded.includes("SUMMARY:退出日\\, 退出"));
  assert.equal(unfolded.match(/BEGIN:VALARM/g)?.length, 1);
});

test(".ics file: a deadline runs to 24:00 Beijing; reminders already past are left out", () => {
  const event = {
    key: "deposit-safe",
    date: "2026-12-03",
    summary: "补交",
    description: "说明",
    until_midnight: true,
    alarms: [
      { at: "2026-12-02T09:00", text: "明天" },
      { at: "2026-12-03T09:00", text: "今天早上" },
      { at: "2026-12-03T20:00", text: "今天晚上" },
    ],
  };
  // made at 13:00 Beijing the day before: the morning-before reminder is already past
  const ics = lib.buildIcs([event], "u", new Date(Date.UTC(2026, 11, 2, 5, 0, 0)));
  const unfolded = ics.replace(/\r\n /g, "");
  assert.match(unfolded, /\r\nDTSTART:20261202T160000Z\r\n/); // 00:00 Beijing on the day
  assert.match(unfolded, /\r\nDTEND:20261203T160000Z\r\n/); // 24:00 Beijing
  assert.deepEqual(
    [...unfolded.matchAll(/TRIGGER;VALUE=DATE-TIME:(\w+)/g)].map((m) => m[1]),
    ["20261203T010000Z", "20261203T120000Z"],
  );
  assert.ok(!unfolded.includes("DESCRIPTION:明天"));
});

test(".ics file: only days whose neighbours are dates too", () => {
  const on = (/** @type {string} */ date) => ({ key: "k", date, summary: "s", description: "d", until_midnight: false, alarms: [] });
  const kept = lib.calendarEvents([on("0001-01-01"), on("0001-01-02"), on("9999-12-30"), on("9999-12-31"), on("")]);
  assert.deepEqual(plain(kept.map((event) => event.date)), ["0001-01-02", "9999-12-30"]);
});

test("share links: what goes in comes back, empty fields and unticked boxes left out", () => {
  const values = { applied: "2026/5/15", confirmed: "", note: "a&b=c#d 中文", flag: true, other: false };
  const search = lib.shareSearch("exit", values);
  assert.ok(search.startsWith("tool=exit&"));
  assert.deepEqual(plain(lib.readShareSearch(`?${search}`)), {
    tool: "exit",
    values: { applied: "2026/5/15", note: "a&b=c#d 中文", flag: "1" },
  });
  assert.deepEqual(plain(lib.readShareSearch("")), { tool: null, values: {} });
  assert.deepEqual(plain(lib.readShareSearch(`#${search}`)), plain(lib.readShareSearch(search)));
});

test("share links: the fragment first; a query link of before still opens, marked as such", () => {
  const fragment = lib.linkedValues("", "#tool=reentry&exit_date=2026-11-30");
  assert.deepEqual(plain(fragment), { tool: "reentry", values: { exit_date: "2026-11-30" }, legacy: false });
  const old = lib.linkedValues("?tool=exit&applied=2026-05-15", "#exit");
  assert.deepEqual(plain(old), { tool: "exit", values: { applied: "2026-05-15" }, legacy: true });
  // both: the fragment is the newer one
  assert.equal(lib.linkedValues("?tool=exit", "#tool=risk")?.tool, "risk");
  assert.equal(lib.linkedValues("", "#exit"), null); // a plain section anchor
  assert.equal(lib.linkedValues("?from=x", ""), null);
});

test("picture text: Chinese breaks anywhere but before a closing mark; Latin runs stay whole", () => {
  const measure = (/** @type {string} */ text) => [...text].length;
  assert.deepEqual(plain(lib.wrapText("退出日：2026年5月30日。", 6, measure)), ["退出日：", "2026年5", "月30日。"]);
  // a closing mark joins the line before it rather than starting a line
  assert.deepEqual(plain(lib.wrapText("一二三四五，六", 5, measure)), ["一二三四五，", "六"]);
  // what no line can hold is cut, and nothing is lost
  const link = "http://127.0.0.1:8000/calculator/#tool=exit&applied=2026-05-15";
  const lines = lib.wrapText(`链接：${link}`, 20, measure);
  assert.ok(lines.every((line) => measure(line) <= 20));
  assert.equal(lines.join(""), `链接：${link}`);
  assert.equal(lib.chineseDate("2026-12-02"), "2026年12月2日");
});
