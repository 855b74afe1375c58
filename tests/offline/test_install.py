"""The site installs as an app ("添加到主屏幕") and opens from its icon with the network gone."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, GuardedPage, http_get
from PIL import Image
from test_service_worker import Server, site_kept


@pytest.fixture
def server(built_site: Path) -> Iterator[Server]:
    running = Server(built_site)
    yield running
    running.stop()


def test_every_page_links_the_manifest(built_site: Path) -> None:
    pages = [path for path in built_site.rglob("*.html") if not {"runtime", "errors"} & set(path.parts)]
    assert len(pages) >= 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<link rel="manifest" href="' in html and "manifest.webmanifest" in html, page
        assert '<link rel="apple-touch-icon"' in html, page


def test_the_manifest_and_its_icons(built_site: Path) -> None:
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "1688 供应商退出与取消合作指南"
    assert manifest["short_name"] == "1688退出指南" and len(manifest["short_name"]) <= 12
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("./", "./", "standalone")
    assert manifest["theme_color"] == "#4051b5" and manifest["background_color"] == "#ffffff"
    sizes = {}
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO((built_site / icon["src"]).read_bytes()))
        assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"], icon
        sizes[icon["purpose"]] = {*sizes.get(icon["purpose"], set()), icon["sizes"]}
    assert sizes == {"any": {"192x192", "512x512"}, "maskable": {"512x512"}}
    # a maskable icon fills its square: no transparent corner for a mask to show
    maskable = Image.open(built_site / "assets/images/icon-maskable-512.png").convert("RGBA")
    assert maskable.getpixel((0, 0))[3] == 255 and maskable.getpixel((511, 511))[3] == 255


def test_chromium_reads_the_manifest_and_can_install_the_site(
    browser: Any, server: Server, built_site: Path, tmp_path: Path
) -> None:
    # a profile of its own: Chromium installs nothing from an incognito window, and every
    # other context of the suite is one
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="zh-CN"
    )
    guard = GuardedPage(context.pages[0] if context.pages else context.new_page())
    guard.page.on("request", lambda request: guard.requests.append(request.url))
    guard.page.on("console", lambda msg: guard.errors.append(msg.text) if msg.type == "error" else None)
    try:
        page = guard.page
        site_kept(page, server, built_site, "deadlines/")
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == urljoin(server.url, "manifest.webmanifest")
        assert manifest["errors"] == []
        parsed = manifest["manifest"] if "manifest" in manifest else json.loads(manifest["data"])
        assert parsed["name"] == "1688 供应商退出与取消合作指南"
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        status, headers, _ = http_get(server.server.server_address[1], "/manifest.webmanifest")
        assert status == 200 and headers["content-type"] == "application/manifest+json"

        # opened from the home screen: the start address, with no network at all
        server.stop()
        context.set_offline(True)
        start = urljoin(urljoin(server.url, "manifest.webmanifest"), parsed.get("start_url", "./"))
        app = context.new_page()
        app.goto(start)
        assert app.locator("article h1").first.inner_text().rstrip("#") == "1688 供应商退出与取消合作指南"
        assert app.locator(".md-banner .site-notice").inner_text().startswith("非官方整理")
        guard.assert_clean()
    finally:
        context.close()
