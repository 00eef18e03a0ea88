"""The one small interface every printer backend implements, and the short state codes the county sees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from printing.status import PrinterStatus

if TYPE_CHECKING:
    from printing.receipt import Receipt

__all__ = ["UNKNOWN_BUT_ONLINE", "PrinterBackend", "printer_state_code"]

UNKNOWN_BUT_ONLINE = PrinterStatus.from_flags(online=True)
"""What a backend that cannot ask its device reports: assumed online, condition unknown."""


class PrinterBackend(Protocol):
    """Prints a receipt in its own format (PDF, ESC/POS) and reports the device's condition.

    `print_receipt` returns once the device accepted the whole receipt; it raises a PrinterError
    subclass (offline, paper out, cover open, fault, not found) when it cannot, and
    printing.fonts.MissingGlyphError when the receipt cannot be drawn at all.
    """

    @property
    def description(self) -> str:
        """Which printer this is, for technicians and logs (e.g. "cups:Receipt")."""
        ...

    @property
    def reports_status(self) -> bool:
        """True when status() reads the device; False when it can only say "online, condition unknown"."""
        ...

    def print_receipt(self, receipt: Receipt) -> None:
        """Render and print one receipt; raise a PrinterError when the printer cannot print it."""
        ...

    def status(self) -> PrinterStatus:
        """The device's condition now; raise PrinterNotFoundError when there is no such device."""
        ...


def printer_state_code(status: PrinterStatus, *, reports_status: bool) -> str:
    """A short code for the heartbeat: ok, paper_low, paper_out, cover_open, fault, offline or unknown."""
    if status.paper_out:
        return "paper_out"
    if status.cover_open:
        return "cover_open"
    if status.fault:
        return "fault"
    if not status.online:
        return "offline"
    if not reports_status:
        return "unknown"
    return "paper_low" if status.paper_near_end else "ok"
