"""Resolve the site's own relative paths against mkdocs.yml, not the working directory.

Material's search plugin (``jieba_dict_user``) and pymdownx.snippets (``base_path``) read
their paths relative to the current directory; this hook runs before them so that
``mkdocs build -f /elsewhere/mkdocs.yml`` works from any directory.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


def _absolute(root: str, path: str) -> str:
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(root, path))


@event_priority(100)  # before the search plugin's on_config loads the dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = os.path.dirname(os.path.abspath(config.config_file_path))

    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and search.config.get("jieba_dict_user"):
        path = _absolute(root, search.config["jieba_dict_user"])
        if not os.path.isfile(path):
            raise PluginError(f"搜索用户词典不存在：{path}")
        search.config["jieba_dict_user"] = path

    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets and "base_path" in snippets:
        snippets["base_path"] = [_absolute(root, p) for p in snippets["base_path"]]
    return config
