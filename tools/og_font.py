"""Make sitebuild/fonts/og-subset.otf: Noto Sans CJK SC Bold with only the characters that the
build draws on the Open Graph picture and the icons (sitebuild/share_images.py), plus ASCII.

Run it after changing those words (the build says which characters are missing):

    .venv/bin/python tools/og_font.py

It reads the font from Debian's fonts-noto-cjk (installed by `make`, for the browser tests).
The font is under the SIL Open Font License 1.1 (sitebuild/fonts/OFL.txt).
"""

from __future__ import annotations

import string
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.share_images import FONT, ICON_NUMBER, Site, og_lines  # noqa: E402

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FAMILY = "Noto Sans CJK SC Bold"
# Every date the notice line may show: any digit, and the words around them.
ALWAYS = string.digits + string.ascii_letters + string.punctuation + " 年月日·、，：（）"


def main() -> None:
    collection = TTCollection(str(SOURCE))
    font = next(f for f in collection.fonts if f["name"].getDebugName(4) == FAMILY)
    sample = Site(name="", description="", last_checked="2000-01-01")
    text = "".join(og_lines(sample)) + ICON_NUMBER + ALWAYS
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.layout_features = ["kern", "palt"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    FONT.parent.mkdir(exist_ok=True)
    font.save(str(FONT))
    print(f"{FONT.relative_to(ROOT)}: {len(set(text))} characters, {FONT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
