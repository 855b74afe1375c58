"""What a copied ``site/`` folder needs to be used anywhere.

- ``serve.py`` (a copy of tools/serve.py, standard library only) at the site's root, so a
  person with the folder on a USB stick can run ``python3 serve.py`` and use the calculator.
- For the file:// flavour (mkdocs.offline.yml, Material's offline plugin): the iframe-worker
  shim that lets search run from file://, served from the site (from the pinned npm package
  ``iframe-worker``) instead of unpkg.com, where the offline plugin would fetch it from; and a
  404.html whose links and styles are relative (MkDocs writes it for a server, from "/"),
  so that it is styled and its links lead somewhere when opened from disk.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sitebuild.html import Page, with_attribute_value
from sitebuild.project import ROOT, BuildError

SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"


# The errors a web server answers by itself (deploy/nginx.conf sends these pages for them), in
# the words serve.py uses.
SERVER_ERRORS = (400, 403, 405, 414)


def copy_server(site: Path) -> None:
    shutil.copyfile(ROOT / "tools" / "serve.py", site / "serve.py")


def error_pages(site: Path) -> None:
    """``errors/<code>.html``: a web server's own error pages, in Chinese, from the site."""
    from tools.serve import ERROR_PAGE, ERRORS

    folder = site / "errors"
    folder.mkdir(exist_ok=True)
    for code in SERVER_ERRORS:
        title, text = ERRORS[code]
        (folder / f"{code}.html").write_text(ERROR_PAGE.format(code=code, title=title, text=text), encoding="utf-8")


def file_flavour(site: Path) -> None:
    """The iframe-worker shim in the site, and a 404 page whose links work from disk."""
    if not SHIM.is_file():
        raise BuildError("没有找到 node_modules/iframe-worker：请先运行 npm ci（make build-offline 会自动运行）")
    target = site / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, target)
    not_found = site / "404.html"
    if not_found.is_file():
        page = Page(not_found.read_text(encoding="utf-8"))
        for tag in page.tags:
            for name in ("href", "src"):
                value = tag.attrs.get(name)
                # it lies at the site's root: "/x" is "./x" from there
                if value and value.startswith("/") and not value.startswith("//"):
                    page.replace_tag(tag, with_attribute_value(tag, name, "." + value))
        not_found.write_text(page.result(), encoding="utf-8")
