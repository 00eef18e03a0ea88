"""Character helpers shared by the validators: full-width folding, control characters, readable quoting."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

ASCII_DIGITS = frozenset("0123456789")

_FULLWIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# Invisible characters that reorder or hide text; rejected like control characters (spoofing risk).
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def fold_fullwidth(text: str) -> str:
    """Map full-width ASCII forms (０-９, Ａ-Ｚ, －, the ideographic space) to plain ASCII."""
    return text.translate(_FULLWIDTH_TO_ASCII)


def ascii_upper(text: str) -> str:
    """Upper-case ASCII letters only (str.upper would turn ß into SS or ﬁ into FI)."""
    return "".join(char.upper() if char.isascii() else char for char in text)


def is_forbidden_control(char: str, *, allow_newline: bool = False) -> bool:
    """True for control characters, bidi overrides and lone surrogates (a newline only when not allowed)."""
    if allow_newline and char == "\n":
        return False
    category = unicodedata.category(char)
    return category in {"Cc", "Cs"} or char in _BIDI_CONTROLS


def has_forbidden_control(text: str, *, allow_newline: bool = False) -> bool:
    """True when any character of `text` is a forbidden control character."""
    return any(is_forbidden_control(char, allow_newline=allow_newline) for char in text)


def quote_chars(chars: Iterable[str], *, limit: int = 5) -> str:
    """Show characters for a message: printable ones quoted, invisible ones as U+XXXX; duplicates dropped."""
    shown: list[str] = []
    for char in dict.fromkeys(chars):
        if len(shown) == limit:
            shown.append("…")
            break
        printable = char.isprintable() and not char.isspace() and unicodedata.category(char) != "Cs"
        shown.append(f"“{char}”" if printable else f"U+{ord(char):04X}")
    return " ".join(shown)
