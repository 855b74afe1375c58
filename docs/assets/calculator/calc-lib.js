// The calculator page's pure functions: dates, the .ics text, share links, sizes. No DOM, no
// state: calculator.js uses them in the page, tests/js/ tests them with node --test.
// A classic script (it also runs from file://): it defines the one global CalcLib.
// @ts-check
"use strict";

/**
 * An ISO date as midnight UTC of that day (any year from 1 to 9999).
 * @param {string} iso YYYY-MM-DD
 * @returns {Date}
 */
function parseIso(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0–99 to 1900–1999
  return date;
}

/**
 * @param {string} fromIso
 * @param {string} toIso
 * @returns {number} whole days from the first date to the second
 */
function daysBetween(fromIso, toIso) {
  return Math.round((parseIso(toIso).getTime() - parseIso(fromIso).getTime()) / 86400000);
}

/**
 * Today in Beijing (UTC+8), whatever the device's own time zone.
 * @param {number} now milliseconds since the epoch (Date.now())
 * @returns {string} YYYY-MM-DD
 */
function todayBeijing(now) {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * @param {number} count bytes
 * @returns {string} megabytes with one decimal, as the loading progress shows them
 */
function megabytes(count) {
  return (count / 1e6).toFixed(1);
}

/**
 * How full the loading bar is: the download is most of the wait, so it fills up to 90 % as its
 * bytes arrive; starting Python takes it to 95 %; ready, 100 %. It never goes back.
 * @param {string} state the runtime's: idle, loading, ready or error
 * @param {string} step download, start or ready
 * @param {number} loaded bytes of the download so far
 * @param {number} total bytes of the whole download (0 while unknown)
 * @returns {number} from 0 to 1
 */
function progressValue(state, step, loaded, total) {
  if (state === "ready" || step === "ready") return 1;
  if (step === "start") return 0.95;
  return total > 0 ? 0.9 * Math.min(1, Math.max(0, loaded / total)) : 0;
}

// ---------------------------------------------------------------- calendar file (.ics)

/** @param {string} text */
function icsEscape(text) {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/** Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
/** @param {string} line */
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

/** @param {Date} date @returns {string} its UTC day as YYYYMMDD */
function icsDay(date) {
  return `${String(date.getUTCFullYear()).padStart(4, "0")}${String(date.getUTCMonth() + 1).padStart(2, "0")}${String(date.getUTCDate()).padStart(2, "0")}`;
}

/** @param {string} iso */
function icsDate(iso) {
  return icsDay(parseIso(iso));
}

/**
 * A Beijing wall-clock time as an iCalendar UTC time.
 * @param {string} local YYYY-MM-DDTHH:MM in Beijing time (UTC+8)
 * @returns {Date}
 */
function fromBeijing(local) {
  const [day, time] = local.split("T");
  const [hours, minutes] = time.split(":").map(Number);
  const date = parseIso(day);
  date.setUTCHours(hours - 8, minutes); // a negative hour is the previous day
  return date;
}

/** @param {Date} date @returns {string} YYYYMMDDTHHMMSSZ */
function icsTime(date) {
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map((n) => String(n).padStart(2, "0"));
  return `${icsDay(date)}T${time.join("")}Z`;
}

/** @param {string} iso */
function nextDayIso(iso) {
  const date = parseIso(iso);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The events a calendar file can hold: a day inside 0001-01-02…9999-12-30, so that the day
 * before (a reminder) and the day after (the end of an all-day event) are dates too.
 * @param {CalendarEvent[]} events
 * @returns {CalendarEvent[]}
 */
function calendarEvents(events) {
  return events.filter((event) => event.date && event.date > "0001-01-01" && event.date <= "9999-12-30");
}

/**
 * Events as an iCalendar file, each with a link back to the answer. A deadline (until_midnight)
 * is a timed event that ends at 24:00 Beijing time; any other is an all-day event. Reminders
 * are at the times Python gave (Beijing time); the ones already past at ``now`` are left out.
 * @param {CalendarEvent[]} events
 * @param {string} url the share link of the answer
 * @param {Date} now the file's time stamp
 * @returns {string}
 */
function buildIcs(events, url, now) {
  const stamp = icsTime(now);
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//1688-exit-guide//calculator//ZH", "CALSCALE:GREGORIAN"];
  for (const event of calendarEvents(events)) {
    const when = event.until_midnight
      ? [`DTSTART:${icsTime(fromBeijing(`${event.date}T00:00`))}`, `DTEND:${icsTime(fromBeijing(`${nextDayIso(event.date)}T00:00`))}`]
      : [`DTSTART;VALUE=DATE:${icsDate(event.date)}`, `DTEND;VALUE=DATE:${icsDate(nextDayIso(event.date))}`];
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.key}-${event.date}@calculator.invalid`,
      `DTSTAMP:${stamp}`,
      ...when,
      `SUMMARY:${icsEscape(event.summary)}`,
      `DESCRIPTION:${icsEscape(`${event.description}\n${url}`)}`,
      `URL:${url}`,
    );
    for (const alarm of event.alarms) {
      const at = fromBeijing(alarm.at);
      if (at.getTime() <= now.getTime()) continue;
      lines.push(
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        `DESCRIPTION:${icsEscape(alarm.text)}`,
        `TRIGGER;VALUE=DATE-TIME:${icsTime(at)}`,
        "END:VALARM",
      );
    }
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(icsFold).join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------- share links

/**
 * A share link's values: the tool, then each field that has a value (a ticked box as 1). They
 * go in the URL's fragment (#tool=exit&applied=…), which the browser never sends to a server.
 * @param {string} tool
 * @param {Record<string, string | boolean>} values a form's fields, by name
 * @returns {string}
 */
function shareSearch(tool, values) {
  const params = new URLSearchParams({ tool });
  for (const [name, value] of Object.entries(values)) {
    if (value === true) params.set(name, "1");
    else if (typeof value === "string" && value.trim() !== "") params.set(name, value);
  }
  return params.toString();
}

/**
 * What a share link asks for: its tool (null when it names none) and its other values, as text.
 * @param {string} search a link's fragment or query, with or without its "#" or "?"
 * @returns {{tool: string | null, values: Record<string, string>}}
 */
function readShareSearch(search) {
  const params = new URLSearchParams(search.replace(/^[#?]/, ""));
  /** @type {Record<string, string>} */
  const values = {};
  for (const [name, value] of params) if (name !== "tool") values[name] = value;
  return { tool: params.get("tool"), values };
}

/**
 * Where a link's values are: the fragment (#tool=…), or the query of a link made before they
 * moved there (?tool=…#exit), which still opens. Null when neither names a tool.
 * @param {string} search location.search
 * @param {string} hash location.hash
 * @returns {{tool: string | null, values: Record<string, string>, legacy: boolean} | null}
 */
function linkedValues(search, hash) {
  const inHash = readShareSearch(hash);
  if (inHash.tool !== null) return { ...inHash, legacy: false };
  const inQuery = readShareSearch(search);
  if (inQuery.tool !== null) return { ...inQuery, legacy: true };
  return null;
}

// ---------------------------------------------------------------- the saved picture

/**
 * A day as the answers write it, without the weekday: 2026年12月2日.
 * @param {string} iso YYYY-MM-DD
 */
function chineseDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/**
 * Break a line of text into lines no wider than ``width``, as Chinese is set: between any two
 * characters, except that a closing mark (，。）… ) never starts a line and a run of Latin letters
 * and digits (a date's 2026, a link) is kept whole where it fits.
 * @param {string} text
 * @param {number} width
 * @param {(text: string) => number} measure the width of a piece of text
 * @returns {string[]}
 */
function wrapText(text, width, measure) {
  const closing = /^[，。、；：？！）」』”’》〉…]/u;
  const pieces = text.match(/[A-Za-z0-9.,:/?=&%_~+\-#]+|[\s\S]/gu) ?? [];
  const lines = [];
  let line = "";
  for (const piece of pieces) {
    if (closing.test(piece)) {
      line += piece; // hangs past the edge if it must, as in print
      continue;
    }
    if (line && measure(line + piece) > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
    // a piece wider than the line on its own (a long link): cut it where it has to be
    while (measure(line) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut)) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

globalThis.CalcLib = Object.freeze({
  parseIso,
  daysBetween,
  todayBeijing,
  megabytes,
  progressValue,
  icsEscape,
  icsFold,
  buildIcs,
  calendarEvents,
  shareSearch,
  readShareSearch,
  linkedValues,
  chineseDate,
  wrapText,
});
