"""The print mechanism of the simulated thermal printer: print modes, the line buffer, dots on paper, the cutter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image

from printing.dot_font import CELL_HEIGHT, NARROW_CELL, WIDE_CELL, DotFont, Run, default_dot_font, is_narrow
from printing.escpos_stream import StreamCommand
from printing.simulated_paper import PrintedQr, PrintedReceipt

__all__ = ["PrintMechanism"]

DEFAULT_LINE_SPACING = 34  # ESC 2: 1/6 inch at 203 dpi
DEFAULT_QR_MODULE = 3
UNDRAWABLE = "□"  # what the simulated head prints for a code its font has no glyph for
_EC_LEVELS = {48: "L", 49: "M", 50: "Q", 51: "H"}
_FULL_CUTS, _PARTIAL_CUTS = frozenset({0, 48, 65}), frozenset({1, 49, 66})
# Commands a real printer accepts that change nothing the simulation draws (fonts, code pages, margins...).
_NOT_DRAWN = frozenset(
    (
        *("CR", "HT", "FF", "CAN", "ESC -", "ESC M", "ESC t", "ESC R", "ESC {", "ESC V", "ESC SP", "ESC ="),
        *("ESC %", "ESC e", "ESC U", "ESC $", "ESC \\", "ESC c", "ESC p", "ESC S", "ESC L", "ESC D", "ESC *"),
        *("FS -", "FS C", "FS W", "FS S", "GS B", "GS H", "GS h", "GS w", "GS f", "GS r", "GS a", "GS I"),
        *("GS b", "GS L", "GS W", "GS P", "GS k", "GS ( L", "GS ( E"),
    )
)


@dataclass(frozen=True, slots=True)
class _Modes:
    """Settings ESC @ resets."""

    kanji: bool = False
    justification: int = 0
    bold: bool = False
    width_scale: int = 1
    height_scale: int = 1
    line_spacing: int = DEFAULT_LINE_SPACING
    qr_module: int = DEFAULT_QR_MODULE
    qr_error_correction: str = "L"
    qr_data: bytes | None = None


class PrintMechanism:
    """Executes the commands that print (everything but the real-time ones) onto paper, one receipt per cut."""

    def __init__(
        self,
        *,
        width_dots: int,
        charset: str,
        on_cut: Callable[[PrintedReceipt], None],
        dot_font: DotFont | None = None,
    ) -> None:
        self.width_dots = width_dots
        self.charset = charset
        self.ignored: list[StreamCommand] = []
        self._on_cut = on_cut
        self._font = dot_font or default_dot_font()
        self._modes = _Modes()
        self._paper = PrintedReceipt(width_dots)
        self._y = 0
        self._line: list[tuple[str, Run]] = []  # characters waiting for LF, each with its style
        self._line_dots = 0
        self._partial_code = b""  # the first bytes of a multi-byte character

    @property
    def paper(self) -> PrintedReceipt:
        """The paper printed since the last cut."""
        return self._paper

    def execute(self, command: StreamCommand) -> None:
        """Carry out one command as a printer would."""
        handler = _HANDLERS.get(command.name)
        if handler is not None:
            handler(self, command)
        elif command.name not in _NOT_DRAWN:
            self.ignored.append(command)

    # Text -----------------------------------------------------------------------------------------------

    def _text(self, command: StreamCommand) -> None:
        """Take text bytes one at a time (a two-byte code may arrive split)."""
        for byte in command.data:
            self._text_byte(byte)

    def _text_byte(self, byte: int) -> None:
        """Decode one byte: ASCII, part of a Chinese code in Chinese mode, else code page 437."""
        if not self._modes.kanji:
            self._put(bytes((byte,)).decode("cp437"))
            return
        code = self._partial_code + bytes((byte,))
        if len(code) == 1 and byte < 0x80:
            self._put(chr(byte))
        elif len(code) == 1 or (len(code) in (2, 3) and self._four_byte(code)):
            self._partial_code = code
        else:
            self._partial_code = b""
            self._put(code.decode(self.charset, errors="replace")[:1])

    def _four_byte(self, code: bytes) -> bool:
        """True while code is the start of a four-byte GB18030 sequence (only a GB18030 printer reads those)."""
        return self.charset == "gb18030" and 0x30 <= code[1] <= 0x39

    def _put(self, ch: str) -> None:
        """Add a character to the line buffer, printing the line first when it is full."""
        modes = self._modes
        style = Run("", bold=modes.bold, width_scale=modes.width_scale, height_scale=modes.height_scale)
        if not self._font.can_draw(ch):
            ch = UNDRAWABLE
        dots = (NARROW_CELL if is_narrow(ch) else WIDE_CELL) * style.width_scale
        if self._line and self._line_dots + dots > self.width_dots:
            # The printer wraps a line that reaches the right edge.
            self._y += max(self._print_line(), self._modes.line_spacing)
        self._line.append((ch, style))
        self._line_dots += dots

    def _print_line(self) -> int:
        """Print the line buffer at the print position; return the height it takes (0 for an empty buffer)."""
        if not self._line:
            return 0
        runs: list[Run] = []
        for ch, style in self._line:
            if runs and replace(runs[-1], text="") == style:
                runs[-1] = replace(runs[-1], text=runs[-1].text + ch)
            else:
                runs.append(replace(style, text=ch))
        self._line, self._line_dots = [], 0
        self._paper.text_lines.append("".join(run.text for run in runs))
        ink = self._font.draw(runs)
        self._paper.mark(ink, x=self._left(ink.width), y=self._y)
        return max(ink.height, CELL_HEIGHT)

    def _left(self, width: int) -> int:
        """Where a line, image or symbol of this width starts under the current justification."""
        spare = max(self.width_dots - width, 0)
        return {0: 0, 1: spare // 2, 2: spare}[self._modes.justification]

    # Feeds ----------------------------------------------------------------------------------------------

    def _line_feed(self, _: StreamCommand) -> None:
        """LF: print the line buffer and advance by the line spacing (or the line's height)."""
        self._y += max(self._print_line(), self._modes.line_spacing)

    def _feed_dots(self, command: StreamCommand) -> None:
        """ESC J n: print the line buffer and feed n dots."""
        self._print_line()
        self._y += command.params[0]

    def _feed_lines(self, command: StreamCommand) -> None:
        """ESC d n: print the line buffer and feed n lines."""
        height = self._print_line()
        lines = command.params[0]
        if height:
            self._y += max(height, self._modes.line_spacing) + max(lines - 1, 0) * self._modes.line_spacing
        else:
            self._y += lines * self._modes.line_spacing

    # Modes ----------------------------------------------------------------------------------------------

    def _set(self, **changes: Any) -> None:
        """Change some print modes."""
        self._modes = replace(self._modes, **changes)

    def _initialise(self, _: StreamCommand) -> None:
        """ESC @: default modes and an empty line buffer (waiting data and paper stay)."""
        self._modes = _Modes()
        self._line, self._line_dots = [], 0
        self._partial_code = b""

    def _kanji_on(self, _: StreamCommand) -> None:
        """FS &: Chinese mode, bytes 0x81-0xFE start a two-byte code."""
        self._set(kanji=True)

    def _kanji_off(self, _: StreamCommand) -> None:
        """FS .: single-byte code page 437 again."""
        self._set(kanji=False)
        self._partial_code = b""

    def _justify(self, command: StreamCommand) -> None:
        """ESC a n: left, centred or right."""
        self._set(justification=command.params[0] % 48 if command.params[0] % 48 <= 2 else 0)

    def _emphasis(self, command: StreamCommand) -> None:
        """ESC E n and ESC G n: emphasised (bold) on or off."""
        self._set(bold=bool(command.params[0] & 1))

    def _character_size(self, command: StreamCommand) -> None:
        """GS ! n: width and height multipliers 1 to 8."""
        n = command.params[0]
        self._set(width_scale=(n >> 4 & 7) + 1, height_scale=(n & 7) + 1)

    def _print_mode(self, command: StreamCommand) -> None:
        """ESC ! and FS !: emphasis (bit 3) and double height/width (bits 4 and 5, or 3 and 2 for FS !)."""
        n = command.params[0]
        if command.name == "ESC !":
            self._set(bold=bool(n & 8), height_scale=2 if n & 16 else 1, width_scale=2 if n & 32 else 1)
        else:
            self._set(height_scale=2 if n & 8 else 1, width_scale=2 if n & 4 else 1)

    def _line_spacing(self, command: StreamCommand) -> None:
        """ESC 3 n sets the line spacing in dots, ESC 2 restores the default."""
        self._set(line_spacing=command.params[0] if command.name == "ESC 3" else DEFAULT_LINE_SPACING)

    # Images, symbols, cuts ------------------------------------------------------------------------------

    def _at_line_start(self, command: StreamCommand) -> bool:
        """Images, symbols and cuts work only at the beginning of a line; otherwise the printer ignores them."""
        if self._line:
            self.ignored.append(command)
        return not self._line

    def _raster(self, command: StreamCommand) -> None:
        """GS v 0: print a raster image, scaled by its mode, under the current justification."""
        if not self._at_line_start(command):
            return
        mode, width_bytes, height = command.params[1] % 48, command.params[2:4], command.params[4:6]
        size = (int.from_bytes(width_bytes, "little") * 8, int.from_bytes(height, "little"))
        image = Image.frombytes("1", size, command.data)
        self._paper.images.append(image)
        scaled = image.resize(
            (size[0] * (1 + (mode & 1)), size[1] * (1 + (mode >> 1 & 1))), Image.Resampling.NEAREST
        )
        self._paper.mark(scaled, x=self._left(scaled.width), y=self._y)
        self._y += scaled.height

    def _symbol(self, command: StreamCommand) -> None:
        """GS ( k: QR code functions (cn 49); other symbologies are accepted and not drawn."""
        body = command.data
        if len(body) < 3 or body[0] != 49:
            return
        fn, argument = body[1], body[2:]
        if fn == 67 and 1 <= argument[0] <= 16:
            self._set(qr_module=argument[0])
        elif fn == 69 and argument[0] in _EC_LEVELS:
            self._set(qr_error_correction=_EC_LEVELS[argument[0]])
        elif fn == 80 and argument[0] == 48:
            self._set(qr_data=bytes(argument[1:]))
        elif fn == 81 and self._modes.qr_data is not None and self._at_line_start(command):
            self._print_qr(self._modes.qr_data)

    def _print_qr(self, data: bytes) -> None:
        """Print the stored QR payload with the current module size and error correction."""
        modes = self._modes
        qr = PrintedQr(data.decode("latin-1"), modes.qr_module, modes.qr_error_correction)
        ink = qr.ink()
        self._paper.qr_codes.append(qr)
        self._paper.mark(ink, x=self._left(ink.width), y=self._y)
        self._y += ink.height

    def _cut(self, command: StreamCommand) -> None:
        """GS V, ESC i, ESC m: feed as asked, cut, and hand the paper over."""
        mode = command.params[0] if command.name == "GS V" else {"ESC i": 0, "ESC m": 1}[command.name]
        if mode not in _FULL_CUTS | _PARTIAL_CUTS or not self._at_line_start(command):
            return
        if mode in (65, 66):
            self._y += command.params[1]
        paper = self._paper
        paper.cut = "full" if mode in _FULL_CUTS else "partial"
        paper.height_dots = max(paper.height_dots, self._y)
        self._paper = PrintedReceipt(self.width_dots)
        self._y = 0
        self._on_cut(paper)


_HANDLERS: dict[str, Callable[[PrintMechanism, StreamCommand], None]] = {
    "text": PrintMechanism._text,
    "LF": PrintMechanism._line_feed,
    "ESC J": PrintMechanism._feed_dots,
    "ESC d": PrintMechanism._feed_lines,
    "ESC @": PrintMechanism._initialise,
    "FS &": PrintMechanism._kanji_on,
    "FS .": PrintMechanism._kanji_off,
    "ESC a": PrintMechanism._justify,
    "ESC E": PrintMechanism._emphasis,
    "ESC G": PrintMechanism._emphasis,
    "GS !": PrintMechanism._character_size,
    "ESC !": PrintMechanism._print_mode,
    "FS !": PrintMechanism._print_mode,
    "ESC 2": PrintMechanism._line_spacing,
    "ESC 3": PrintMechanism._line_spacing,
    "GS v 0": PrintMechanism._raster,
    "GS ( k": PrintMechanism._symbol,
    "GS V": PrintMechanism._cut,
    "ESC i": PrintMechanism._cut,
    "ESC m": PrintMechanism._cut,
}
