// Build-time helper of hooks/runtime.py (run with `node`): start Pyodide from the pinned npm
// package, install our wheels, import everything the calculator's worker uses, answer a set of
// requests, and then either
//
//   node hooks/snapshot.mjs trace <stdlib.zip> <out.json> <wheel>...
//     write the standard-library files the interpreter has loaded (JSON list of zip member names);
//   node hooks/snapshot.mjs snapshot <stdlib.zip> <out.bin> <wheel>...
//     write a memory snapshot of that interpreter (Pyodide's private `_makeSnapshot` API), which
//     the worker passes to `loadPyodide({_loadSnapshot})`.
//
// A snapshot holds the wasm memory only, not the files: a module that is not imported here is
// not in it, and the wheels' files are not installed when the worker starts from it. So this
// script imports every module of both packages (but calculator.cli and __main__: argparse is
// big and the worker never uses them) and checks that, after the warm-up requests, no .py file
// of the wheels is left unimported. Free heap blocks are zeroed before the snapshot is taken.
// The stdlib zip given here must be the very file the browser is given (`stdLibURL`): zipimport
// keeps its directory (member offsets) in memory, so it has to match the file under /lib later.
//
// A snapshot is only valid with the same pyodide.asm.wasm/.mjs (Pyodide checks a build id).
import { loadPyodide } from "pyodide";
import fs from "node:fs";

const [mode, stdlib, out, ...wheels] = process.argv.slice(2);
if (!["trace", "snapshot"].includes(mode) || !out || wheels.length === 0) {
  console.error("usage: node hooks/snapshot.mjs trace|snapshot <stdlib.zip> <out> <wheel>...");
  process.exit(2);
}
// Nothing is ever fetched from the network at build time.
globalThis.fetch = async (/** @type {string | URL | Request} */ url) => {
  throw new Error(`snapshot.mjs must not fetch ${url}`);
};

const started = performance.now();
const lockInfo = JSON.parse(
  fs.readFileSync(new URL("../node_modules/pyodide/pyodide-lock.json", import.meta.url), "utf8"),
).info;
const pyodide = await loadPyodide({
  _makeSnapshot: mode === "snapshot",
  // -OO: no docstrings (nor asserts; the packages have none) in the snapshot: 7 % smaller.
  // A fixed hash seed: the same inputs make the same snapshot, so a rebuild with no change
  // keeps its address and returning readers download nothing again (the restored interpreter
  // keeps the seed of the snapshot in any case).
  env: { PYTHONOPTIMIZE: "2", PYTHONHASHSEED: "0" },
  stdLibURL: stdlib,
  // The worker passes its lock inline too: keep the snapshot's state the same.
  lockFileContents: { info: lockInfo, packages: {} },
});
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const path of wheels) {
  const bytes = fs.readFileSync(path);
  pyodide.unpackArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), "wheel", {
    extractDir: sitePackages,
  });
}

// Must match the worker's use: `_handle` is looked up in the globals after a restore.
const report = pyodide.runPython(`
import importlib, json, pkgutil, sys
importlib.invalidate_caches()

# Everything the worker uses, and every module of our two packages (no lazy import left).
import calculator, chinese_calendar
for package in (calculator, chinese_calendar):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name not in ("calculator.__main__", "calculator.cli"):
            importlib.import_module(info.name)

from calculator.api import handle_json as _handle

# Warm-up: every example of the contract and a bad value of every field; whatever they
# import at call time (decimal contexts, calendar, unicodedata, re caches, the answer's card)
# is imported now.
from calculator.warmup import warmup_requests
_WARM = warmup_requests()
_answers = [json.loads(_handle(json.dumps(request, ensure_ascii=False))) for request in _WARM]
if not (_answers[0]["ok"] and _answers[0]["answer"]["exit_date"] == "2026-05-30"):
    raise RuntimeError(f"unexpected answer: {_answers[0]}")
if sum(answer["ok"] for answer in _answers) < len(calculator.COMMANDS):
    raise RuntimeError("the warm-up examples did not give an answer for every command")

import site
_site = site.getsitepackages()[0]
_zip = next(path for path in sys.path if path.endswith(".zip"))
_files = sorted({getattr(module, "__file__", None) or "" for module in list(sys.modules.values())} - {""})
_outside = [f for f in _files if not f.startswith(_zip + "/") and not f.startswith(_site)]
json.dumps({
    "stdlib": [f[len(_zip) + 1:] for f in _files if f.startswith(_zip + "/")],
    "packages": [f for f in _files if f.startswith(_site)],
    "outside": _outside,
})
`);
const { stdlib: used, packages, outside } = JSON.parse(report);
if (outside.length) console.error(`snapshot.mjs: modules from unexpected places: ${outside.join(", ")}`);

if (mode === "trace") {
  fs.writeFileSync(out, JSON.stringify(used, null, 1) + "\n");
  console.log(`${used.length} stdlib files, ${packages.length} package files in use`);
} else {
  // The restored interpreter must find the packages' code in memory, not on disk: check that
  // every .py file of the wheels is imported (else a later import would fail after a restore).
  const unimported = pyodide.runPython(`
import os, sys
_loaded = {os.path.realpath(getattr(m, "__file__", None) or "") for m in list(sys.modules.values())}
[os.path.join(d, f) for d, _, names in os.walk(${JSON.stringify(sitePackages)}) for f in names
 if f.endswith(".py") and f not in ("__main__.py", "cli.py") and os.path.realpath(os.path.join(d, f)) not in _loaded]
`).toJs();
  if (unimported.length) {
    console.error(`snapshot.mjs: not imported, would be missing after a restore: ${unimported.join(", ")}`);
    process.exit(1);
  }
  // Drop what only the warm-up needed; keep the caches the answers use.
  pyodide.runPython("del _WARM, _answers, _files, _outside, _loaded, _site, _zip; import gc; gc.collect()");
  // Line tables (co_linetable): high-entropy bytes that only a traceback reads (it then lacks
  // line numbers; tracebacks go to the console only). The functions get copies of their code
  // without them; the old code objects are freed, then zeroed below.
  pyodide.runPython(`
import gc, sys, types
def _strip_line_tables():
    done = {}
    def strip(code):
        copy = done.get(id(code))
        if copy is None:
            consts = tuple(strip(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
            copy = done[id(code)] = code.replace(co_linetable=b"", co_consts=consts)
        return copy
    for thing in gc.get_objects():
        if isinstance(thing, types.FunctionType) and thing.__code__.co_linetable:
            thing.__code__ = strip(thing.__code__)
_strip_line_tables()
del _strip_line_tables
gc.collect()
sys._clear_internal_caches()
`);
  zeroFreeMemory(/** @type {any} */ (pyodide)._module); // Pyodide's private Emscripten module
  const snapshot = pyodide.makeMemorySnapshot();
  fs.writeFileSync(out, snapshot);
  console.log(
    `snapshot ${snapshot.length} bytes, ${used.length} stdlib files, ` +
      `${Math.round(performance.now() - started)} ms`,
  );
}

// Freed heap blocks still hold old bytes (module sources read from the zip, the wheels' files,
// warm-up data): allocate every free block, zero it, free it again. The snapshot then
// compresses about 20 % better. The wasm memory must not grow meanwhile: the browser's
// instance starts with the memory size the module declares, and a larger snapshot would not
// fit (RangeError: offset is out of bounds). So only allocate while the heap's break
// (sbrk(0)) stays well below the end of memory.
/** @param {any} Module Pyodide's Emscripten module (a private API) */
function zeroFreeMemory(Module) {
  const end = Module.HEAP8.length;
  const headroom = 256 << 10; // more than dlmalloc asks sbrk for beyond a request
  const held = [];
  for (let size = 1 << 20; size >= 16; size >>= 1) {
    while (end - (Module._sbrk(0) >>> 0) >= size + headroom) {
      const pointer = Module._malloc(size);
      if (!pointer) break;
      held.push(pointer);
      Module.HEAP8.fill(0, pointer, pointer + size);
    }
  }
  for (const pointer of held) Module._free(pointer);
  if (Module.HEAP8.length !== end) throw new Error(`memory grew from ${end} to ${Module.HEAP8.length}`);
}
