"""The paper a simulated thermal printer produced between two cuts: what was printed where, and its picture."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import qrcode
from PIL import Image

__all__ = ["PrintedQr", "PrintedReceipt"]

_EC_LEVELS = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M}
_EC_LEVELS |= {"Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}


@dataclass(frozen=True, slots=True)
class PrintedQr:
    """A QR code the printer encoded itself (GS ( k): the stored payload, module size and error correction."""

    payload: str
    module_dots: int
    error_correction: str

    def ink(self) -> Image.Image:
        """The symbol as the printer's firmware draws it (no quiet zone); mode 1, set pixels are dots."""
        code = qrcode.QRCode(error_correction=_EC_LEVELS[self.error_correction], border=0, box_size=1)
        code.add_data(self.payload.encode("latin-1"))
        code.make(fit=True)
        rows = code.get_matrix()
        modules = Image.new("1", (len(rows), len(rows)), 0)
        modules.putdata([255 if dark else 0 for row in rows for dark in row])
        size = len(rows) * self.module_dots
        return modules.resize((size, size), Image.Resampling.NEAREST)


@dataclass(slots=True)
class PrintedReceipt:
    """One piece of paper: its text lines, raster images, QR codes and dots, in print order."""

    width_dots: int
    margin_dots: int = 32
    text_lines: list[str] = field(default_factory=list)
    images: list[Image.Image] = field(default_factory=list)
    qr_codes: list[PrintedQr] = field(default_factory=list)
    cut: str = ""
    height_dots: int = 0
    _marks: list[tuple[int, int, Image.Image]] = field(default_factory=list, repr=False)

    @property
    def qr_payloads(self) -> list[str]:
        """The payloads of the QR codes, in print order."""
        return [qr.payload for qr in self.qr_codes]

    def mark(self, ink: Image.Image, *, x: int, y: int) -> None:
        """Put dots (a mode-1 ink mask) on the paper with its top-left corner at (x, y)."""
        self._marks.append((x, y, ink))
        self.height_dots = max(self.height_dots, y + ink.height)

    def to_image(self) -> Image.Image:
        """The paper (printable width plus its margins) as a monochrome picture at the printer's resolution."""
        margin = self.margin_dots
        paper = Image.new("1", (self.width_dots + 2 * margin, self.height_dots + margin), 1)
        for x, y, ink in self._marks:
            paper.paste(0, (margin + x, margin + y), mask=ink)
        return paper

    def render_png(self, path: str | PathLike[str]) -> Path:
        """Write the paper's picture as a PNG (temporary file, then replace) and return the path."""
        target = Path(path)
        partial = target.with_name(f".{target.name}.partial")
        self.to_image().save(partial, format="PNG", dpi=(203, 203))
        os.replace(partial, target)
        return target
