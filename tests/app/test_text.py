"""Runner-typed text shown in Markdown reads as typed and does nothing else."""

from __future__ import annotations

import pytest

from stride_app.text import escape_markdown
from tests.app.conftest import shown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("16 weeks · 4:00 · Sunday", r"16 weeks · 4\:00 · Sunday"),
        ("![x](http://x.example/a.png)", r"\!\[x\]\(http\:\/\/x\.example\/a\.png\)"),
        ("**bold** _it_ `code`", r"\*\*bold\*\* \_it\_ \`code\`"),
        ("$x^2$ :red[hi]", r"\$x^2\$ \:red\[hi\]".replace("^", r"\^")),
        ("Ann Lee", "Ann Lee"),
    ],
    ids=["default-name", "image", "emphasis", "math-and-colour", "plain"],
)
def test_markdown_characters_are_escaped(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped
    assert shown(escape_markdown(text)) == text
