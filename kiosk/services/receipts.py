"""Use case: turn a stored filing into its receipt (收件回执) model, and into a PDF kept beside the database."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.models import Filing
from db.private_files import write_file_durably
from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError
from kiosk.domain.voucher import format_voucher_code
from kiosk.domain.working_days import promised_by
from kiosk.services.collection import collection_of
from kiosk.services.runtime import KioskRuntime
from kiosk.services.vouchers import sign_filing_voucher
from printing.fonts import MissingGlyphError
from printing.pdf import render_receipt_pdf
from printing.qr import qr_matrix
from printing.receipt import Receipt, Row

log = logging.getLogger(__name__)

ASK_THE_STAFF = Text(zh="请到服务窗口询问工作人员", en="Ask the staff at the service window")
"""What the receipt says for questions when the centre's phone (help_phone) is not configured."""


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    """A rendered receipt PDF kept beside the database."""

    filing_id: str
    path: Path


def receipt_for_filing(kiosk: KioskRuntime, filing_id: str) -> Receipt:
    """The pure receipt model of a stored filing: masked data only, never clear PII."""
    with kiosk.sessions() as session:
        filing = session.get(Filing, filing_id)
        if filing is None:
            raise KioskError("未找到该办件", "Filing not found")
    service = kiosk.catalog.service(filing.service_code)
    masked = json.loads(filing.masked_applicant_json)
    filed_at = datetime.fromisoformat(filing.created_at)
    promised = promised_by(service.guide.promise, filed_at)
    collection = collection_of(kiosk, service, filing)
    return Receipt(
        centre_name=kiosk.settings.centre_name,
        filing_number=format_voucher_code(filing.voucher_code),
        service_name_zh=service.name.zh,
        service_name_en=service.name.en,
        lines=tuple(Row(line["zh"], line["value"]) for line in masked),
        time=filed_at,
        terminal_id=kiosk.settings.terminal_name,
        time_limit=service.guide.time_limit.zh,
        promised_by=promised.zh if promised is not None else "",
        qr_payload=filing.voucher_payload or sign_filing_voucher(kiosk, filing.id),
        department_zh=service.department.zh,
        department_en=service.department.en,
        collection=collection.zh if collection is not None else "",
        collect_with=service.guide.collect_with.zh if service.guide.collect_with is not None else "",
        contact_phone=kiosk.settings.help_phone,
        contact_note="" if kiosk.settings.help_phone else ASK_THE_STAFF.zh,
        contact_note_en="" if kiosk.settings.help_phone else ASK_THE_STAFF.en,
    )


def render_receipt_document(kiosk: KioskRuntime, filing_id: str) -> ReceiptDocument:
    """Render the 80 mm PDF of a filing's receipt into the receipts folder (a copy for staff and archives).

    Printing is the print queue's job (kiosk.services.print_queue); this never changes a print job.
    A receipt that cannot be drawn (a character no font has) raises a bilingual KioskError; the filing
    itself is untouched and the voucher stays on screen.
    """
    path = kiosk.settings.receipts_dir / f"{filing_id}.pdf"
    try:
        pdf = render_receipt_pdf(receipt_for_filing(kiosk, filing_id))
    except MissingGlyphError as exc:
        raise KioskError(
            "回执中有本机字体无法打印的字，请记下屏幕上的凭证号",
            "The receipt has characters this printer font lacks; please note the voucher code on screen",
        ) from exc
    write_file_durably(path, pdf)
    log.info("receipt for filing %s rendered (%d bytes)", filing_id, len(pdf))
    return ReceiptDocument(filing_id=filing_id, path=path)


def voucher_qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol of a voucher payload as rows of dark modules (for the receipt screen)."""
    return qr_matrix(payload)
