"""How a bad placeholder stops the build."""

from __future__ import annotations

try:  # under MkDocs, its own build error: one clear line, no traceback
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # another builder (Zensical) or a plain Markdown run
    _Base = ValueError  # type: ignore[misc,assignment]


class PlaceholderError(_Base):
    """A placeholder in a page that cannot be filled in; the message says which and why."""
