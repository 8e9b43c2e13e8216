"""Runner-typed text made safe to show inside Streamlit's Markdown."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark;
# escaping them all keeps a name from becoming a link, an image (a request
# to another host), a formula or a coloured directive.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: str) -> str:
    """``text`` with Markdown's special characters shown as themselves."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
