"""Incremental ESC/POS tokeniser for the simulated printer: bytes in any split, whole commands out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["REAL_TIME", "EscPosStream", "StreamCommand"]

REAL_TIME = frozenset({"DLE EOT", "DLE ENQ", "DLE DC4"})
"""Commands a printer answers as soon as they arrive, even while it is offline or has data waiting."""

_PREFIX_NAMES = {0x10: "DLE", 0x1B: "ESC", 0x1C: "FS", 0x1D: "GS"}
_SINGLE_BYTE = {0x0A: "LF", 0x0D: "CR", 0x09: "HT", 0x0C: "FF", 0x18: "CAN"}

# Commands with a fixed number of parameter bytes, by (prefix, command byte).
_FIXED = {
    (0x10, 0x04): 1,  # DLE EOT n: real-time status
    (0x10, 0x05): 1,  # DLE ENQ n: real-time request
    (0x10, 0x14): 3,  # DLE DC4 fn m t: real-time pulse
    **{(0x1B, ord(c)): n for c, n in {"@": 0, "2": 0, "i": 0, "m": 0, "S": 0, "L": 0}.items()},
    **{(0x1B, ord(c)): 1 for c in "aEG!-3JdMtR{V =%eU"},
    **{(0x1B, ord(c)): 2 for c in "$\\c"},
    (0x1B, ord("p")): 3,  # ESC p m t1 t2: drawer kick
    **{(0x1C, ord(c)): n for c, n in {"&": 0, ".": 0, "!": 1, "-": 1, "C": 1, "W": 1, "S": 2}.items()},
    **{(0x1D, ord(c)): 1 for c in "!BHhwfraIb"},
    **{(0x1D, ord(c)): 2 for c in "LWP"},
}


@dataclass(frozen=True, slots=True)
class StreamCommand:
    """One command (name like "GS v 0", its fixed parameters and variable data) or a run of text bytes.

    Text, single-byte commands and unknown bytes carry their raw bytes in data.
    """

    name: str
    params: bytes = b""
    data: bytes = b""


def _u16(buffer: bytearray | bytes, at: int) -> int:
    """The little-endian 16-bit number at buffer[at]."""
    return buffer[at] | buffer[at + 1] << 8


def _raster(buffer: bytearray) -> tuple[int, str, int] | None:
    """GS v 0 m xL xH yL yH d...: (parameter count, name, data length); parameters start with the "0"."""
    if len(buffer) >= 3 and buffer[2] != ord("0"):
        return 0, "unknown", 0
    if len(buffer) < 8:
        return None
    return 6, "GS v 0", _u16(buffer, 4) * _u16(buffer, 6)


def _cut(buffer: bytearray) -> tuple[int, str, int] | None:
    """GS V m [n]: the feed amount n follows only for m = 65 or 66."""
    if len(buffer) < 3:
        return None
    return (2 if buffer[2] in (65, 66) else 1), "GS V", 0


def _parenthesised(buffer: bytearray) -> tuple[int, str, int] | None:
    """GS ( x pL pH ...: a function whose body length is pL + 256 pH."""
    if len(buffer) < 5:
        return None
    return 3, f"GS ( {chr(buffer[2])}", _u16(buffer, 3)


def _barcode(buffer: bytearray) -> tuple[int, str, int] | None:
    """GS k m ...: NUL-terminated data for m <= 6, else a length byte."""
    if len(buffer) < 4:
        return None
    if buffer[2] <= 6:
        end = buffer.find(0, 3)
        return None if end < 0 else (1, "GS k", end - 2)
    return 2, "GS k", buffer[3]


def _bit_image(buffer: bytearray) -> tuple[int, str, int] | None:
    """ESC * m nL nH d...: 8-dot columns (m = 0, 1) or 24-dot columns (m = 32, 33)."""
    if len(buffer) < 5:
        return None
    return 3, "ESC *", _u16(buffer, 3) * (3 if buffer[2] >= 32 else 1)


def _tabs(buffer: bytearray) -> tuple[int, str, int] | None:
    """ESC D n1 ... NUL: horizontal tab positions."""
    end = buffer.find(0, 2)
    return None if end < 0 else (0, "ESC D", end - 1)


_VARIABLE: dict[tuple[int, int], Callable[[bytearray], tuple[int, str, int] | None]] = {
    (0x1D, ord("v")): _raster,
    (0x1D, ord("V")): _cut,
    (0x1D, ord("(")): _parenthesised,
    (0x1D, ord("k")): _barcode,
    (0x1B, ord("*")): _bit_image,
    (0x1B, ord("D")): _tabs,
}


class EscPosStream:
    """Cuts a byte stream into commands; keeps an incomplete command until the rest arrives."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    @property
    def waiting_bytes(self) -> int:
        """Bytes received that do not yet form a whole command."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[StreamCommand]:
        """Add received bytes and return every command they complete, in order."""
        self._buffer += data
        commands = []
        while self._buffer:
            found = self._next()
            if found is None:
                break
            command, size = found
            del self._buffer[:size]
            commands.append(command)
        return commands

    def _next(self) -> tuple[StreamCommand, int] | None:
        """The command at the start of the buffer and its size, or None when more bytes are needed."""
        buffer = self._buffer
        first = buffer[0]
        if first >= 0x20:
            end = next((i for i, byte in enumerate(buffer) if byte < 0x20), len(buffer))
            return StreamCommand("text", data=bytes(buffer[:end])), end
        if first not in _PREFIX_NAMES:
            return StreamCommand(_SINGLE_BYTE.get(first, "unknown"), data=bytes((first,))), 1
        shape = _shape(buffer) if len(buffer) >= 2 else None
        if shape is None:
            return None
        param_count, name, data_length = shape
        size = 2 + param_count + data_length
        if len(buffer) < size:
            return None
        if name == "unknown":
            return StreamCommand(name, data=bytes(buffer[:size])), size
        params, data = bytes(buffer[2 : 2 + param_count]), bytes(buffer[2 + param_count : size])
        return StreamCommand(name, params=params, data=data), size


def _shape(buffer: bytearray) -> tuple[int, str, int] | None:
    """(parameter count, name, data length) of the prefixed command starting the buffer; None: read more."""
    key = (buffer[0], buffer[1])
    if key in _FIXED:
        return _FIXED[key], f"{_PREFIX_NAMES[buffer[0]]} {_byte_name(buffer[1])}", 0
    variable = _VARIABLE.get(key)
    return variable(buffer) if variable is not None else (0, "unknown", 0)


def _byte_name(byte: int) -> str:
    """How ESC/POS manuals write a command byte: the ASCII character, or EOT, ENQ, DC4, SP."""
    return {0x04: "EOT", 0x05: "ENQ", 0x14: "DC4", 0x20: "SP"}.get(
        byte, chr(byte) if 0x20 <= byte < 0x7F else f"{byte:#04x}"
    )
