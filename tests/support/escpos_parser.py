"""A strict ESC/POS reader for tests, written apart from the simulated printer: whole input, no guessing.

It knows only the commands a receipt needs and raises EscPosSyntaxError at the first byte it cannot place:
an unknown command, a truncated one, a parameter out of range, a control byte inside text, non-ASCII text
outside Chinese mode, or text that is not valid GB18030.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from PIL import Image

ESC, FS, GS, DLE = 0x1B, 0x1C, 0x1D, 0x10
T = TypeVar("T")


class EscPosSyntaxError(ValueError):
    """The bytes are not a well-formed printout."""

    def __init__(self, offset: int, problem: str) -> None:
        super().__init__(f"byte {offset}: {problem}")
        self.offset = offset


@dataclass(frozen=True)
class Command:
    """A command without data: its name as the manuals write it and its parameter values."""

    name: str
    args: tuple[int, ...]
    offset: int


@dataclass(frozen=True)
class Text:
    """Printable text, decoded; chinese tells whether Chinese mode (FS &) was on."""

    text: str
    chinese: bool
    offset: int


@dataclass(frozen=True)
class Raster:
    """A GS v 0 raster image: mode 1, set pixels are printed dots."""

    image: Image.Image
    scale_mode: int
    offset: int


@dataclass(frozen=True)
class QrSymbol:
    """A QR code printed with GS ( k: the stored payload and the settings in force when it was printed."""

    payload: str
    module_dots: int
    error_correction: str
    model: int
    offset: int


@dataclass(frozen=True)
class Cut:
    """GS V: partial or full, after feeding feed_dots past the cutter."""

    partial: bool
    feed_dots: int
    offset: int


Item = Command | Text | Raster | QrSymbol | Cut


@dataclass
class Printout:
    """Everything in the stream, in order."""

    items: list[Item] = field(default_factory=list)

    def of_type(self, kind: type[T]) -> list[T]:
        """The items of one kind, in order."""
        return [item for item in self.items if isinstance(item, kind)]

    def text_lines(self) -> list[str]:
        """The printed text split at line feeds (and at feeds, images and symbols), without empty lines."""
        lines, current = [], ""
        for item in self.items:
            if isinstance(item, Text):
                current += item.text
            elif isinstance(item, Command) and item.name not in ("LF", "ESC J", "ESC d"):
                continue
            elif current:
                lines.append(current)
                current = ""
        if current:
            lines.append(current)
        return lines

    def names(self) -> list[str]:
        """The command names in order (text is "text")."""
        return [item.name if isinstance(item, Command) else type(item).__name__ for item in self.items]


_QR_EC = {48: "L", 49: "M", 50: "Q", 51: "H"}


class _Reader:
    """Walks the bytes once, keeping the modes that change how later bytes read."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0
        self.chinese = False
        self.qr_model, self.qr_module, self.qr_ec = 2, 3, "L"
        self.stored: str | None = None
        self.out = Printout()

    def take(self, count: int, what: str) -> bytes:
        """The next count bytes; raise if the stream ends first."""
        if self.at + count > len(self.data):
            raise EscPosSyntaxError(self.at, f"{what} is cut short")
        chunk = self.data[self.at : self.at + count]
        self.at += count
        return chunk

    def byte_in(self, allowed: range | set[int], what: str) -> int:
        """The next byte, which must be one of allowed."""
        (value,) = self.take(1, what)
        if value not in allowed:
            raise EscPosSyntaxError(self.at - 1, f"{what} {value} is out of range")
        return value

    def read(self) -> Printout:
        """Read every item up to the end of the stream."""
        while self.at < len(self.data):
            start = self.at
            lead = self.data[start]
            if lead >= 0x20:
                self.text(start)
            elif lead == 0x0A:
                self.at += 1
                self.out.items.append(Command("LF", (), start))
            elif lead in (ESC, FS, GS, DLE):
                self.at += 1
                self.command(lead, start)
            else:
                raise EscPosSyntaxError(start, f"stray control byte {lead:#04x}")
        return self.out

    def text(self, start: int) -> None:
        """Read a run of printable bytes as text."""
        end = start
        while end < len(self.data) and self.data[end] >= 0x20:
            end += 1
        raw = self.data[start:end]
        if not self.chinese and not raw.isascii():
            raise EscPosSyntaxError(start, "non-ASCII text outside Chinese mode (no FS & before it)")
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError as error:
            raise EscPosSyntaxError(start + error.start, "text is not valid GB18030") from error
        self.at = end
        self.out.items.append(Text(text, self.chinese, start))

    def command(self, lead: int, start: int) -> None:
        """Read one ESC, FS, GS or DLE command after its prefix byte."""
        (code,) = self.take(1, "command byte")
        key = (lead, chr(code))
        simple = _SIMPLE.get(key)
        if simple is not None:
            name, ranges = simple
            args = tuple(self.byte_in(allowed, f"{name} parameter") for allowed in ranges)
            if name in ("FS &", "FS .", "ESC @"):
                self.chinese = name == "FS &"
            self.out.items.append(Command(name, args, start))
        elif key == (GS, "v"):
            self.raster(start)
        elif key == (GS, "("):
            self.symbol(start)
        elif key == (GS, "V"):
            self.cut(start)
        else:
            raise EscPosSyntaxError(start, f"unknown command {bytes((lead, code))!r}")

    def raster(self, start: int) -> None:
        """Read GS v 0 m xL xH yL yH and its rows."""
        self.byte_in({0x30}, "GS v function")
        mode = self.byte_in({0, 1, 2, 3, 48, 49, 50, 51}, "GS v 0 mode")
        width_bytes = int.from_bytes(self.take(2, "GS v 0 width"), "little")
        height = int.from_bytes(self.take(2, "GS v 0 height"), "little")
        if not (1 <= width_bytes <= 255 and 1 <= height <= 2303):
            raise EscPosSyntaxError(start, f"GS v 0 size {width_bytes} bytes × {height} rows is out of range")
        rows = self.take(width_bytes * height, "GS v 0 data")
        image = Image.frombytes("1", (width_bytes * 8, height), rows)
        self.out.items.append(Raster(image, mode % 48, start))

    def symbol(self, start: int) -> None:
        """Read a GS ( k QR code function."""
        self.byte_in({ord("k")}, "GS ( function group")
        size = int.from_bytes(self.take(2, "GS ( k length"), "little")
        if size < 3:
            raise EscPosSyntaxError(start, "GS ( k body too short")
        body = self.take(size, "GS ( k body")
        symbology, function, rest = body[0], body[1], body[2:]
        if symbology != 49:
            raise EscPosSyntaxError(start, f"GS ( k cn {symbology} is not a QR code")
        self.qr_function(start, function, rest)

    def qr_function(self, start: int, function: int, rest: bytes) -> None:
        """Apply or print one QR code function (65 model, 67 size, 69 error correction, 80 store, 81 print)."""
        if function == 65 and len(rest) == 2 and rest[0] in (49, 50) and rest[1] == 0:
            self.qr_model = rest[0] - 48
        elif function == 67 and len(rest) == 1 and 1 <= rest[0] <= 16:
            self.qr_module = rest[0]
        elif function == 69 and len(rest) == 1 and rest[0] in _QR_EC:
            self.qr_ec = _QR_EC[rest[0]]
        elif function == 80 and rest[:1] == b"0" and len(rest) > 1:
            self.stored = rest[1:].decode("ascii")
        elif function == 81 and rest == b"0":
            if self.stored is None:
                raise EscPosSyntaxError(start, "QR print with no stored data")
            self.out.items.append(QrSymbol(self.stored, self.qr_module, self.qr_ec, self.qr_model, start))
        else:
            raise EscPosSyntaxError(start, f"malformed QR function {function} with {rest!r}")

    def cut(self, start: int) -> None:
        """Read GS V m [n]."""
        mode = self.byte_in({0, 1, 48, 49, 65, 66}, "GS V mode")
        feed = self.take(1, "GS V feed")[0] if mode in (65, 66) else 0
        self.out.items.append(Cut(mode in (1, 49, 66), feed, start))


_ANY = range(256)
_SIMPLE: dict[tuple[int, str], tuple[str, tuple[range | set[int], ...]]] = {
    (ESC, "@"): ("ESC @", ()),
    (ESC, "a"): ("ESC a", ({0, 1, 2, 48, 49, 50},)),
    (ESC, "E"): ("ESC E", ({0, 1},)),
    (ESC, "3"): ("ESC 3", (_ANY,)),
    (ESC, "J"): ("ESC J", (_ANY,)),
    (ESC, "d"): ("ESC d", (_ANY,)),
    (FS, "&"): ("FS &", ()),
    (FS, "."): ("FS .", ()),
    (GS, "!"): ("GS !", ({w << 4 | h for w in range(8) for h in range(8)},)),
    (DLE, "\x04"): ("DLE EOT", ({1, 2, 3, 4},)),
}


def parse_escpos(data: bytes) -> Printout:
    """Parse a complete ESC/POS stream; raise EscPosSyntaxError on anything unknown or garbled."""
    return _Reader(data).read()
