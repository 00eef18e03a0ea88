"""Use case: the persistent print queue — receipts and reprints survive restarts, printer trouble and crashes.

A print_job row moves through these states:

    queued ──claim──> printing ──> printed
                         ├── printer problem, attempts left ──> failed ──(next_attempt_at passes)──> claim
                         ├── printer problem, last attempt ─────> abandoned
                         └── receipt cannot be drawn ───────────> abandoned (retrying cannot help)

Crash semantics: a job is committed as "printing" before its bytes go to the printer and as "printed" only
after the backend returned. A crash or power cut in between leaves it "printing"; at the next start
`recover_interrupted_print_jobs` puts it back to "queued" and it prints again. The citizen may get a
duplicate paper receipt; a receipt shown as accepted is never lost.

Retry policy: truncated exponential backoff (print_retry_base_s doubling up to print_retry_max_s), no
jitter (one kiosk, one printer: there is nobody to desynchronise from), at most print_retry_max_attempts
attempts — by default five within about four minutes. After that the job is abandoned rather than printed
hours later for the next citizen to find; abandoned jobs stay reprintable (`reprint`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.audit import append_audit
from db.models import Filing, PrintJob
from kiosk.domain.errors import KioskError
from kiosk.services.printer import record_printer_health
from kiosk.services.receipts import receipt_for_filing
from kiosk.services.runtime import KioskRuntime, make_record_id
from printing.backends.base import PrinterBackend
from printing.backends.errors import PrinterError
from printing.fonts import MissingGlyphError

log = logging.getLogger(__name__)

QUEUED, PRINTING, PRINTED, FAILED, ABANDONED = "queued", "printing", "printed", "failed", "abandoned"
UNFINISHED = (QUEUED, PRINTING, FAILED)
RECEIPT, REPRINT = "receipt", "reprint"
RECEIPT_ERROR = "receipt_error"
"""printer_state of a job whose receipt cannot be drawn (a character no font has): not a printer problem."""

_AFTER_PROBLEM = (
    "请记下屏幕上的凭证号，或稍后点“重新打印”。",
    "Please note the voucher code on the screen, or tap Reprint later.",
)
_CITIZEN_MESSAGES = {
    "paper_out": (
        "打印机缺纸，回执暂时无法打印。",
        "The printer is out of paper, so the receipt cannot be printed now.",
    ),
    "cover_open": (
        "打印机纸仓盖没有关好，回执暂时无法打印。",
        "The printer cover is open, so the receipt cannot be printed now.",
    ),
}
_PRINTER_UNAVAILABLE = (
    "打印机暂时无法使用，回执没有打印。",
    "The printer is not available right now; the receipt was not printed.",
)
_RECEIPT_UNDRAWABLE = (
    "回执中有本机无法打印的字，您的办件已提交并保存。请记下屏幕上的凭证号。",
    "The receipt has characters this kiosk cannot print; your filing is submitted and saved. Please note the voucher code on the screen.",
)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Truncated exponential backoff between attempts of one job, and the attempt limit."""

    max_attempts: int = 5
    base_s: float = 15.0
    max_s: float = 120.0

    def delay_s(self, attempts: int) -> float:
        """Seconds to wait after the given number of failed attempts (1, 2, …)."""
        return min(self.max_s, self.base_s * 2 ** max(attempts - 1, 0))

    @classmethod
    def of(cls, kiosk: KioskRuntime) -> RetryPolicy:
        """The policy from the kiosk's settings."""
        s = kiosk.settings
        return cls(
            max_attempts=s.print_retry_max_attempts, base_s=s.print_retry_base_s, max_s=s.print_retry_max_s
        )


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """Where one job stands; `message` is what the citizen is told when it did not print (zh, en)."""

    job_id: str
    filing_id: str
    kind: str
    state: str
    attempts: int
    printer_state: str | None
    next_attempt_at: str | None
    last_error: str | None

    @property
    def printed(self) -> bool:
        """True once the printer accepted the whole receipt."""
        return self.state == PRINTED

    @property
    def message(self) -> tuple[str, str] | None:
        """A calm sentence for the receipt screen when the receipt did not print; None when it did."""
        if self.state in (PRINTED, QUEUED, PRINTING):
            return None
        if self.printer_state == RECEIPT_ERROR:
            return _RECEIPT_UNDRAWABLE
        zh, en = _CITIZEN_MESSAGES.get(self.printer_state or "", _PRINTER_UNAVAILABLE)
        return f"{zh}{_AFTER_PROBLEM[0]}", f"{en} {_AFTER_PROBLEM[1]}"


@dataclass(frozen=True, slots=True)
class PrintRun:
    """What one pass over the queue did, job by job in print order."""

    outcomes: tuple[PrintOutcome, ...] = ()

    def outcome_for(self, job_id: str) -> PrintOutcome | None:
        """The outcome of one job, or None when this pass did not reach it."""
        return next((o for o in self.outcomes if o.job_id == job_id), None)

    @property
    def printed(self) -> int:
        """How many jobs printed in this pass."""
        return sum(1 for o in self.outcomes if o.printed)


def _utc_now(kiosk: KioskRuntime) -> datetime:
    return kiosk.clock().astimezone(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _outcome(job: PrintJob) -> PrintOutcome:
    return PrintOutcome(
        job_id=job.id,
        filing_id=job.filing_id,
        kind=job.kind,
        state=job.state,
        attempts=job.attempts,
        printer_state=job.printer_state,
        next_attempt_at=job.next_attempt_at,
        last_error=job.last_error,
    )


def recover_interrupted_print_jobs(kiosk: KioskRuntime) -> int:
    """At start: jobs a crash left "printing" go back to "queued" (or are abandoned when out of attempts)."""
    limit = RetryPolicy.of(kiosk).max_attempts
    now = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        stuck = session.scalars(select(PrintJob).where(PrintJob.state == PRINTING)).all()
        for job in stuck:
            job.state = QUEUED if job.attempts < limit else ABANDONED
            job.next_attempt_at = None
            job.last_error = (
                "打印中断（终端重启），将重新打印 / Printing was interrupted by a restart; printing again"
            )
            job.updated_at = now
    if stuck:
        log.warning(
            "%d print jobs interrupted by the last run go again (a duplicate paper is possible)", len(stuck)
        )
    return len(stuck)


def _claim_next_due(kiosk: KioskRuntime) -> str | None:
    """Mark the oldest due job "printing" (one attempt more) and return its id; None when nothing is due."""
    now = _utc_now(kiosk)
    due = (PrintJob.state == QUEUED) | (
        (PrintJob.state == FAILED) & (PrintJob.next_attempt_at <= _stamp(now))
    )
    with kiosk.sessions.begin() as session:  # BEGIN IMMEDIATE: two runners never claim the same job
        job = session.scalars(
            select(PrintJob).where(due).order_by(PrintJob.created_at, PrintJob.id).limit(1)
        ).first()
        if job is None:
            return None
        job.state = PRINTING
        job.attempts += 1
        job.next_attempt_at = None
        job.updated_at = kiosk.clock().isoformat()
        return job.id


def _settle(
    kiosk: KioskRuntime, job_id: str, *, state: str, printer_state: str | None, error: str | None
) -> PrintOutcome:
    with kiosk.sessions.begin() as session:
        job = session.get(PrintJob, job_id)
        assert job is not None  # claimed by this runner a moment ago; jobs are never deleted
        now = kiosk.clock()
        if state == FAILED:
            policy = RetryPolicy.of(kiosk)
            if job.attempts >= policy.max_attempts:
                state = ABANDONED
            else:
                job.next_attempt_at = _stamp(now + timedelta(seconds=policy.delay_s(job.attempts)))
        job.state = state
        job.printer_state = printer_state
        job.last_error = error
        job.updated_at = now.isoformat()
        if state == PRINTED:
            job.printed_at = now.isoformat()
        return _outcome(job)


def _print_one(kiosk: KioskRuntime, backend: PrinterBackend, job_id: str, filing_id: str) -> PrintOutcome:
    """Print one claimed job and settle it; every failure is recorded, none escapes."""
    try:
        backend.print_receipt(receipt_for_filing(kiosk, filing_id))
    except MissingGlyphError as exc:
        log.error("receipt of filing %s cannot be drawn: %s", filing_id, exc)
        return _settle(kiosk, job_id, state=ABANDONED, printer_state=RECEIPT_ERROR, error=str(exc))
    except PrinterError as exc:
        log.warning("print job %s failed on %s: %s", job_id, backend.description, exc.en)
        record_printer_health(kiosk, backend, state=exc.state, detail=f"{exc.zh} / {exc.en}")
        return _settle(kiosk, job_id, state=FAILED, printer_state=exc.state, error=f"{exc.zh} / {exc.en}")
    except KioskError as exc:  # the filing is gone or its service unknown: nothing to print, ever
        return _settle(
            kiosk, job_id, state=ABANDONED, printer_state=RECEIPT_ERROR, error=f"{exc.zh} / {exc.en}"
        )
    except Exception:  # a bug must not leave the job "printing" until the next start
        log.exception("print job %s failed unexpectedly", job_id)
        return _settle(kiosk, job_id, state=FAILED, printer_state="error", error="内部错误 / internal error")
    ok = "ok" if backend.reports_status else "unknown"
    record_printer_health(kiosk, backend, state=ok, detail=None)
    log.info("print job %s printed on %s", job_id, backend.description)
    return _settle(kiosk, job_id, state=PRINTED, printer_state=ok, error=None)


def run_pending_print_jobs(kiosk: KioskRuntime, backend: PrinterBackend, *, limit: int = 20) -> PrintRun:
    """Print the due jobs, oldest first, at most `limit`; stop at the first printer problem.

    The jobs after a printer problem are left untouched (they would fail the same way and lose an attempt).
    Safe to call from any thread and from several processes: a job is claimed in its own transaction.
    """
    outcomes: list[PrintOutcome] = []
    while len(outcomes) < limit:
        job_id = _claim_next_due(kiosk)
        if job_id is None:
            break
        with kiosk.sessions() as session:
            filing_id = session.scalars(select(PrintJob.filing_id).where(PrintJob.id == job_id)).one()
        outcome = _print_one(kiosk, backend, job_id, filing_id)
        outcomes.append(outcome)
        if not outcome.printed and outcome.printer_state != RECEIPT_ERROR:
            break
    return PrintRun(tuple(outcomes))


def print_job_outcome(kiosk: KioskRuntime, job_id: str) -> PrintOutcome:
    """Where one job stands now."""
    with kiosk.sessions() as session:
        job = session.get(PrintJob, job_id)
        if job is None:
            raise KioskError("未找到该打印任务", "Print job not found")
        return _outcome(job)


def print_now(kiosk: KioskRuntime, backend: PrinterBackend, job_id: str) -> PrintOutcome:
    """Run the queue once and tell where `job_id` stands afterwards (printed, failed, or still waiting)."""
    outcome = run_pending_print_jobs(kiosk, backend).outcome_for(job_id)
    return outcome if outcome is not None else print_job_outcome(kiosk, job_id)


def _supersede_unfinished(session: Session, filing_id: str, *, by: str, now: str) -> int:
    result = session.execute(
        update(PrintJob)
        .where(PrintJob.filing_id == filing_id, PrintJob.state.in_((QUEUED, FAILED)))
        .values(
            state=ABANDONED,
            next_attempt_at=None,
            last_error=f"由重新打印 {by} 取代 / replaced by reprint {by}",
            updated_at=now,
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def reprint(kiosk: KioskRuntime, filing_id: str, *, actor: str) -> str:
    """Queue a new job of kind reprint for a filing (its earlier jobs may have printed, failed or been
    abandoned) and write an audit entry; returns the new job's id.

    Jobs of the same filing still waiting for a retry are abandoned in the same transaction: one tap on
    Reprint gives one paper, not a second one when the old job's retry comes due.
    """
    job_id = make_record_id()
    now = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        if session.get(Filing, filing_id) is None:
            raise KioskError("未找到该办件", "Filing not found")
        superseded = _supersede_unfinished(session, filing_id, by=job_id, now=now)
        session.add(
            PrintJob(
                id=job_id,
                filing_id=filing_id,
                kind=REPRINT,
                document_path=f"{filing_id}.pdf",
                state=QUEUED,
                attempts=0,
                created_at=now,
                updated_at=now,
            )
        )
        append_audit(
            session,
            at=now,
            actor=actor,
            action="receipt.reprint",
            subject_id=filing_id,
            detail={"print_job_id": job_id, "superseded_jobs": superseded},
        )
    log.info("reprint of filing %s queued as job %s by %s", filing_id, job_id, actor)
    return job_id


def reprint_now(kiosk: KioskRuntime, backend: PrinterBackend, filing_id: str, *, actor: str) -> PrintOutcome:
    """Queue a reprint and run the queue once; where the reprint stands afterwards."""
    return print_now(kiosk, backend, reprint(kiosk, filing_id, actor=actor))


def print_queue_entries(kiosk: KioskRuntime, *, abandoned_limit: int = 10) -> list[PrintOutcome]:
    """Unfinished jobs (queued, printing, failed) and the most recently abandoned ones, oldest first."""
    with kiosk.sessions() as session:
        unfinished = session.scalars(
            select(PrintJob).where(PrintJob.state.in_(UNFINISHED)).order_by(PrintJob.created_at)
        ).all()
        abandoned = session.scalars(
            select(PrintJob)
            .where(PrintJob.state == ABANDONED)
            .order_by(PrintJob.updated_at.desc())
            .limit(abandoned_limit)
        ).all()
        return [_outcome(job) for job in (*reversed(abandoned), *unfinished)]
