// Run the core tests (and the package's doctests) inside real Pyodide under Node.js, offline.
//
//   node tests/pyodide/run.mjs [pytest args...]
//
// The wheels listed in tests/pyodide/requirements.txt must be in build/pyodide-wheels
// (`make test-pyodide` downloads them). The repository is mounted live at /repo, so the
// tests run against the working tree, with pyproject.toml's pytest settings.
// The exit code is pytest's; any attempt to reach the network fails the run.
import { loadPyodide } from "pyodide";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const wheelsDir = path.join(repo, "build/pyodide-wheels");

const realFetch = globalThis.fetch;
globalThis.fetch = async (/** @type {any} */ url, /** @type {RequestInit | undefined} */ init) => {
  if (!String(url).startsWith("file:")) {
    console.error(`Pyodide 测试不应访问网络，却请求了 ${url}`);
    process.exit(3);
  }
  return realFetch(url, init);
};

const pyodide = await loadPyodide({ env: { PYTHONHASHSEED: "0" } });
const decoder = new TextDecoder();
pyodide.setStdout({ write: (b) => (process.stdout.write(decoder.decode(b)), b.length) });
pyodide.setStderr({ write: (b) => (process.stderr.write(decoder.decode(b)), b.length) });

const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
const wheels = fs.readdirSync(wheelsDir).filter((name) => name.endsWith(".whl")).sort();
if (wheels.length === 0) {
  console.error(`没有找到 ${wheelsDir} 中的 wheel：请先运行 make test-pyodide`);
  process.exit(4);
}
for (const name of wheels) {
  const bytes = fs.readFileSync(path.join(wheelsDir, name));
  // unpackArchive rejects a Node Buffer; a plain Uint8Array view of it is accepted
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  pyodide.unpackArchive(view, "wheel", { extractDir: sitePackages });
}
pyodide.mountNodeFS("/repo", repo);

const args = process.argv.slice(2);
pyodide.globals.set(
  "PYTEST_ARGS",
  pyodide.toPy([
    "-c", "/repo/pyproject.toml", "--rootdir", "/repo", "-p", "no:faulthandler", "--color=no",
    ...(args.length ? args : ["/repo/tests/core", "/repo/calculator"]),
  ]),
);
const code = await pyodide.runPythonAsync(`
import os, sys
sys.dont_write_bytecode = True   # nothing written into the mounted working tree
sys.path.insert(0, "/repo")
os.chdir("/tmp")                 # hypothesis keeps its database in the working directory
import pytest
print(f"Pyodide ${pyodide.version}: Python {sys.version.split()[0]} on {sys.platform}")
code = int(pytest.main(list(PYTEST_ARGS)))
sys.stdout.flush(); sys.stderr.flush()
code
`);
process.exitCode = code;
