"""The in-process simulated thermal printer as a backend: the real ESC/POS path, no hardware."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from printing.backends.escpos_base import EscposBackend, no_answer
from printing.simulated_printer import SimulatedThermalPrinter

__all__ = ["SimulatedBackend"]


class _InProcessLink:
    """Bytes go straight into the simulator; its DLE EOT answers wait in a buffer."""

    def __init__(self, printer: SimulatedThermalPrinter) -> None:
        self._printer = printer
        self._answers = bytearray()

    def write(self, data: bytes) -> None:
        """Feed the simulator and keep what it answers."""
        self._answers += self._printer.feed(data)

    def read_byte(self) -> int:
        """The next answer byte; a switched-off simulator answers nothing, like a real printer."""
        if not self._answers:
            raise no_answer("simulated")
        return self._answers.pop(0)


class SimulatedBackend(EscposBackend):
    """Prints into a SimulatedThermalPrinter (its `receipts` hold what came out; flip paper_out to test)."""

    def __init__(
        self, printer: SimulatedThermalPrinter | None = None, *, width_dots: int = 576, charset: str = "GBK"
    ) -> None:
        super().__init__(width_dots=width_dots, charset=charset)
        self.printer = printer if printer is not None else SimulatedThermalPrinter()

    @property
    def description(self) -> str:
        """simulated."""
        return "simulated"

    @contextmanager
    def open_link(self) -> Iterator[_InProcessLink]:
        """A fresh answer buffer for each exchange."""
        yield _InProcessLink(self.printer)
