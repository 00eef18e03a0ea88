"""Use case: the configured receipt printer — open it, ask how it is, remember that, print a test page."""

from __future__ import annotations

import logging

from db.audit import append_audit
from db.models import PrinterHealth
from kiosk.services.printer_setup import open_printer_from_settings
from kiosk.services.runtime import KioskRuntime
from printing.backends.base import PrinterBackend, printer_state_code
from printing.backends.errors import PrinterError
from printing.receipt import Receipt, Row
from printing.status import PrinterStatus

log = logging.getLogger(__name__)

TEST_FILING_NUMBER = "TEST-PRNT-0000"
TEST_QR_PAYLOAD = "BIANMIN-PRINTER-TEST"


def open_printer(kiosk: KioskRuntime) -> PrinterBackend:
    """The backend the `printer` setting names (validated when the settings were loaded)."""
    return open_printer_from_settings(kiosk.settings)


def record_printer_health(
    kiosk: KioskRuntime, backend: PrinterBackend, *, state: str, detail: str | None
) -> None:
    """Remember the printer's condition (one row) for staff and the heartbeat."""
    with kiosk.sessions.begin() as session:
        health = session.get(PrinterHealth, 1)
        if health is None:
            health = PrinterHealth(slot=1)
            session.add(health)
        health.state = state
        health.printer = backend.description
        health.detail = detail
        health.checked_at = kiosk.clock().isoformat()


def printer_status(kiosk: KioskRuntime, backend: PrinterBackend) -> PrinterStatus:
    """Ask the printer now, remember the answer (see last_printer_state) and return it.

    A printer that cannot be reached is reported offline (or not found) rather than raising.
    """
    try:
        status = backend.status()
        state = printer_state_code(status, reports_status=backend.reports_status)
    except PrinterError as exc:
        status = PrinterStatus(online=False, error_zh=exc.zh, error_en=exc.en)
        state = exc.state
    detail = f"{status.error_zh} / {status.error_en}" if status.error_zh else None
    record_printer_health(kiosk, backend, state=state, detail=detail)
    return status


def last_printer_state(kiosk: KioskRuntime) -> str | None:
    """The printer's state code when it was last asked or used (ok, paper_out, offline, …); None if never."""
    with kiosk.sessions() as session:
        health = session.get(PrinterHealth, 1)
        return None if health is None else health.state


def printer_test_receipt(kiosk: KioskRuntime, backend: PrinterBackend) -> Receipt:
    """A page that looks like a receipt (Chinese, English, a QR code) but is clearly marked as a test."""
    settings = kiosk.settings
    return Receipt(
        centre_name=settings.centre_name,
        filing_number=TEST_FILING_NUMBER,
        service_name_zh="打印机测试页（不是收件回执）",
        service_name_en="Printer test page (not a receipt)",
        lines=(Row("打印机", backend.description),),
        time=kiosk.clock(),
        terminal_id=settings.terminal_name,
        time_limit="无 / none",
        qr_payload=TEST_QR_PAYLOAD,
        title_zh="打印测试",
        title_en="Printer test",
        footer=(
            "二维码能扫出、中文清楚，说明打印机工作正常",
            "If the code scans and the Chinese is clear, the printer works",
        ),
    )


def print_test_receipt(
    kiosk: KioskRuntime, backend: PrinterBackend, *, actor: str = "technician"
) -> PrinterStatus:
    """Print the test page now (not through the queue: a technician is watching) and return the status after.

    Raises the PrinterError that stopped it; both outcomes are remembered and audited.
    """
    try:
        backend.print_receipt(printer_test_receipt(kiosk, backend))
    except PrinterError as exc:
        record_printer_health(kiosk, backend, state=exc.state, detail=f"{exc.zh} / {exc.en}")
        _audit_test(kiosk, backend, actor=actor, outcome=exc.state)
        raise
    status = printer_status(kiosk, backend)
    _audit_test(kiosk, backend, actor=actor, outcome="printed")
    return status


def _audit_test(kiosk: KioskRuntime, backend: PrinterBackend, *, actor: str, outcome: str) -> None:
    with kiosk.sessions.begin() as session:
        append_audit(
            session,
            at=kiosk.clock().isoformat(),
            actor=actor,
            action="printer.test",
            subject_id=None,
            detail={"printer": backend.description, "outcome": outcome},
        )
