"""ESC/POS byte building for one printout: styled text lines, raster lines, feeds, a native QR code, the cut."""

from __future__ import annotations

import codecs
import functools
import unicodedata
from collections.abc import Sequence

from PIL import Image

from printing.dot_font import DotFont, Run, default_dot_font

__all__ = [
    "PRINTER_CHARSETS",
    "EscPosWriter",
    "Justification",
    "prints_as_text",
]

ESC, GS, FS, DLE, EOT, LF = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04", b"\n"
TEXT_ENCODING = "gb18030"
PRINTER_CHARSETS = frozenset({"gb2312", "gbk", "gb18030"})
"""Character sets a Chinese printer's built-in font may cover (codec names)."""

MAX_FEED_DOTS = 255  # ESC J takes one byte
QR_MODEL_2, QR_EC_M, QR_SYMBOL = 50, 49, 48


class Justification:
    """ESC a values."""

    LEFT = 0
    CENTRE = 1


@functools.cache
def prints_as_text(ch: str, charset: str) -> bool:
    """True if the printer's font draws ch from its GB18030 bytes: ASCII, or a multi-byte code of charset."""
    if " " <= ch <= "~":
        return True
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return False
    try:
        native = ch.encode(charset)
    except UnicodeEncodeError:
        return False
    return len(native) > 1 and native == ch.encode(TEXT_ENCODING)


def _qr_function(fn: int, parameters: bytes) -> bytes:
    """GS ( k for a QR code (cn = 49) function fn."""
    size = len(parameters) + 2
    return GS + b"(k" + size.to_bytes(2, "little") + bytes((49, fn)) + parameters


class EscPosWriter:
    """Accumulates the bytes of one printout; lines the printer's font cannot draw go out as raster bitmaps."""

    def __init__(
        self,
        *,
        printable_width_dots: int,
        printer_charset: str,
        line_spacing_dots: int,
        dot_font: DotFont | None = None,
    ) -> None:
        charset = codecs.lookup(printer_charset).name
        if charset not in PRINTER_CHARSETS:
            raise ValueError(
                f"printer_charset must be one of {sorted(PRINTER_CHARSETS)}, got {printer_charset!r}"
            )
        self.charset = charset
        self.width_dots = printable_width_dots
        self.line_spacing_dots = line_spacing_dots
        self._font = dot_font
        self._out = bytearray(ESC + b"@" + FS + b"&" + ESC + b"3" + bytes((line_spacing_dots,)))
        self._justification = -1
        self._bold = False
        self._scale = (1, 1)

    @property
    def font(self) -> DotFont:
        """The dot font raster lines are drawn with (loaded on first use)."""
        if self._font is None:
            self._font = default_dot_font()
        return self._font

    def check_drawable(self, text: str) -> None:
        """Raise MissingGlyphError if some character of text is neither in the printer's font nor in ours."""
        self.font.check(ch for ch in set(text) - {"\n"} if not prints_as_text(ch, self.charset))

    def line(self, runs: Sequence[Run], *, justification: int = Justification.LEFT) -> None:
        """Print one line of styled runs: as text when the printer's font has every character, else as a bitmap."""
        if all(prints_as_text(ch, self.charset) for run in runs for ch in run.text):
            self._justify(justification)
            for run in runs:
                self._style(run)
                self._out += run.text.encode(TEXT_ENCODING)
            self._out += LF
        else:
            self._raster_line(runs, justification)

    def _raster_line(self, runs: Sequence[Run], justification: int) -> None:
        """Print runs as a full-width GS v 0 bitmap, then feed the rest of the line spacing."""
        ink = self.font.draw(runs)
        paper = Image.new("1", (self.width_dots - self.width_dots % 8, ink.height), 0)
        left = (paper.width - ink.width) // 2 if justification == Justification.CENTRE else 0
        paper.paste(ink, (max(left, 0), 0))
        self.raster(paper)
        self.feed(self.line_spacing_dots - min(ink.height, self.line_spacing_dots))

    def raster(self, ink: Image.Image) -> None:
        """Print a mode-1 image (set pixels are dots) with GS v 0; its width must be a multiple of 8."""
        if ink.mode != "1" or ink.width % 8:
            raise ValueError("raster images must be mode 1 with a width that is a multiple of 8")
        header = bytes((48, 0)) + (ink.width // 8).to_bytes(2, "little") + ink.height.to_bytes(2, "little")
        self._out += GS + b"v" + header + ink.tobytes()

    def feed(self, dots: int) -> None:
        """Feed the paper by dots (ESC J, in steps of at most 255)."""
        while dots > 0:
            step = min(dots, MAX_FEED_DOTS)
            self._out += ESC + b"J" + bytes((step,))
            dots -= step

    def qr(self, payload: str, *, module_dots: int, justification: int = Justification.CENTRE) -> None:
        """Print payload as a native QR code (model 2, error correction M) with square modules of module_dots."""
        data = payload.encode("ascii")
        self._justify(justification)
        self._out += _qr_function(65, bytes((QR_MODEL_2, 0)))
        self._out += _qr_function(67, bytes((module_dots,)))
        self._out += _qr_function(69, bytes((QR_EC_M,)))
        self._out += _qr_function(80, bytes((QR_SYMBOL,)) + data)
        self._out += _qr_function(81, bytes((QR_SYMBOL,)))

    def cut(self, *, feed_dots: int) -> bytes:
        """Feed to the cutter plus feed_dots, cut partially (GS V 66 n) and return the whole printout."""
        self._out += GS + b"V" + bytes((66, min(feed_dots, MAX_FEED_DOTS)))
        return bytes(self._out)

    def _justify(self, justification: int) -> None:
        """Send ESC a when the justification changes."""
        if justification != self._justification:
            self._out += ESC + b"a" + bytes((justification,))
            self._justification = justification

    def _style(self, run: Run) -> None:
        """Send ESC E and GS ! when the run's emphasis or size differs from the last one sent."""
        if run.bold != self._bold:
            self._out += ESC + b"E" + bytes((int(run.bold),))
            self._bold = run.bold
        scale = (run.width_scale, run.height_scale)
        if scale != self._scale:
            self._out += GS + b"!" + bytes(((run.width_scale - 1) << 4 | (run.height_scale - 1),))
            self._scale = scale
