"""Locate the shipped WenQuanYi Micro Hei font, register it with reportlab and check glyph coverage."""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections.abc import Iterable
from os import PathLike
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

__all__ = [
    "DEFAULT_FONT_PATH",
    "FONT_NAME",
    "MissingGlyphError",
    "check_glyphs",
    "font_path",
    "missing_glyphs",
    "register_font",
]

FONT_NAME = "WenQuanYiMicroHei"
"""reportlab name of the font registered from the default path."""

DEFAULT_FONT_PATH = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"
"""The font file shipped in the repository (resources/fonts), found relative to this package."""

_SUBFONT_INDEX = 0  # "WenQuanYi Micro Hei" (index 1 is the Mono face)
_NOT_DRAWN = frozenset("\n")

_lock = threading.Lock()
_registered: dict[Path, TTFont] = {}


class MissingGlyphError(ValueError):
    """The text has characters the font cannot draw; the message lists them in Chinese, then English."""

    def __init__(self, characters: Iterable[str]) -> None:
        self.characters = frozenset(characters)
        named = [f"{ch}(U+{ord(ch):04X})" for ch in sorted(self.characters)]
        super().__init__(
            f"回执字体无法显示以下字符：{'、'.join(named)}。请更正或替换后再打印。\n"
            f"The receipt font cannot draw these characters: {', '.join(named)}. "
            "Correct or replace them, then print."
        )


def font_path(*, path: str | PathLike[str] | None = None) -> Path:
    """Return the font file to use (the explicit path, else the shipped one); raise if it does not exist."""
    chosen = Path(path) if path is not None else DEFAULT_FONT_PATH
    if not chosen.is_file():
        raise FileNotFoundError(f"receipt font not found: {chosen}")
    return chosen.resolve()


def _font_name(resolved: Path) -> str:
    if resolved == DEFAULT_FONT_PATH.resolve():
        return FONT_NAME
    digest = hashlib.sha1(str(resolved).encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{FONT_NAME}-{digest}"


def _font(path: str | PathLike[str] | None) -> TTFont:
    resolved = font_path(path=path)
    with _lock:
        font = _registered.get(resolved)
        if font is None:
            font = TTFont(_font_name(resolved), str(resolved), subfontIndex=_SUBFONT_INDEX)
            pdfmetrics.registerFont(font)
            _registered[resolved] = font
        return font


def register_font(*, path: str | PathLike[str] | None = None) -> str:
    """Register the font with reportlab once (per file) and return its reportlab font name."""
    return str(_font(path).fontName)


def missing_glyphs(text: str, *, path: str | PathLike[str] | None = None) -> set[str]:
    """Return the characters of text the font cannot draw (not in its cmap, or controls); line breaks pass."""
    char_to_glyph = _font(path).face.charToGlyph
    return {
        ch
        for ch in set(text) - _NOT_DRAWN
        if char_to_glyph.get(ord(ch), 0) == 0 or unicodedata.category(ch) == "Cc"
    }


def check_glyphs(text: str, *, path: str | PathLike[str] | None = None) -> None:
    """Raise MissingGlyphError if the font cannot draw every character of text."""
    missing = missing_glyphs(text, path=path)
    if missing:
        raise MissingGlyphError(missing)
