"""What a shared link and an installed site show, made at build time.

- ``assets/images/og.png``: the picture a pasted link shows (Open Graph, 1200×630): the site's
  name and what it is about, drawn with Pillow in Noto Sans CJK SC from
  ``sitebuild/fonts/og-subset.otf`` (a subset of the font with just the characters drawn here, made
  by ``tools/og_font.py``; no font is fetched from anywhere);
- the icons of the installed site (192 and 512 px, a maskable 512 px, the 180 px Apple touch
  icon): a calendar page with the notice period on it;
- ``manifest.webmanifest``: the web app manifest every page links to (overrides/main.html);
- ``assets/vendor/qrcode.js``: the QR code library the calculator loads when it draws a code,
  copied from the pinned npm package ``qrcode-generator``.

The site's name, description and the date the rules were last checked are read from the built
home page. Runs before the service worker is written, which precaches what is written here.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from sitebuild.html import Page
from sitebuild.project import ROOT, BuildError

FONT = Path(__file__).resolve().parent / "fonts" / "og-subset.otf"
QRCODE = ROOT / "node_modules" / "qrcode-generator" / "dist" / "qrcode.js"

# Material's indigo (the palette's primary colour in mkdocs.yml) and the page's background.
PRIMARY = "#4051b5"
ACCENT = "#ff6e40"  # the palette's accent (deep orange)
DARK_BG = "#1e2129"
WHITE = "#ffffff"
# The number on the calendar page: the days from application to exit (ruling R1).
ICON_NUMBER = "15"


@dataclass(frozen=True)
class Site:
    name: str
    description: str
    last_checked: str  # YYYY-MM-DD


def site_of(home: Path) -> Site:
    """What the home page says of the site: its name, its description, the last check."""
    page = Page(home.read_text(encoding="utf-8"))
    name = page.find("meta", property="og:site_name")
    description = page.find("meta", name="description")
    checked = [tag for tag in page.find("time", datetime=None) if tag.attrs["datetime"]]
    if not (name and description and checked):
        raise BuildError(f"{home}：找不到站点名称（og:site_name）、简介（description）或规则核对日期（<time>）")
    return Site(str(name[0].attrs["content"]), str(description[0].attrs["content"]), str(checked[0].attrs["datetime"]))


def og_lines(site: Site) -> list[str]:
    """The words on the Open Graph picture (tools/og_font.py subsets the font to them)."""
    checked = site.last_checked.split("-")
    return [
        "1688 供应商",
        "退出与取消合作指南",
        "取消合作 · 退出 VIP批发中心 · 强制清退",
        "退出日、最晚申请日、重新加入、补交期限：在线计算",
        f"非官方整理 · 规则最后核对 {int(checked[0])}年{int(checked[1])}月{int(checked[2])}日",
    ]


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def _check_glyphs(text: str) -> None:
    from fontTools.ttLib import TTFont

    cmap = TTFont(FONT)["cmap"].getBestCmap()
    missing = sorted({char for char in text if not char.isspace() and ord(char) not in cmap})
    if missing:
        raise BuildError(
            f"分享图片的字体缺少这些字：{''.join(missing)}。"
            f"请运行 .venv/bin/python tools/og_font.py 重新生成 {FONT.name}"
        )


def _calendar(draw: ImageDraw.ImageDraw, left: float, top: float, side: float) -> None:
    """A calendar page: a coloured header with two rings over it, the number below."""
    radius = side * 0.12
    draw.rounded_rectangle((left, top, left + side, top + side), radius=radius, fill=WHITE)
    draw.rounded_rectangle((left, top, left + side, top + side * 0.3), radius=radius, fill=ACCENT)
    draw.rectangle((left, top + side * 0.18, left + side, top + side * 0.3), fill=ACCENT)
    for ring in (0.3, 0.7):
        x = left + side * ring
        draw.rounded_rectangle(
            (x - side * 0.04, top - side * 0.08, x + side * 0.04, top + side * 0.1), radius=side * 0.04, fill=DARK_BG
        )
    font = _font(round(side * 0.5))
    draw.text((left + side / 2, top + side * 0.65), ICON_NUMBER, font=font, fill=PRIMARY, anchor="mm")


def icon(size: int, *, maskable: bool) -> Image.Image:
    """The site's icon: a white calendar page on the primary colour. A maskable icon fills its
    square and keeps the page inside the safe zone (the middle 80 %), which any mask leaves."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, size, size), fill=PRIMARY)
        side = size * 0.5
    else:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 0.2, fill=PRIMARY)
        side = size * 0.62
    _calendar(draw, (size - side) / 2, (size - side) / 2 + size * 0.03, side)
    return image


def og_image(site: Site) -> Image.Image:
    lines = og_lines(site)
    _check_glyphs("".join(lines) + ICON_NUMBER)
    image = Image.new("RGB", (1200, 630), PRIMARY)
    draw = ImageDraw.Draw(image)
    draw.text((80, 110), lines[0], font=_font(72), fill=WHITE)
    draw.text((80, 200), lines[1], font=_font(72), fill=WHITE)
    draw.text((80, 330), lines[2], font=_font(34), fill="#e8eaf6")
    draw.text((80, 385), lines[3], font=_font(30), fill="#e8eaf6")
    draw.rectangle((0, 530, 1200, 630), fill=DARK_BG)
    draw.text((80, 580), lines[4], font=_font(28), fill="#c5cae9", anchor="lm")
    _calendar(draw, 900, 130, 220)
    return image


def manifest(site: Site) -> dict[str, Any]:
    """The web app manifest; its paths are relative to its own address, the site's root."""
    return {
        "name": site.name,
        "short_name": "1688退出指南",
        "description": site.description,
        "lang": "zh-CN",
        "dir": "ltr",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": PRIMARY,
        "background_color": WHITE,
        "icons": [
            {"src": "assets/images/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": "assets/images/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": "assets/images/icon-maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }


def write(site: Path) -> None:
    info = site_of(site / "index.html")
    images = site / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    # optimize=True: smaller files, and the same bytes from the same drawing on every build
    og_image(info).save(images / "og.png", optimize=True)
    icon(192, maskable=False).save(images / "icon-192.png", optimize=True)
    icon(512, maskable=False).save(images / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(images / "icon-maskable-512.png", optimize=True)
    icon(180, maskable=True).convert("RGB").save(images / "apple-touch-icon.png", optimize=True)
    text = json.dumps(manifest(info), ensure_ascii=False, indent=2) + "\n"
    (site / "manifest.webmanifest").write_text(text, encoding="utf-8")
    if not QRCODE.is_file():
        raise BuildError("没有找到 node_modules/qrcode-generator：请先运行 npm ci（make build 会自动运行）")
    vendor = site / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(QRCODE, vendor / "qrcode.js")
