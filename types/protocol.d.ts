// The messages between the calculator page (calculator.js) and its worker (worker.mjs).

/** calculator.handle's answer (calculator/api.py): the card is laid out as Python wrote it
 * (Answer and Card: types/answer.d.ts, made from the Python types by tools/answer_types.py). */
type HandleResult =
  | { ok: true; answer: Answer; card: Card; fields: Record<string, string | boolean> }
  | { ok: false; error: { field: string; message: string } };

/**
 * Page → worker: "start" once the page's own scripts and styles are in (the worker downloads
 * nothing before it, so they never wait behind the runtime); then one request per answer, the
 * CLI's dict (see docs/developers.md).
 */
type WorkerRequest = { type: "start" } | { type: "request"; id: number; request: Record<string, unknown> };

/** Worker → page. */
type WorkerMessage =
  /** Bytes arriving (download), or Python starting (start); note: a fallback was taken. */
  | { type: "progress"; step: "download" | "start"; loaded?: number; total?: number; note?: string }
  /** Python is ready; timings.start is "snapshot" or "normal". */
  | { type: "ready"; timings: Record<string, number | string> }
  /** The runtime could not start: a sentence in Chinese for the reader. */
  | { type: "error"; message: string }
  /** The answer to request id. */
  | { type: "answer"; id: number; result: HandleResult }
  /** Request id failed unexpectedly: a sentence in Chinese. */
  | { type: "failed"; id: number; error: string };
