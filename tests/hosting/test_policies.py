"""Each policy has one source; the copies that must live elsewhere are checked against it.

- Content-Security-Policy: sitebuild/csp.py. Copies: deploy/nginx.conf's header (plus the inline
  scripts' hashes, which tests/hosting/test_nginx.py checks against the built pages) and
  tools/serve.py's policy for worker scripts (serve.py runs on its own beside a copy of the site).
- Which files may be cached for good: tools/serve.py's IMMUTABLE and deploy/nginx.conf's map,
  compared on every file of the built site.
- Compression: sitebuild/compress.py's encoders; the runtime's parts use them (sitebuild/big_files.py).
- Search: mkdocs.yml's search plugin; mkdocs.offline.yml must repeat it (INHERIT replaces lists).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from browser_support import ROOT

import sitebuild.csp as csp
import tools.serve as serve
from sitebuild import big_files

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
IMMUTABLE = "public, max-age=31536000, immutable"


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def nginx_policy() -> str:
    (policy,) = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', NGINX_CONF.read_text("utf-8"))
    return policy


def test_nginx_sends_the_sites_header_policy() -> None:
    sent = directives(nginx_policy())
    hashes = [value for value in sent["script-src"] if value.startswith("'sha256-")]
    assert hashes, "the inline scripts' hashes are missing"
    assert sent == directives(csp.render(csp.HEADER_POLICY, hashes))


def test_serve_py_gives_worker_scripts_the_sites_worker_policy() -> None:
    assert serve.WORKER_CSP == csp.WORKER_POLICY
    # and it allows no more than the header policy does
    header = directives(csp.render(csp.HEADER_POLICY, []))
    for name, values in directives(csp.WORKER_POLICY).items():
        assert set(values) <= set(header[name]), name


def test_the_page_policy_is_the_header_policy_less_what_only_a_header_says() -> None:
    page = directives(csp.render(csp.POLICY, []))
    header = directives(csp.render(csp.HEADER_POLICY, []))
    header.pop("frame-ancestors")
    header["script-src"].remove("'wasm-unsafe-eval'")
    assert page == header


def nginx_cache_rules() -> list[tuple[re.Pattern[str], str]]:
    block = re.search(r"map \$uri \$guide1688_cache_control \{(.*?)\n\}", NGINX_CONF.read_text("utf-8"), re.S)
    assert block
    rules = []
    for line in block.group(1).splitlines():
        line = line.split("#", 1)[0].strip() if not line.strip().startswith('"') else line.strip()
        found = re.fullmatch(r'"?~([^"\s]+)"?\s+"([^"]+)";', line)
        if found:
            rules.append((re.compile(found[1]), found[2]))
    assert rules
    return rules


def nginx_cache_control(path: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    return next((value for pattern, value in rules if pattern.search(path)), "no-cache")


def test_serve_py_and_nginx_cache_the_same_files_for_good(built_site: Path) -> None:
    rules = nginx_cache_rules()
    paths = ["/" + path.relative_to(built_site).as_posix() for path in built_site.rglob("*") if path.is_file()]
    assert len(paths) > 100
    immutable = {path for path in paths if nginx_cache_control(path, rules) == IMMUTABLE}
    assert immutable == {path for path in paths if serve.IMMUTABLE.search(path)}
    # what must never be cached for good: pages, the service worker, the page's own scripts
    assert not immutable & {"/index.html", "/sw.js", "/assets/calculator/calculator.js", "/calculator/index.html"}
    assert any(path.startswith("/runtime/") for path in immutable)
    assert any(re.search(r"/bundle\.[0-9a-f]{8}\.min\.js$", path) for path in immutable)


def test_the_runtimes_parts_are_compressed_by_the_sites_encoder(tmp_path: Path) -> None:
    import brotli

    source = tmp_path / "big.bin"
    source.write_bytes(b"calculator " * 300_000)  # 3.3 MB: two parts
    parts = big_files.parts(source)
    assert [part.name for part in parts] == ["big.bin.0.part", "big.bin.1.part"]
    assert b"".join(part.data for part in parts) == source.read_bytes()
    from sitebuild.compress import ENCODERS

    for part in parts:
        assert part.transfer == len(ENCODERS["br"](part.data))
        assert brotli.decompress(ENCODERS["br"](part.data)) == part.data


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's !ENV and !!python/name tags read as plain values."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def plugins(config: Path) -> list[Any]:
    return list(yaml.load(config.read_text("utf-8"), Loader=_AnyTag)["plugins"])


def test_the_file_flavour_searches_as_the_site_does() -> None:
    site = [entry for entry in plugins(ROOT / "mkdocs.yml") if isinstance(entry, dict) and "search" in entry]
    offline = [entry for entry in plugins(ROOT / "mkdocs.offline.yml") if isinstance(entry, dict) and "search" in entry]
    assert site and offline == site


# Directives Chromium, Gecko and WebKit all know (CSP Level 2 and worker-src): WebKit logs an
# error on every page for one it does not know (manifest-src, for one).
EVERY_ENGINE = {
    "default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "worker-src",
    "media-src", "frame-src", "child-src", "object-src", "base-uri", "form-action", "frame-ancestors",
}  # fmt: skip


def test_every_directive_is_one_every_engine_knows() -> None:
    for policy in (csp.POLICY, csp.HEADER_POLICY, tuple(csp.WORKER_POLICY.split("; "))):
        assert {directive.split()[0] for directive in policy} <= EVERY_ENGINE
