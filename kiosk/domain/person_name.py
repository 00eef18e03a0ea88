"""Person names: every CJK ideograph (rare ones included), minority-name middle dots, Latin names.

Names are kept exactly as given: only NFC is applied, and never to CJK compatibility ideographs (NFC
would silently swap them for a different code point). Ideographs are recognised by Unicode block rather
than by Python's Unicode database, so characters newer than the runtime's tables are still accepted.
Private-use characters are refused: they cannot be displayed, printed or exchanged reliably.
"""

from __future__ import annotations

import itertools
import unicodedata

from kiosk.domain.chars import has_forbidden_control, quote_chars
from kiosk.domain.validation import Checked, Problem

MAX_NAME_LENGTH = 50
MIDDLE_DOT = "\u00b7"

# Dots people type for the separator in minority and transliterated names (•, ‧, ∙, ⋅, ・, ･).
MIDDLE_DOT_VARIANTS = frozenset("\u2022\u2027\u2219\u22c5\u30fb\uff65")

CJK_IDEOGRAPH_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2B73F),  # Extension C
    (0x2B740, 0x2B81F),  # Extension D
    (0x2B820, 0x2CEAF),  # Extension E
    (0x2CEB0, 0x2EBEF),  # Extension F
    (0x2EBF0, 0x2EE5F),  # Extension I
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x3134F),  # Extension G
    (0x31350, 0x323AF),  # Extension H
)
_COMPATIBILITY_BLOCKS = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_IDEOGRAPHIC_ZERO = "\u3007"  # 〇, found in some registered names
_LATIN_LETTER_BLOCKS = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
_LATIN_COMBINING_MARKS = ((0x300, 0x36F),)
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
_SEPARATORS = frozenset({" ", "-", "'", "\u2019", MIDDLE_DOT})


def check_person_name(raw: str) -> Checked:
    """Validate a person's name; the value is trimmed, NFC-normalised and uses · as the middle dot."""
    value = _nfc_keeping_ideographs(raw.strip())
    value = "".join(MIDDLE_DOT if char in MIDDLE_DOT_VARIANTS else char for char in value)
    return Checked(value=value, error=_find_problem(value))


def is_cjk_ideograph(char: str) -> bool:
    """True for a code point in any CJK ideograph block (assigned or not yet assigned) or 〇."""
    return char == _IDEOGRAPHIC_ZERO or _in_blocks(char, CJK_IDEOGRAPH_BLOCKS)


def _in_blocks(char: str, blocks: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(first <= code <= last for first, last in blocks)


def _nfc_keeping_ideographs(text: str) -> str:
    parts: list[str] = []
    run_start = 0
    for index, char in enumerate(text):
        if _in_blocks(char, _COMPATIBILITY_BLOCKS):
            parts.append(unicodedata.normalize("NFC", text[run_start:index]))
            parts.append(char)
            run_start = index + 1
    parts.append(unicodedata.normalize("NFC", text[run_start:]))
    return "".join(parts)


def _is_latin_letter(char: str) -> bool:
    return _in_blocks(char, _LATIN_LETTER_BLOCKS) and unicodedata.category(char).startswith("L")


def _is_latin_mark(char: str) -> bool:
    return _in_blocks(char, _LATIN_COMBINING_MARKS)


def _disallowed_chars(value: str) -> list[str]:
    disallowed: list[str] = []
    previous = ""
    for char in value:
        if _in_blocks(char, _VARIATION_SELECTORS):
            allowed = previous != "" and is_cjk_ideograph(previous)
        elif _is_latin_mark(char):
            allowed = previous != "" and (_is_latin_letter(previous) or _is_latin_mark(previous))
        else:
            allowed = is_cjk_ideograph(char) or _is_latin_letter(char) or char in _SEPARATORS
        if not allowed:
            disallowed.append(char)
        previous = char
    return disallowed


def _find_problem(value: str) -> Problem | None:
    return _basic_problem(value) or _character_problem(value)


def _basic_problem(value: str) -> Problem | None:
    if not value:
        return Problem("请输入姓名", "Please enter the name.")
    if has_forbidden_control(value):
        return Problem(
            "姓名中含有不可见的控制字符，请重新输入", "The name contains invisible control characters."
        )
    if len(value) > MAX_NAME_LENGTH:
        return Problem(
            f"姓名最多 {MAX_NAME_LENGTH} 个字，现在是 {len(value)} 个",
            f"A name has at most {MAX_NAME_LENGTH} characters; {len(value)} were entered.",
        )
    if any(unicodedata.category(char) == "Nd" for char in value):
        return Problem("姓名中不能包含数字", "A name cannot contain digits.")
    return None


def _character_problem(value: str) -> Problem | None:
    disallowed = _disallowed_chars(value)
    if disallowed:
        return Problem(
            f"姓名中不能包含 {quote_chars(disallowed)}",
            f"A name cannot contain {quote_chars(disallowed)}.",
        )
    if _misplaced_separator(value):
        return Problem(
            "间隔号“·”、连字符、撇号和空格不能放在姓名开头或结尾，也不能连续出现",
            "The middle dot, hyphen, apostrophe and space cannot start or end a name or follow each other.",
        )
    return None


def _misplaced_separator(value: str) -> bool:
    if value[0] in _SEPARATORS or value[-1] in _SEPARATORS:
        return True
    return any(first in _SEPARATORS and second in _SEPARATORS for first, second in itertools.pairwise(value))
