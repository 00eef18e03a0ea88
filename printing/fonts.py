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
    "FALLBACK_FONT_PATHS",
    "FONT_NAME",
    "MissingGlyphError",
    "check_glyphs",
    "fallback_font_paths",
    "font_path",
    "font_runs",
    "missing_glyphs",
    "register_font",
]

FONT_NAME = "WenQuanYiMicroHei"
"""reportlab name of the font registered from the default path."""

DEFAULT_FONT_PATH = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"
"""The font file shipped in the repository (resources/fonts), found relative to this package."""

FALLBACK_FONT_PATHS = (
    Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
    Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
)
"""Glyf TrueType fonts (Debian's fonts-hanazono) tried, in order, for characters the main font lacks:
CJK Extension A to F, found in names and addresses (for example 𠈌, 䶮)."""

_SUBFONT_INDEX = 0  # "WenQuanYi Micro Hei" (index 1 is the Mono face)
_NOT_DRAWN = frozenset("\n")

_lock = threading.Lock()
_registered: dict[Path, TTFont] = {}
_resolved: dict[Path, Path] = {}  # font file as given -> its checked, resolved path (layout asks often)


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


def fallback_font_paths() -> tuple[Path, ...]:
    """The fallback fonts present on this machine, in the order to try them."""
    return tuple(path for path in FALLBACK_FONT_PATHS if path.is_file())


def font_path(*, path: str | PathLike[str] | None = None) -> Path:
    """Return the font file to use (the explicit path, else the shipped one); raise if it does not exist."""
    chosen = Path(path) if path is not None else DEFAULT_FONT_PATH
    known = _resolved.get(chosen)
    if known is not None:
        return known
    if not chosen.is_file():
        raise FileNotFoundError(f"receipt font not found: {chosen}")
    resolved = chosen.resolve()
    _resolved[chosen] = resolved
    return resolved


def _font_name(resolved: Path) -> str:
    if resolved == DEFAULT_FONT_PATH.resolve():
        return FONT_NAME
    digest = hashlib.sha1(str(resolved).encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{FONT_NAME}-{digest}"


def _font(path: str | PathLike[str] | None) -> TTFont:
    """The registered TTFont for ``path`` (the shipped font for None); text layout calls this a lot."""
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


def _fallback_font(path: Path) -> TTFont:
    """A fallback font registered with reportlab once (loaded only when a text needs it)."""
    with _lock:
        font = _registered.get(path)
        if font is None:
            font = TTFont(f"Fallback-{path.stem}", str(path))
            pdfmetrics.registerFont(font)
            _registered[path] = font
        return font


def _drawable(ch: str, font: TTFont) -> bool:
    """Whether ``font`` has a glyph for ``ch`` (control characters never count)."""
    return font.face.charToGlyph.get(ord(ch), 0) != 0 and unicodedata.category(ch) != "Cc"


def _has_controls(text: str) -> bool:
    """Whether text holds a control character other than a line break."""
    return any(unicodedata.category(ch) == "Cc" and ch not in _NOT_DRAWN for ch in text)


def font_runs(text: str, *, path: str | PathLike[str] | None = None) -> list[tuple[str, str]]:
    """Split ``text`` into runs drawn by one font each: the main font, else the first fallback that has
    the character. Returns (run, reportlab font name) pairs; MissingGlyphError if no font has a character."""
    main = _font(path)
    charmap = main.face.charToGlyph
    if all(charmap.get(ord(ch), 0) or ch in _NOT_DRAWN for ch in text) and not _has_controls(text):
        return [(text, str(main.fontName))] if text else []
    runs: list[tuple[str, str]] = []
    missing: set[str] = set()
    for ch in text:
        font = main if ch in _NOT_DRAWN or _drawable(ch, main) else None
        if font is None:
            font = next(
                (f for f in map(_fallback_font, fallback_font_paths()) if _drawable(ch, f)),
                None,
            )
        if font is None:
            missing.add(ch)
            continue
        if runs and runs[-1][1] == font.fontName:
            runs[-1] = (runs[-1][0] + ch, font.fontName)
        else:
            runs.append((ch, str(font.fontName)))
    if missing:
        raise MissingGlyphError(missing)
    return runs


def check_glyphs(text: str, *, path: str | PathLike[str] | None = None) -> None:
    """Raise MissingGlyphError if neither the font nor a fallback font can draw every character of text."""
    missing = missing_glyphs(text, path=path)
    if missing:
        font_runs("".join(sorted(missing)), path=path)
