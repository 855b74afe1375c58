"""MkDocs hook: put the Python runtime and our wheels into the built site.

After every build (``mkdocs build`` and ``mkdocs serve`` alike) this copies the pinned npm
``pyodide`` package's runtime files into ``site/runtime/pyodide-<version>/``, builds a wheel of
the ``calculator`` package from the working tree and one of the installed holiday-calendar
distribution, and writes ``assets/calculator/config.mjs`` telling the page's worker where
they are. File names carry a version or content hash, so they can be cached for good.
Nothing is downloaded: a missing ``node_modules/pyodide`` fails the build with a message.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import json
import logging
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.runtime")
ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# What the browser needs of the npm package (the rest is for Node.js and type checkers).
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # reproducible wheels: same sources, same bytes


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    runtime = site / "runtime"
    version = _pyodide_version()
    target = runtime / f"pyodide-{version}"
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(PYODIDE_DIR / name, target / name)
    wheels = [
        _write(runtime / "wheels", *_source_wheel("calculator", ROOT / "calculator")),
        _write(runtime / "wheels", *_installed_wheel("chinesecalendar")),
    ]
    settings = {
        "pyodideVersion": version,
        "indexURL": f"../../runtime/pyodide-{version}/",
        "wheels": [f"../../runtime/wheels/{path}" for path in wheels],
    }
    config_js = (
        "// Written by hooks/runtime.py at build time: where the worker finds the runtime.\n"
        f"export default {json.dumps(settings, indent=2)};\n"
    )
    (site / "assets" / "calculator").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "calculator" / "config.mjs").write_text(config_js, encoding="utf-8")
    log.info("Pyodide %s and %d wheels copied into %s", version, len(wheels), runtime)


def _pyodide_version() -> str:
    manifest = PYODIDE_DIR / "package.json"
    if not manifest.is_file():
        raise PluginError("没有找到 node_modules/pyodide：请先运行 npm ci（make build 会自动运行）")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def _write(folder: Path, name: str, data: bytes) -> str:
    """Store a wheel under a folder named by its content hash; returns the relative path."""
    digest = hashlib.sha256(data).hexdigest()[:12]
    path = folder / digest / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"{digest}/{name}"


def _source_wheel(dist: str, package: Path) -> tuple[str, bytes]:
    version = re.search(r'__version__ = "([^"]+)"', (package / "__init__.py").read_text()).group(1)  # type: ignore[union-attr]
    files = {
        f"{package.name}/{path.relative_to(package).as_posix()}": path.read_bytes()
        for path in sorted(package.rglob("*.py"))
    }
    metadata = f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n"
    return _wheel(dist, version, files, metadata)


def _installed_wheel(dist: str) -> tuple[str, bytes]:
    """Re-pack an installed pure-Python distribution (what the site tests ran against)."""
    distribution = importlib.metadata.distribution(dist)
    files = {}
    for entry in distribution.files or ():
        if entry.suffix == ".py":
            files[entry.as_posix()] = Path(str(entry.locate())).read_bytes()
    return _wheel(dist, distribution.version, files, distribution.read_text("METADATA") or "")


def _wheel(dist: str, version: str, files: dict[str, bytes], metadata: str) -> tuple[str, bytes]:
    stem = f"{dist.replace('-', '_')}-{version}"
    info = f"{stem}.dist-info"
    files = {
        **files,
        f"{info}/METADATA": metadata.encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: hooks/runtime.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [f"{name},sha256={_b64(hashlib.sha256(data).digest())},{len(data)}" for name, data in files.items()]
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return f"{stem}-py3-none-any.whl", buffer.getvalue()


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
