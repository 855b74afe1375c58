"""The site's Content-Security-Policy: a <meta> on every page (sitebuild/pages.py), the server's
header (deploy/nginx.conf, tools/serve.py), the worker's own. It allows only the site itself.

Material's templates put three small inline scripts on each page (its storage helpers, the
palette, the tab anchor). Rather than 'unsafe-inline', each page's policy lists the SHA-256 of
exactly the inline scripts that page carries, computed after the page is rendered. Scripts,
styles, images, fonts, fetches and workers come from the site's own origin; the calculator's
worker gets 'wasm-unsafe-eval' from the server's header (a <meta> policy does not reach workers).

The file:// flavour (mkdocs.offline.yml) has none: there 'self' matches no file, so a policy
would block the site itself.
"""

from __future__ import annotations

import base64
import hashlib

from sitebuild.html import Page

DATA_TYPES = ("application/json", "application/ld+json")

# The site's one policy. Pages carry it in a <meta>; a server sends it as a header, with what
# only a header can say, and the worker's script gets its own. deploy/nginx.conf and
# tools/serve.py (a file that must run on its own, beside a copy of the site) hold copies:
# tests/hosting/test_policies.py checks them against this.
POLICY = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self' 'unsafe-inline'",  # Material sets style attributes from its scripts
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
# The header (deploy/nginx.conf, on every response): 'wasm-unsafe-eval' lets the calculator's
# worker compile the runtime (a worker takes the policy of its script's response); frame-ancestors
# is ignored in a <meta>.
HEADER_POLICY = (
    *(
        "script-src 'self' 'wasm-unsafe-eval' {hashes}" if directive.startswith("script-src") else directive
        for directive in POLICY
    ),
    "frame-ancestors 'self'",
)
# The worker scripts' own policy (tools/serve.py sends it with every .js/.mjs file).
WORKER_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'"


def inline_hashes(html: str) -> list[str]:
    """The CSP sources for the inline scripts of one rendered page, sorted."""
    return sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(script.body.encode()).digest()).decode() + "'"
            for script in Page(html).scripts
            if "src" not in script.attrs
            and (script.attrs.get("type") or "").lower() not in DATA_TYPES
            and script.body.strip()
        }
    )


def render(directives: tuple[str, ...], hashes: list[str]) -> str:
    """The directives as one policy, ``{hashes}`` filled in (nothing left behind when there are none)."""
    return "; ".join(directive.format(hashes=" ".join(hashes)).strip() for directive in directives)


def policy_for(html: str) -> str:
    """The policy for one rendered page: its inline scripts by hash, everything else 'self'."""
    return render(POLICY, inline_hashes(html))
