// The worker's build-time config (sitebuild/runtime.py inlines it where worker.mjs imports it).
interface WorkerConfig {
  pyodideVersion: string;
  indexURL: string;
  wheels: string[];
  lockInfo: Record<string, string>;
  snapshot?: string;
  stdLibURL?: string;
  deferStdlib?: boolean;
  /** a big file's URL → its parts in order: [URL, size, size on the wire] */
  parts?: Record<string, [string, number, number][]>;
}
