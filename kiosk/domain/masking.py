"""Masking for screens and receipts: one `*` per hidden character, never splitting a character in two.

Too-short input (not a real ID number, phone number or code) is masked completely rather than partly.
"""

from __future__ import annotations

import unicodedata

MASK = "*"
_ZERO_WIDTH_JOINER = "\u200d"


def mask_id_number(id_number: str) -> str:
    """Keep the first 3 and last 4 characters of an 18-character ID (birth date hidden); else mask all."""
    return _mask_ends(id_number, head=3, tail=4, min_hidden=11)


def mask_mobile(mobile: str) -> str:
    """Keep the first 3 and last 4 digits of an 11-digit mobile number: 138****5678."""
    return _mask_ends(mobile, head=3, tail=4, min_hidden=4)


def mask_credit_code(code: str) -> str:
    """Keep the first 4 and last 4 characters of an 18-character credit code."""
    return _mask_ends(code, head=4, tail=4, min_hidden=10)


def mask_name(name: str) -> str:
    """Keep the first character and mask the rest (张*, 欧***); a one-character name becomes `*`."""
    units = _characters(name)
    if len(units) <= 1:
        return MASK * len(units)
    return units[0] + MASK * (len(units) - 1)


def _mask_ends(text: str, *, head: int, tail: int, min_hidden: int) -> str:
    units = _characters(text)
    if len(units) < head + tail + min_hidden:
        return MASK * len(units)
    return "".join(units[:head]) + MASK * (len(units) - head - tail) + "".join(units[-tail:])


def _characters(text: str) -> list[str]:
    """Split into user-perceived characters: a base code point plus its combining marks and selectors."""
    units: list[str] = []
    for char in text:
        if units and (_extends_previous(char) or units[-1].endswith(_ZERO_WIDTH_JOINER)):
            units[-1] += char
        else:
            units.append(char)
    return units


def _extends_previous(char: str) -> bool:
    """Combining marks (variation selectors included) and the zero-width joiner stay with their base."""
    return unicodedata.category(char) in {"Mn", "Mc", "Me"} or char == _ZERO_WIDTH_JOINER
