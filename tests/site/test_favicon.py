"""Browsers that ask for /favicon.ico on their own (Firefox does) get the site's icon, not a 404."""

from __future__ import annotations

import struct
import urllib.request
from pathlib import Path


def test_the_site_root_has_a_favicon_ico(built_site: Path, site_url: str) -> None:
    with urllib.request.urlopen(site_url + "favicon.ico", timeout=10) as response:
        assert response.status == 200
        data = response.read()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 1)  # an icon file with one image
    size, offset = struct.unpack("<II", data[14:22])
    assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size == len(data)
    assert (built_site / "favicon.ico").read_bytes() == data
