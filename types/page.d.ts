// Types for the page's scripts (docs/assets/calculator/*.js, docs/assets/javascripts/site.js),
// checked by `tsc -p tsconfig.json` in `make lint`. Nothing here ships to readers.

/** One event of the answer's calendar file (calculator/text.py makes them). */
// CalendarEvent, Card and the answers: types/answer.d.ts, made from the Python types.

/** calc-lib.js: the page's pure functions. */
interface CalcLibApi {
  parseIso(iso: string): Date;
  daysBetween(fromIso: string, toIso: string): number;
  todayBeijing(now: number): string;
  megabytes(count: number): string;
  progressValue(state: string, step: string, loaded: number, total: number): number;
  icsEscape(text: string): string;
  icsFold(line: string): string;
  buildIcs(events: CalendarEvent[], url: string, now: Date): string;
  calendarEvents(events: CalendarEvent[]): CalendarEvent[];
  shareSearch(tool: string, values: Record<string, string | boolean>): string;
  readShareSearch(search: string): { tool: string | null; values: Record<string, string> };
  linkedValues(
    search: string,
    hash: string,
  ): { tool: string | null; values: Record<string, string>; legacy: boolean } | null;
  chineseDate(iso: string): string;
  wrapText(text: string, width: number, measure: (text: string) => number): string[];
}

/** qrcode-generator (npm), loaded by the calculator when a QR code is first drawn. */
declare var qrcode:
  | ((typeNumber: number, errorCorrectionLevel: "L" | "M" | "Q" | "H") => {
      addData(data: string, mode?: "Byte"): void;
      make(): void;
      getModuleCount(): number;
      isDark(row: number, col: number): boolean;
    })
  | undefined;

declare var CalcLib: CalcLibApi;

/** Material for MkDocs: emits on every page load, instant navigation included. */
declare var document$: { subscribe(next: () => void): void } | undefined;

interface Window {
  /** The worker the page's <head> started before calculator.js ran (sitebuild/pages.py). */
  __calculatorWorker?: { url: string; worker: Worker; queue: Event[] };
  /** A test may shorten the stall limits (milliseconds by step). */
  calculatorStallMs?: Partial<Record<"download" | "start", number>>;
}

/** A calculator form, with the number of its latest request (an answer to an older one is dropped). */
interface CalcForm extends HTMLFormElement {
  calcSequence?: number;
}

/** The calculator's root element (data-calculator), set up once. */
interface CalcRoot extends HTMLElement {
  calcMounted?: boolean;
}

/** A QR code's modules: size × size, dark or light. */
interface QrGrid {
  size: number;
  dark(row: number, col: number): boolean;
}
