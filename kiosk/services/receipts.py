"""Use case: turn a stored filing into its receipt (受理回执) document and record the print job's state."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from db.models import Filing, PrintJob
from db.private_files import write_file_durably
from kiosk.domain.errors import KioskError
from kiosk.domain.voucher import format_voucher_code, voucher_qr_payload
from kiosk.services.runtime import KioskRuntime
from printing.fonts import MissingGlyphError
from printing.pdf import render_receipt_pdf
from printing.receipt import Receipt, Row

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    """A rendered receipt kept for printing and reprint."""

    filing_id: str
    print_job_id: str
    path: Path


def receipt_for_filing(kiosk: KioskRuntime, filing_id: str) -> Receipt:
    """The pure receipt model of a stored filing: masked data only, never clear PII."""
    with kiosk.sessions() as session:
        filing = session.get(Filing, filing_id)
        if filing is None:
            raise KioskError("未找到该办件", "Filing not found")
    service = kiosk.catalog.service(filing.service_code)
    masked = json.loads(filing.masked_applicant_json)
    return Receipt(
        centre_name=kiosk.settings.centre_name,
        filing_number=format_voucher_code(filing.voucher_code),
        service_name_zh=service.name.zh,
        service_name_en=service.name.en,
        lines=tuple(Row(line["zh"], line["value"]) for line in masked),
        time=datetime.fromisoformat(filing.created_at),
        terminal_id=kiosk.settings.terminal_name,
        time_limit=service.guide.time_limit.zh,
        qr_payload=voucher_qr_payload(filing.voucher_code),
    )


def render_receipt_document(kiosk: KioskRuntime, filing_id: str) -> ReceiptDocument:
    """Render the 80 mm PDF of a filing's receipt into the receipts folder and mark its print job.

    A receipt that cannot be drawn (a character the font lacks) marks the job failed and raises a
    bilingual KioskError; the filing itself is untouched and the voucher stays on screen.
    """
    with kiosk.sessions() as session:
        job = session.scalars(
            select(PrintJob).where(PrintJob.filing_id == filing_id).order_by(PrintJob.created_at.desc())
        ).first()
        if job is None:
            raise KioskError("该办件没有打印任务", "This filing has no print job")
        job_id, document_name = job.id, job.document_path
    path = kiosk.settings.receipts_dir / document_name
    try:
        pdf = render_receipt_pdf(receipt_for_filing(kiosk, filing_id))
    except MissingGlyphError as exc:
        _mark_job(kiosk, job_id, state="failed", error="missing glyphs")
        raise KioskError(
            "回执中有本机字体无法打印的字，请记下屏幕上的凭证号",
            "The receipt has characters this printer font lacks; please note the voucher code on screen",
        ) from exc
    write_file_durably(path, pdf)
    _mark_job(kiosk, job_id, state="rendered", error=None)
    log.info("receipt for filing %s rendered (%d bytes)", filing_id, len(pdf))
    return ReceiptDocument(filing_id=filing_id, print_job_id=job_id, path=path)


def _mark_job(kiosk: KioskRuntime, job_id: str, *, state: str, error: str | None) -> None:
    with kiosk.sessions.begin() as session:
        job = session.get(PrintJob, job_id)
        assert job is not None
        job.state = state
        job.attempts += 1
        job.last_error = error
        job.updated_at = kiosk.clock().isoformat()
