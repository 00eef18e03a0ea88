"""`kiosk-admin print-test | reprint | printer`: the receipt printer and its queue, for technicians."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from db.models import Filing
from kiosk.services.lookup import lookup_by_voucher
from kiosk.services.print_queue import PrintOutcome, print_queue_entries, reprint_now
from kiosk.services.printer import open_printer, print_test_receipt, printer_status
from kiosk.services.runtime import KioskRuntime
from printing.backends.base import printer_state_code
from printing.backends.errors import PrinterError
from printing.status import PrinterStatus

Opener = Callable[[], KioskRuntime]

STATE_WORDS = {
    "ok": ("正常", "ok"),
    "paper_low": ("纸卷将用完", "paper low"),
    "paper_out": ("缺纸", "out of paper"),
    "cover_open": ("纸仓盖未关", "cover open"),
    "fault": ("故障", "fault"),
    "offline": ("离线", "offline"),
    "not_found": ("找不到打印机", "not found"),
    "unknown": ("未知（此打印机不报告状态）", "unknown (this printer reports no status)"),
}


def describe_status(status: PrinterStatus, *, reports_status: bool) -> str:
    """One line: the state in both languages, then why it cannot print (if it cannot)."""
    zh, en = STATE_WORDS[printer_state_code(status, reports_status=reports_status)]
    line = f"状态 / status: {zh} / {en}"
    if status.error_zh:
        line += f"\n  {status.error_zh}\n  {status.error_en}"
    return line


def _print_failure(exc: PrinterError) -> None:
    print(f"  {exc.zh}\n  {exc.en}")


def _cmd_print_test(open_kiosk: Opener) -> int:
    kiosk = open_kiosk()
    try:
        backend = open_printer(kiosk)
        print(f"打印机 / printer: {backend.description}")
        try:
            status = print_test_receipt(kiosk, backend)
        except PrinterError as exc:
            print("测试页没有打印 / the test page was not printed:")
            _print_failure(exc)
            return 1
    finally:
        kiosk.close()
    print("测试页已打印 / test page printed")
    print(describe_status(status, reports_status=backend.reports_status))
    return 0


def _filing_id(kiosk: KioskRuntime, text: str) -> str:
    """A filing id as given, or the filing a voucher code (or scanned payload) names."""
    with kiosk.sessions() as session:
        if session.get(Filing, text.strip()) is not None:
            return text.strip()
    return lookup_by_voucher(kiosk, text=text).filing_id


def describe_outcome(outcome: PrintOutcome) -> str:
    """Where a print job stands, for technicians (no personal data)."""
    line = f"{outcome.kind} {outcome.job_id} (filing {outcome.filing_id}): {outcome.state}, attempts {outcome.attempts}"
    if outcome.printer_state:
        line += f", printer {outcome.printer_state}"
    if outcome.next_attempt_at:
        line += f", next attempt {outcome.next_attempt_at}"
    if outcome.last_error:
        line += f"\n    {outcome.last_error}"
    return line


def _cmd_reprint(open_kiosk: Opener, filing: str) -> int:
    kiosk = open_kiosk()
    try:
        backend = open_printer(kiosk)
        outcome = reprint_now(kiosk, backend, _filing_id(kiosk, filing), actor="technician")
    finally:
        kiosk.close()
    print(describe_outcome(outcome))
    if outcome.printed:
        print(f"已重新打印 / reprinted on {backend.description}")
        return 0
    print("回执没有打印，任务已保留 / the receipt did not print; the job is kept")
    return 1


def _cmd_printer(open_kiosk: Opener) -> int:
    kiosk = open_kiosk()
    try:
        backend = open_printer(kiosk)
        status = printer_status(kiosk, backend)
        entries = print_queue_entries(kiosk)
    finally:
        kiosk.close()
    print(f"打印机 / printer: {backend.description}")
    print(describe_status(status, reports_status=backend.reports_status))
    if not entries:
        print("打印队列为空 / the print queue is empty")
    for entry in entries:
        print(describe_outcome(entry))
    return 0


def add_printer_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], open_kiosk: Opener
) -> None:
    """Register print-test, reprint and printer; `open_kiosk` opens the kiosk with logging to its file."""
    sub.add_parser(
        "print-test", help="print a test page on the configured printer and show its status"
    ).set_defaults(run=lambda _args: _cmd_print_test(open_kiosk))
    reprint = sub.add_parser("reprint", help="queue a reprint of a filing's receipt and print it now")
    reprint.add_argument("filing", metavar="FILING_ID", help="filing id, or the voucher code on the receipt")
    reprint.set_defaults(run=lambda args: _cmd_reprint(open_kiosk, args.filing))
    sub.add_parser("printer", help="show the printer's status and the print queue").set_defaults(
        run=lambda _args: _cmd_printer(open_kiosk)
    )
