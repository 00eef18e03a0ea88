"""A simulated 80 mm ESC/POS thermal printer for demos and tests, with TCP (port 9100) and serial front-ends.

It parses the byte stream as it arrives (commands may be split across writes), answers the real-time status
requests (DLE EOT n) at once with Epson's status bits, and prints the rest onto simulated paper, one
PrintedReceipt per cut. Like a real printer, it stops printing while the paper is out, the cover is open or
it is offline (or faulted): received data stays in its buffer and prints when the condition clears; status
requests are still answered. DLE ENQ 2 (recover and clear the buffers) discards the waiting data.
"""

from __future__ import annotations

import codecs
import threading
import time
from collections import deque
from contextlib import AbstractContextManager
from typing import overload

from printing import simulated_frontends
from printing.dot_font import DotFont
from printing.escpos import parse_status
from printing.escpos_stream import REAL_TIME, EscPosStream, StreamCommand
from printing.simulated_frontends import PtyEndpoint, TcpEndpoint
from printing.simulated_mechanism import PrintMechanism
from printing.simulated_paper import PrintedQr, PrintedReceipt
from printing.status import PrinterStatus

__all__ = ["PrintedQr", "PrintedReceipt", "PtyEndpoint", "SimulatedThermalPrinter", "TcpEndpoint"]

_FIXED_BITS = 0x12  # bits 1 and 4 are set in every status answer


class _Condition:
    """A printer condition flag; changing it lets waiting data print as soon as nothing stops the printer."""

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc
        self._attribute = ""

    def __set_name__(self, owner: type, name: str) -> None:
        """Remember the private attribute that holds the flag."""
        self._attribute = f"_{name}"

    @overload
    def __get__(self, printer: None, owner: type) -> _Condition: ...
    @overload
    def __get__(self, printer: SimulatedThermalPrinter, owner: type) -> bool: ...
    def __get__(self, printer: SimulatedThermalPrinter | None, owner: type) -> _Condition | bool:
        """The flag's value (the descriptor itself on the class)."""
        return self if printer is None else bool(getattr(printer, self._attribute))

    def __set__(self, printer: SimulatedThermalPrinter, value: bool) -> None:
        """Set the flag through the printer, which may then print waiting data."""
        printer._change(self._attribute, value)


class SimulatedThermalPrinter:
    """An 80 mm (576-dot) ESC/POS printer with a GBK Chinese font; set paper_out, cover_open, online, fault."""

    def __init__(
        self, printable_width_dots: int = 576, *, charset: str = "GBK", dot_font: DotFont | None = None
    ) -> None:
        self.printable_width_dots = printable_width_dots
        self.receipts: list[PrintedReceipt] = []
        self._lock = threading.RLock()
        self._cut = threading.Condition(self._lock)
        self._stream = EscPosStream()
        self._waiting: deque[StreamCommand] = deque()
        self._mechanism = PrintMechanism(
            width_dots=printable_width_dots,
            charset=codecs.lookup(charset).name,
            on_cut=self._receive_cut_paper,
            dot_font=dot_font,
        )
        self._paper_out = self._cover_open = self._fault = False
        self._online = True
        self.paper_near_end = False

    paper_out = _Condition("The roll is empty: printing stops until paper is loaded (set back to False).")
    cover_open = _Condition("The paper cover is open: printing stops until it is closed.")
    online = _Condition("Switched online; offline stops printing without any other cause.")
    fault = _Condition("A recoverable error such as a cutter jam: printing stops until it is cleared.")

    def _change(self, attribute: str, value: bool) -> None:
        """Set a condition, then print whatever waits if nothing stops the printer any more."""
        with self._lock:
            setattr(self, attribute, bool(value))
            self._print_waiting()

    @property
    def ready(self) -> bool:
        """True when received data prints at once."""
        return self._online and not (self._paper_out or self._cover_open or self._fault)

    # Bytes in, answers out ------------------------------------------------------------------------------

    def feed(self, data: bytes) -> bytes:
        """Receive bytes from the host; return the answers to the real-time status requests among them."""
        with self._lock:
            answers = bytearray()
            for command in self._stream.feed(data):
                if command.name == "DLE EOT":
                    answers += self._status_answer(command.params[0])
                elif command.name in REAL_TIME:
                    self._real_time_request(command)
                else:
                    self._waiting.append(command)
            self._print_waiting()
            return bytes(answers)

    def _print_waiting(self) -> None:
        """Execute waiting commands while nothing stops the printer."""
        while self.ready and self._waiting:
            self._mechanism.execute(self._waiting.popleft())

    def _status_answer(self, n: int) -> bytes:
        """The one-byte answer to DLE EOT n (1 printer, 2 offline cause, 3 error cause, 4 paper); n/a: none."""
        paper_end_bits = 0x60 if self._paper_out else 0
        near_end_bits = 0x0C if self._paper_out or self.paper_near_end else 0
        answers = {
            1: 0 if self.ready else 0x08,
            2: (0x04 if self._cover_open else 0)
            | (0x20 if self._paper_out else 0)
            | (0x40 if self._fault else 0),
            3: 0x08 if self._fault else 0,  # autocutter error
            4: near_end_bits | paper_end_bits,
        }
        return bytes((_FIXED_BITS | answers[n],)) if n in answers else b""

    def _real_time_request(self, command: StreamCommand) -> None:
        """DLE ENQ 2 recovers from an error and clears the buffers; other real-time requests change nothing."""
        if command.name == "DLE ENQ" and command.params[0] == 2:
            self._waiting.clear()
            self._fault = False
            self._print_waiting()

    def status(self) -> PrinterStatus:
        """The status a host reads with STATUS_REQUESTS, decoded by parse_status."""
        with self._lock:
            return parse_status(*(self._status_answer(n)[0] for n in (1, 2, 4)))

    # What came out --------------------------------------------------------------------------------------

    def _receive_cut_paper(self, receipt: PrintedReceipt) -> None:
        """Keep a cut receipt and wake anyone waiting for it."""
        self.receipts.append(receipt)
        self._cut.notify_all()

    @property
    def waiting_commands(self) -> int:
        """Commands received and kept in the buffer because the printer cannot print now."""
        with self._lock:
            return len(self._waiting)

    @property
    def uncut_paper(self) -> PrintedReceipt:
        """What has been printed since the last cut."""
        return self._mechanism.paper

    @property
    def ignored(self) -> list[StreamCommand]:
        """Unknown bytes, and commands a printer ignores where they were sent (an image in the middle of a line)."""
        return self._mechanism.ignored

    def wait_for_receipts(self, count: int, *, timeout: float = 5.0) -> list[PrintedReceipt]:
        """Block until count receipts have been cut (data may arrive from a front-end thread); raise on timeout."""
        deadline = time.monotonic() + timeout
        with self._cut:
            while len(self.receipts) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{len(self.receipts)} of {count} receipts cut after {timeout} s")
                self._cut.wait(remaining)
            return list(self.receipts)

    # Front-ends -----------------------------------------------------------------------------------------

    def serve_tcp(self, host: str = "127.0.0.1", port: int = 0) -> AbstractContextManager[TcpEndpoint]:
        """Listen like a port-9100 network printer (port 0 picks a free port; see .port)."""
        return simulated_frontends.serve_tcp(self.feed, host=host, port=port)

    def serve_pty(self) -> AbstractContextManager[PtyEndpoint]:
        """Appear as a serial printer on a pseudo-terminal (see .device_path)."""
        return simulated_frontends.serve_pty(self.feed)
