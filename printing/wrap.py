"""Line wrapping for mixed Chinese/Latin text: CJK breaks between characters, Latin between words."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

__all__ = ["wrap_text"]

# Never start a line with these (they stay with the character before them).
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…‥·％‰℃,.;:!?)]}%")
# Never end a line with these (they stay with the character after them).
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
# Inside a Latin word a line may break after these (filing numbers, terminal ids).
_BREAK_AFTER = frozenset("-")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(paragraph: str) -> list[str]:
    """Split into breakable units: wide characters, Latin words (split after hyphens), space runs."""
    tokens: list[str] = []
    word = ""
    for ch in paragraph:
        if ch.isspace() or _is_wide(ch):
            if word:
                tokens.append(word)
                word = ""
            if ch.isspace() and tokens and tokens[-1].isspace():
                tokens[-1] += ch
            else:
                tokens.append(ch)
        elif ch in _BREAK_AFTER and word:
            tokens.append(word + ch)
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    return _glue_punctuation(tokens)


def _glue_punctuation(tokens: list[str]) -> list[str]:
    glued: list[str] = []
    pending_open = ""
    for token in tokens:
        if token.isspace():
            if pending_open:
                glued.append(pending_open)
                pending_open = ""
            glued.append(token)
        elif all(ch in _NO_LINE_END for ch in token):
            pending_open += token
        elif (
            glued
            and not glued[-1].isspace()
            and not pending_open
            and all(ch in _NO_LINE_START for ch in token)
        ):
            glued[-1] += token
        else:
            glued.append(pending_open + token)
            pending_open = ""
    if pending_open:
        glued.append(pending_open)
    return glued


def _break_long(token: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break a unit wider than the line per character (long IDs, URLs)."""
    pieces: list[str] = []
    piece = ""
    for ch in token:
        if piece and measure(piece + ch) > width:
            pieces.append(piece)
            piece = ch
        else:
            piece += ch
    if piece:
        pieces.append(piece)
    return pieces


def _wrap_paragraph(paragraph: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    current = ""
    for token in _tokens(paragraph):
        if token.isspace():
            if current:
                current += token
            continue
        if measure(current + token) <= width:
            current += token
            continue
        if current.strip():
            lines.append(current.rstrip())
        if measure(token) <= width:
            current = token
        else:
            *full, current = _break_long(token, width, measure)
            lines.extend(full)
    if current.strip():
        lines.append(current.rstrip())
    return lines


def wrap_text(text: str, *, width: float, measure: Callable[[str], float]) -> list[str]:
    """Wrap text into lines no wider than width (as measured), honouring hard line breaks; '' gives []."""
    if width <= 0:
        raise ValueError("width must be positive")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    return lines
