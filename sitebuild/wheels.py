"""Reproducible wheels for the page's Python: same sources, same bytes (so the same hashed name)."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import re
import zipfile
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # every file's time in the archive


def source_wheel(dist: str, package: Path) -> tuple[str, bytes]:
    version = re.search(r'__version__ = "([^"]+)"', (package / "__init__.py").read_text()).group(1)  # type: ignore[union-attr]
    files = {
        f"{package.name}/{path.relative_to(package).as_posix()}": path.read_bytes()
        for path in sorted(package.rglob("*.py"))
    }
    metadata = f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n"
    return wheel(dist, version, files, metadata)


def installed_wheel(dist: str) -> tuple[str, bytes]:
    """Re-pack an installed pure-Python distribution (what the site tests ran against)."""
    distribution = importlib.metadata.distribution(dist)
    files = {}
    for entry in distribution.files or ():
        if entry.suffix == ".py":
            files[entry.as_posix()] = Path(str(entry.locate())).read_bytes()
    return wheel(dist, distribution.version, files, distribution.read_text("METADATA") or "")


def wheel(dist: str, version: str, files: dict[str, bytes], metadata: str) -> tuple[str, bytes]:
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
