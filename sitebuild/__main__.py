"""python -m sitebuild SITE [--file-flavour] [--no-compress] [--docs DOCS]: the post-build on a built folder."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sitebuild.build import Options, post_build
from sitebuild.project import BuildError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__)
    parser.add_argument("site", type=Path, help="the folder mkdocs build wrote")
    parser.add_argument("--file-flavour", action="store_true", help="for opening from disk (file://)")
    parser.add_argument("--no-compress", action="store_true", help="no .br/.gz copies")
    parser.add_argument("--docs", type=Path, default=Options.docs, help="the docs folder the site was built from")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    if not (args.site / "index.html").is_file():
        print(f"错误：{args.site} 不是构建好的站点（没有 index.html）；请先运行 mkdocs build", file=sys.stderr)
        return 2
    try:
        post_build(args.site, Options(file_flavour=args.file_flavour, compress=not args.no_compress, docs=args.docs))
    except BuildError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
