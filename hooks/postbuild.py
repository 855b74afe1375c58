"""MkDocs hook: the post-build (``python -m sitebuild``, sitebuild/) at the end of every build.

It runs as its own process, from the folder of mkdocs.yml, so that it uses that project's
sitebuild/ and calculator/ (a copy of the project builds its own) and never imports MkDocs.
The flavour comes from the config: mkdocs.offline.yml (``extra.service_worker: false``) is the
file:// one. ``mkdocs serve`` writes no .br/.gz copies: its own server never sends them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"  # written by sitebuild/portable.py
_command = "build"


def on_startup(command: str, **_: Any) -> None:
    global _command
    _command = command


def on_config(config: Any, **_: Any) -> Any:
    polyfills = config["extra"].get("polyfills") or []
    if any("iframe-worker" in str(url) and "://" in str(url) for url in polyfills):
        raise PluginError(f"iframe-worker 必须由站点自己提供（{SHIM_TARGET}），不能从其他主机加载")
    return config


def on_post_build(config: Any, **_: Any) -> None:
    extra = config.get("extra", {})
    command = [sys.executable, "-m", "sitebuild", str(Path(config["site_dir"]).resolve())]
    command += ["--docs", str(Path(config["docs_dir"]).resolve())]
    if extra.get("service_worker") is False:
        command.append("--file-flavour")
    if _command == "serve" or extra.get("compress") is False:
        command.append("--no-compress")
    project = Path(config.config_file_path).resolve().parent
    done = subprocess.run(command, cwd=project, check=False)
    if done.returncode != 0:
        raise PluginError(f"构建的后处理（python -m sitebuild）失败，退出码 {done.returncode}；原因见上面的输出")
