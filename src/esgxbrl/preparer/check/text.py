"""Text as the checks quote it and the tables show it: names, plain text, figures, display width."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from html import unescape


def local_name(qname: str) -> str:
    return qname.split(":", 1)[-1]


def plain(text: str) -> str:
    """The words of an XHTML fragment (a published text block), its tags dropped."""
    return unescape(re.sub(r"<[^>]+>", " ", text))


def first_text(texts: dict[str, str] | None, language: str) -> str | None:
    """The text in `language`, else the one whose language tag sorts first."""
    if not texts:
        return None
    return texts.get(language) or texts[sorted(texts)[0]]


def show(value: Decimal, places: int | None = None) -> str:
    """A figure with thousands separators, to `places` decimals or to as many as it has."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-max(places, 0)))
    exponent = value.as_tuple().exponent
    digits = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{value:,.{digits}f}"


def char_width(char: str) -> int:
    """Columns a character takes in a terminal: Chinese (wide) characters take two."""
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def clip(text: str, width: int) -> str:
    """`text` on one line, cut with an ellipsis to fit within `width` columns."""
    text = " ".join(text.split())
    out, used = "", 0
    for char in text:
        used += char_width(char)
        if used > width - 1:
            return out + "…"
        out += char
    return out
