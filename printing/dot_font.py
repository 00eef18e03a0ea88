"""Font A of an 80 mm thermal printer drawn in dots: 12×24 cells for ASCII, 24×24 for everything else."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from printing.fonts import DEFAULT_FONT_PATH, MissingGlyphError, fallback_font_paths, missing_glyphs

__all__ = [
    "CELL_HEIGHT",
    "NARROW_CELL",
    "WIDE_CELL",
    "DotFont",
    "Run",
    "default_dot_font",
    "is_narrow",
    "text_columns",
]

CELL_HEIGHT = 24
"""Height of a Font A character in dots."""
NARROW_CELL = 12
"""Width of a Font A ASCII character in dots (one column)."""
WIDE_CELL = 24
"""Width of a Font A Chinese (two-byte) character in dots (two columns)."""

_MONO_FACE = 1  # "WenQuanYi Micro Hei Mono" in the shipped .ttc: half-width Latin, like the printer's font
_NARROW_STYLE = (20, 19)  # FreeType size in pixels, baseline in the cell: 12-dot advance, descenders fit
_WIDE_STYLE = (22, 20)
_INK_THRESHOLD = 128


def is_narrow(ch: str) -> bool:
    """True for the printable ASCII characters a printer draws in a one-column cell."""
    return " " <= ch <= "~"


def text_columns(text: str) -> int:
    """Width of text in Font A columns (12 dots each): ASCII takes one, any other character two."""
    return sum(1 if is_narrow(ch) else 2 for ch in text)


@dataclass(frozen=True, slots=True)
class Run:
    """Characters printed with one style: emphasis (ESC E) and the GS ! width and height multipliers."""

    text: str
    bold: bool = False
    width_scale: int = 1
    height_scale: int = 1

    @property
    def dots(self) -> int:
        """Width of the run on paper, in dots."""
        return text_columns(self.text) * NARROW_CELL * self.width_scale


class DotFont:
    """Draws characters into printer cells from the shipped font, then the fallback fonts, per character."""

    def __init__(self, *, fallback_paths: Sequence[Path] | None = None) -> None:
        self._paths = (
            DEFAULT_FONT_PATH,
            *(fallback_font_paths() if fallback_paths is None else fallback_paths),
        )
        self._lock = threading.Lock()
        self._cells: dict[str, Image.Image] = {}
        self._owners: dict[str, Path | None] = {}

    def _owner(self, ch: str) -> Path | None:
        """The first font file that has a glyph for ch, or None."""
        if ch not in self._owners:
            self._owners[ch] = next((p for p in self._paths if not missing_glyphs(ch, path=p)), None)
        return self._owners[ch]

    def can_draw(self, ch: str) -> bool:
        """True if some font has a glyph for ch."""
        with self._lock:
            return self._owner(ch) is not None

    def check(self, characters: Iterable[str]) -> None:
        """Raise MissingGlyphError naming every character that no font can draw."""
        with self._lock:
            missing = {ch for ch in set(characters) if self._owner(ch) is None}
        if missing:
            raise MissingGlyphError(missing)

    def _cell(self, ch: str) -> Image.Image:
        """The ink mask (mode 1, ink set) of one character in its 12×24 or 24×24 cell."""
        cell = self._cells.get(ch)
        if cell is None:
            owner = self._owner(ch)
            if owner is None:
                raise MissingGlyphError({ch})
            narrow = is_narrow(ch)
            size, baseline = _NARROW_STYLE if narrow else _WIDE_STYLE
            width = NARROW_CELL if narrow else WIDE_CELL
            face = _MONO_FACE if owner == DEFAULT_FONT_PATH else 0
            grey = Image.new("L", (width, CELL_HEIGHT), 0)
            ImageDraw.Draw(grey).text(
                (width / 2, baseline), ch, font=_truetype(owner, size, face), fill=255, anchor="ms"
            )
            cell = grey.point(lambda level: 255 if level >= _INK_THRESHOLD else 0, mode="1")
            self._cells[ch] = cell
        return cell

    def draw(self, runs: Sequence[Run]) -> Image.Image:
        """Draw runs side by side, bottom-aligned like a printed line; mode 1 with ink set (1 = dot)."""
        height = CELL_HEIGHT * max((run.height_scale for run in runs), default=1)
        line = Image.new("1", (max(1, sum(run.dots for run in runs)), height), 0)
        x = 0
        with self._lock:
            for run in runs:
                for ch in run.text:
                    glyph = self._cell(ch)
                    if run.bold:
                        glyph = _emphasised(glyph)
                    if (run.width_scale, run.height_scale) != (1, 1):
                        scaled = (glyph.width * run.width_scale, glyph.height * run.height_scale)
                        glyph = glyph.resize(scaled, Image.Resampling.NEAREST)
                    line.paste(glyph, (x, height - glyph.height))
                    x += glyph.width
        return line


def _emphasised(glyph: Image.Image) -> Image.Image:
    """The printer's emphasis: every dot printed again one dot to the right."""
    shifted = Image.new("1", glyph.size, 0)
    shifted.paste(glyph.crop((0, 0, glyph.width - 1, glyph.height)), (1, 0))
    return ImageChops.logical_or(glyph, shifted)


@functools.cache
def _truetype(path: Path, size: int, face: int) -> ImageFont.FreeTypeFont:
    """A FreeType font object, loaded once per file, size and face."""
    return ImageFont.truetype(str(path), size, index=face, layout_engine=ImageFont.Layout.BASIC)


@functools.cache
def default_dot_font() -> DotFont:
    """The process-wide DotFont over the shipped font and the fallback fonts found on this machine."""
    return DotFont()
