"""The print queue: receipts print, wait out printer trouble, come back after a crash, and can be reprinted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.audit import verify_audit_chain
from db.models import AuditEntry, Filing, PrintJob
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.print_queue import (
    ABANDONED,
    FAILED,
    PRINTED,
    QUEUED,
    RECEIPT_ERROR,
    RetryPolicy,
    print_job_outcome,
    print_now,
    print_queue_entries,
    recover_interrupted_print_jobs,
    reprint,
    run_pending_print_jobs,
)
from kiosk.services.printer import last_printer_state, printer_status
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from printing.backends.base import PrinterBackend
from printing.backends.escpos_serial import EscposSerialBackend
from printing.backends.escpos_tcp import EscposNetworkBackend
from printing.backends.simulated import SimulatedBackend
from printing.receipt import Receipt
from printing.simulated_printer import SimulatedThermalPrinter
from printing.status import PrinterStatus
from tests.sync.county_helpers import County

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


class FakeClock:
    """A wall clock the test moves by hand (no sleeping)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 2, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(kiosk: KioskRuntime) -> FakeClock:
    """The kiosk's clock, under the test's control."""
    fake = FakeClock()
    kiosk.clock = fake
    return fake


@pytest.fixture
def printer() -> SimulatedThermalPrinter:
    """A simulated 80 mm thermal printer with paper."""
    return SimulatedThermalPrinter()


def _file(kiosk: KioskRuntime) -> SubmittedFiling:
    service = kiosk.catalog.services[0]
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))


def _job(kiosk: KioskRuntime, job_id: str) -> PrintJob:
    with kiosk.sessions() as session:
        job = session.get(PrintJob, job_id)
        assert job is not None
        session.expunge(job)
        return job


@contextmanager
def _front_end(kind: str, printer: SimulatedThermalPrinter) -> Iterator[PrinterBackend]:
    """The simulated printer reached in-process, over TCP (port 9100 style) or over a serial pty."""
    if kind == "in-process":
        yield SimulatedBackend(printer)
    elif kind == "tcp":
        with printer.serve_tcp() as endpoint:
            yield EscposNetworkBackend("127.0.0.1", endpoint.port, timeout_s=5)
    else:
        with printer.serve_pty() as endpoint:
            yield EscposSerialBackend(endpoint.device_path, 19200, timeout_s=5)


def _assert_is_the_receipt_of(printer: SimulatedThermalPrinter, filing: SubmittedFiling, count: int) -> None:
    paper = printer.wait_for_receipts(count)[count - 1]
    assert paper.qr_payloads == [filing.qr_payload]
    text = "\n".join(paper.text_lines)
    assert filing.voucher_display in text
    assert filing.service_name.zh in text
    assert filing.masked_applicant[1].value in text  # the masked ID number, never the clear one


@pytest.mark.parametrize("front_end", ["in-process", "tcp", "serial"])
def test_paper_out_fails_the_job_for_later_and_it_prints_once_paper_is_back(
    kiosk: KioskRuntime, clock: FakeClock, printer: SimulatedThermalPrinter, front_end: str
) -> None:
    filing = _file(kiosk)
    printer.paper_out = True
    with _front_end(front_end, printer) as backend:
        outcome = print_now(kiosk, backend, filing.print_job_id)
        assert (outcome.state, outcome.printer_state, outcome.attempts) == (FAILED, "paper_out", 1)
        assert outcome.message is not None and "缺纸" in outcome.message[0] and "凭证号" in outcome.message[0]
        assert "out of paper" in outcome.message[1]
        assert printer.receipts == [] and printer.waiting_commands == 0, (
            "nothing was sent to the empty printer"
        )
        assert last_printer_state(kiosk) == "paper_out"

        printer.paper_out = False
        assert run_pending_print_jobs(kiosk, backend).outcomes == (), "not due before its next attempt"
        clock.advance(RetryPolicy.of(kiosk).delay_s(1))
        run = run_pending_print_jobs(kiosk, backend)

    assert run.outcome_for(filing.print_job_id) is not None and run.printed == 1
    _assert_is_the_receipt_of(printer, filing, 1)
    job = _job(kiosk, filing.print_job_id)
    assert (job.state, job.attempts, job.printer_state, job.last_error) == (PRINTED, 2, "ok", None)
    assert last_printer_state(kiosk) == "ok"


def test_a_receipt_prints_at_once_when_the_printer_is_ready(
    kiosk: KioskRuntime, clock: FakeClock, printer: SimulatedThermalPrinter
) -> None:
    filing = _file(kiosk)
    outcome = print_now(kiosk, SimulatedBackend(printer), filing.print_job_id)
    assert outcome.printed and outcome.message is None
    _assert_is_the_receipt_of(printer, filing, 1)
    assert run_pending_print_jobs(kiosk, SimulatedBackend(printer)).outcomes == (), (
        "printed jobs stay printed"
    )


def test_retries_back_off_exponentially_then_the_job_is_abandoned_but_reprintable(
    kiosk: KioskRuntime, clock: FakeClock, printer: SimulatedThermalPrinter
) -> None:
    policy = RetryPolicy.of(kiosk)
    assert [policy.delay_s(n) for n in range(1, 6)] == [15, 30, 60, 120, 120]  # truncated at the maximum
    filing = _file(kiosk)
    backend = SimulatedBackend(printer)
    printer.cover_open = True
    waits = []
    for attempt in range(1, policy.max_attempts + 1):
        outcome = print_now(kiosk, backend, filing.print_job_id)
        assert (outcome.attempts, outcome.printer_state) == (attempt, "cover_open")
        if outcome.state == FAILED:
            assert outcome.next_attempt_at is not None
            wait = datetime.fromisoformat(outcome.next_attempt_at) - clock.now
            waits.append(wait.total_seconds())
            clock.advance(wait.total_seconds())
    assert outcome.state == ABANDONED and "纸仓盖" in (outcome.message or ("", ""))[0]
    assert waits == [15, 30, 60, 120]
    clock.advance(3600)
    assert run_pending_print_jobs(kiosk, backend).outcomes == (), "an abandoned job is not retried"

    printer.cover_open = False
    again = print_now(kiosk, backend, reprint(kiosk, filing.filing_id, actor="technician"))
    assert again.printed and again.kind == "reprint"
    _assert_is_the_receipt_of(printer, filing, 1)


def test_reprint_is_audited_and_replaces_a_job_still_waiting_for_its_retry(
    kiosk: KioskRuntime, clock: FakeClock, printer: SimulatedThermalPrinter
) -> None:
    filing = _file(kiosk)
    backend = SimulatedBackend(printer)
    printer.paper_out = True
    assert print_now(kiosk, backend, filing.print_job_id).state == FAILED
    printer.paper_out = False

    job_id = reprint(kiosk, filing.filing_id, actor="citizen@self")
    assert print_now(kiosk, backend, job_id).printed
    clock.advance(3600)
    assert run_pending_print_jobs(kiosk, backend).outcomes == ()
    assert len(printer.receipts) == 1, "one tap on Reprint gives one paper, not two"
    assert _job(kiosk, filing.print_job_id).state == ABANDONED
    with kiosk.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.reprint")).one()
        assert (entry.actor, entry.subject_id) == ("citizen@self", filing.filing_id)
        assert job_id in entry.detail_json
        assert verify_audit_chain(session) is None


def test_reprint_of_an_unknown_filing_is_refused_in_both_languages(kiosk: KioskRuntime) -> None:
    from kiosk.domain.errors import KioskError

    with pytest.raises(KioskError) as info:
        reprint(kiosk, "no-such-filing", actor="technician")
    assert (info.value.zh, info.value.en) == ("未找到该办件", "Filing not found")


def test_a_printer_problem_stops_the_pass_without_spending_the_other_jobs_attempts(
    kiosk: KioskRuntime, clock: FakeClock, printer: SimulatedThermalPrinter
) -> None:
    first, second = _file(kiosk), _file(kiosk)
    printer.online = False
    run = run_pending_print_jobs(kiosk, SimulatedBackend(printer))
    assert [(o.job_id, o.printer_state) for o in run.outcomes] == [(first.print_job_id, "offline")]
    untouched = _job(kiosk, second.print_job_id)
    assert (untouched.state, untouched.attempts) == (QUEUED, 0)
    assert [entry.job_id for entry in print_queue_entries(kiosk)] == [first.print_job_id, second.print_job_id]


class PowerCut(BaseException):
    """The process dies in the middle of printing."""


class DyingPrinter:
    """A backend during which the power goes."""

    description = "dying"
    reports_status = False

    def print_receipt(self, receipt: Receipt) -> None:
        raise PowerCut

    def status(self) -> PrinterStatus:
        return PrinterStatus(online=True)


def test_a_crash_while_printing_loses_no_receipt(
    kiosk: KioskRuntime, clock: FakeClock, printer: SimulatedThermalPrinter
) -> None:
    filing = _file(kiosk)
    with pytest.raises(PowerCut):
        run_pending_print_jobs(kiosk, DyingPrinter())
    assert _job(kiosk, filing.print_job_id).state == "printing"

    assert recover_interrupted_print_jobs(kiosk) == 1  # the next start
    assert _job(kiosk, filing.print_job_id).state == QUEUED
    assert print_now(kiosk, SimulatedBackend(printer), filing.print_job_id).printed
    _assert_is_the_receipt_of(printer, filing, 1)


def test_a_receipt_that_cannot_be_drawn_fails_calmly_and_the_filing_stays_submitted(
    monkeypatch: pytest.MonkeyPatch, printer: SimulatedThermalPrinter
) -> None:
    rare = "\U00031350"  # CJK Extension H (2022): no receipt font on the kiosk has it
    monkeypatch.setenv("BIANMIN_CENTRE_NAME", f"幸福镇{rare}便民服务中心")
    kiosk = open_kiosk(load_settings())
    try:
        filing = _file(kiosk)
        outcome = print_now(kiosk, SimulatedBackend(printer), filing.print_job_id)
        assert (outcome.state, outcome.printer_state) == (ABANDONED, RECEIPT_ERROR)
        assert (
            outcome.message is not None
            and "已提交并保存" in outcome.message[0]
            and "submitted" in outcome.message[1]
        )
        assert "U+31350" in (outcome.last_error or ""), "the technician sees which character"
        assert printer.receipts == []
        with kiosk.sessions() as session:
            stored = session.get(Filing, filing.filing_id)
            assert stored is not None and stored.local_status == "accepted"
    finally:
        kiosk.close()


def test_printer_status_is_remembered_for_the_heartbeat(
    kiosk: KioskRuntime, printer: SimulatedThermalPrinter
) -> None:
    assert last_printer_state(kiosk) is None
    printer.paper_near_end = True
    status = printer_status(kiosk, SimulatedBackend(printer))
    assert status.ready and status.paper_near_end
    assert last_printer_state(kiosk) == "paper_low"
    printer.online = False
    assert not printer_status(kiosk, SimulatedBackend(printer)).online
    assert last_printer_state(kiosk) == "offline"


def test_jobs_from_before_the_print_queue_are_not_printed_after_the_upgrade_but_can_be_reprinted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, printer: SimulatedThermalPrinter
) -> None:
    data_dir = tmp_path / "old-kiosk"
    (data_dir / "keys").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "kiosk-0001.db", data_dir / "kiosk.db")
    shutil.copyfile(FIXTURES / "kiosk-0001.pii.key", data_dir / "keys" / "pii.key")
    (data_dir / "keys" / "pii.key").chmod(0o600)
    monkeypatch.setenv("BIANMIN_DATA_DIR", str(data_dir))
    kiosk = open_kiosk(load_settings())
    try:
        with kiosk.sessions() as session:
            old_jobs = session.scalars(select(PrintJob)).all()
            assert old_jobs and {(job.state, job.kind) for job in old_jobs} == {(ABANDONED, "receipt")}
            filing_id = old_jobs[0].filing_id
        backend = SimulatedBackend(printer)
        assert run_pending_print_jobs(kiosk, backend).outcomes == ()
        assert print_now(kiosk, backend, reprint(kiosk, filing_id, actor="technician")).printed
        assert printer.wait_for_receipts(1)[0].qr_payloads
    finally:
        kiosk.close()


def test_print_job_outcome_tells_where_a_job_stands(kiosk: KioskRuntime) -> None:
    filing = _file(kiosk)
    outcome = print_job_outcome(kiosk, filing.print_job_id)
    assert (outcome.state, outcome.kind, outcome.attempts, outcome.message) == (QUEUED, "receipt", 0, None)


def test_the_county_sees_the_printer_out_of_paper_in_the_heartbeat(
    enrolled: KioskRuntime, county: County, printer: SimulatedThermalPrinter
) -> None:
    printer.paper_out = True
    print_now(enrolled, SimulatedBackend(printer), _file(enrolled).print_job_id)

    assert run_full_round(enrolled).heartbeat_sent
    devices = [json.loads(line) for line in county.cli("list-devices").stdout.splitlines()]
    (device,) = [d for d in devices if d["device_id"] == enrolled.device_id]
    assert device["last_heartbeat"]["printer_state"] == "paper_out"
