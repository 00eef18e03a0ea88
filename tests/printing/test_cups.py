"""Receipts through a real (private) CUPS scheduler and the cups-pdf printer: content, QR, a stopped queue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
import zxingcpp

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.print_queue import FAILED, RetryPolicy, print_now, run_pending_print_jobs
from kiosk.services.printer import last_printer_state, printer_status
from kiosk.services.runtime import KioskRuntime
from printing.backends.cups import CupsBackend
from printing.backends.errors import PrinterNotFoundError
from tests.support.cups import CupsServer, running_cups

from .conftest import Poppler

A4_PT = (595.0, 842.0)
ROLL_WIDTH_PT = 80 / 25.4 * 72


@pytest.fixture(scope="module")
def cups() -> Iterator[CupsServer]:
    """One private cupsd with a cups-pdf queue for the tests of this module."""
    with running_cups() as server:
        yield server


@pytest.fixture
def fresh_cups(cups: CupsServer) -> Iterator[CupsServer]:
    """The shared scheduler with its queue enabled and its output folder empty."""
    cups.enable()
    for old in cups.outputs():
        old.unlink()
    yield cups
    cups.enable()


def _file(kiosk: KioskRuntime) -> SubmittedFiling:
    service = kiosk.catalog.services[0]
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))


def _qr_payloads(poppler: Poppler, pdf_path: object) -> list[str]:
    image = poppler.png(pdf_path, dpi=200)  # type: ignore[arg-type]
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def test_a_filing_receipt_printed_through_cups_reads_back_with_its_qr_voucher(
    kiosk: KioskRuntime, fresh_cups: CupsServer, poppler: Poppler
) -> None:
    filing = _file(kiosk)
    backend = CupsBackend(fresh_cups.queue, server=fresh_cups.server)
    assert backend.status().ready

    outcome = print_now(kiosk, backend, filing.print_job_id)

    assert outcome.printed, outcome.last_error
    (pdf,) = fresh_cups.wait_for_outputs(1)
    text = poppler.text(pdf)
    assert filing.service_name.zh in text
    assert filing.masked_applicant[1].value in text  # the masked ID number
    assert filing.voucher_display in text
    assert _qr_payloads(poppler, pdf) == [filing.qr_payload]
    width, _height = poppler.page_size_pt(pdf)
    assert abs(width - ROLL_WIDTH_PT) < 2, "printed on an 80 mm roll, not on a default A4 sheet"
    assert last_printer_state(kiosk) == "ok"


def test_a_stopped_queue_is_offline_and_the_job_waits_until_it_is_started_again(
    kiosk: KioskRuntime, fresh_cups: CupsServer, poppler: Poppler
) -> None:
    now = datetime(2026, 11, 22, 3, 0).astimezone()
    kiosk.clock = lambda: now
    filing = _file(kiosk)
    backend = CupsBackend(fresh_cups.queue, server=fresh_cups.server)
    fresh_cups.disable()

    status = printer_status(kiosk, backend)
    assert not status.online and status.error_zh == "打印机离线"
    assert last_printer_state(kiosk) == "offline"
    outcome = print_now(kiosk, backend, filing.print_job_id)
    assert (outcome.state, outcome.printer_state) == (FAILED, "offline")
    assert fresh_cups.run("lpstat", "-W", "not-completed", "-o", fresh_cups.queue) == "", (
        "nothing left in CUPS"
    )

    fresh_cups.enable()
    now += timedelta(seconds=RetryPolicy.of(kiosk).delay_s(1))
    run = run_pending_print_jobs(kiosk, backend)

    assert run.printed == 1
    (pdf,) = fresh_cups.wait_for_outputs(1)
    assert _qr_payloads(poppler, pdf) == [filing.qr_payload]


def test_a4_paper_prints_the_receipt_on_an_a4_sheet(
    kiosk: KioskRuntime, fresh_cups: CupsServer, poppler: Poppler
) -> None:
    filing = _file(kiosk)
    assert print_now(
        kiosk, CupsBackend(fresh_cups.queue, paper="A4", server=fresh_cups.server), filing.print_job_id
    ).printed
    (pdf,) = fresh_cups.wait_for_outputs(1)
    assert poppler.page_size_pt(pdf) == pytest.approx(A4_PT, abs=1)
    assert filing.voucher_display in poppler.text(pdf)


def test_an_unknown_queue_is_not_found_in_both_languages(fresh_cups: CupsServer) -> None:
    with pytest.raises(PrinterNotFoundError) as info:
        CupsBackend("no_such_queue", server=fresh_cups.server).status()
    assert "no_such_queue" in info.value.zh and "CUPS has no printer named no_such_queue" in info.value.en
