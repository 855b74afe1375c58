"""MkDocs hook: what a shared link and an installed site show, made at build time.

- ``assets/images/og.png``: the picture a pasted link shows (Open Graph, 1200×630): the site's
  name and what it is about, drawn with Pillow in Noto Sans CJK SC from
  ``hooks/fonts/og-subset.otf`` (a subset of the font with just the characters drawn here, made
  by ``tools/og_font.py``; no font is fetched from anywhere);
- the icons of the installed site (192 and 512 px, a maskable 512 px, the 180 px Apple touch
  icon): a calendar page with the notice period on it;
- ``manifest.webmanifest``: the web app manifest every page links to (overrides/main.html);
- ``assets/vendor/qrcode.js``: the QR code library the calculator loads when it draws a code,
  copied from the pinned npm package ``qrcode-generator``.

Runs before hooks/service_worker.py, which precaches what is written here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "hooks" / "fonts" / "og-subset.otf"
QRCODE = ROOT / "node_modules" / "qrcode-generator" / "dist" / "qrcode.js"

# Material's indigo (the palette's primary colour in mkdocs.yml) and the page's background.
PRIMARY = "#4051b5"
ACCENT = "#ff6e40"  # the palette's accent (deep orange)
DARK_BG = "#1e2129"
WHITE = "#ffffff"
# The number on the calendar page: the days from application to exit (ruling R1).
ICON_NUMBER = "15"


def og_lines(config: Any) -> list[str]:
    """The words on the Open Graph picture (tools/og_font.py subsets the font to them)."""
    checked = str(config["extra"]["last_checked"]).split("-")
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
        raise PluginError(
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


def og_image(config: Any) -> Image.Image:
    lines = og_lines(config)
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


def manifest(config: Any) -> dict[str, Any]:
    """The web app manifest; its paths are relative to its own address, the site's root."""
    return {
        "name": config["site_name"],
        "short_name": "1688退出指南",
        "description": " ".join(str(config["site_description"]).split()),
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


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    images = site / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    # optimize=True: smaller files, and the same bytes from the same drawing on every build
    og_image(config).save(images / "og.png", optimize=True)
    icon(192, maskable=False).save(images / "icon-192.png", optimize=True)
    icon(512, maskable=False).save(images / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(images / "icon-maskable-512.png", optimize=True)
    icon(180, maskable=True).convert("RGB").save(images / "apple-touch-icon.png", optimize=True)
    text = json.dumps(manifest(config), ensure_ascii=False, indent=2) + "\n"
    (site / "manifest.webmanifest").write_text(text, encoding="utf-8")
    if not QRCODE.is_file():
        raise PluginError("没有找到 node_modules/qrcode-generator：请先运行 npm ci（make build 会自动运行）")
    vendor = site / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(QRCODE, vendor / "qrcode.js")
