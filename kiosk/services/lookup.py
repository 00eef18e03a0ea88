"""Use case: look a filing up by its voucher (scanned QR payload or typed code)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Filing, OutboxEntry, Rating, RevokedVoucher
from kiosk.domain.catalog import Service, Text
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.domain.next_step import next_step, stage_of
from kiosk.domain.voucher import (
    VOUCHER_QR_PREFIX,
    check_voucher_code,
    format_voucher_code,
    parse_voucher_qr_payload,
)
from kiosk.domain.working_days import promise_in_words, promised_by
from kiosk.services.collection import collection_of
from kiosk.services.filing import MaskedLine
from kiosk.services.runtime import KioskRuntime
from kiosk.services.vouchers import verify_voucher_payload
from sync.backoff import PULL, read_channel
from sync.protocol import SIGNED_VOUCHER_PREFIXES


@dataclass(frozen=True, slots=True)
class FilingSummary:
    """What a voucher lookup shows: no clear personal data."""

    filing_id: str
    voucher_display: str
    service_code: str
    service_name: Text
    created_at: datetime
    local_status: str
    server_status: str | None
    sync_state: str
    masked_applicant: tuple[MaskedLine, ...]
    rated: bool
    server_status_note: str | None = None
    last_heard_from_county: datetime | None = None  # the last successful pull: how fresh the status is
    promised: Text | None = None  # the time limit with its date (承诺时限), as the receipt gives it
    next_step: Text | None = None  # what the citizen does next, from the filing's state and the guide


class VoucherRevoked(KioskError):  # noqa: N818 - reads as what the person is told
    """The county revoked this voucher; the message says so in both languages."""


def _revoked(code: str, reason: str) -> VoucherRevoked:
    shown = format_voucher_code(code)
    if reason:
        return VoucherRevoked(
            f"凭证 {shown} 已被县级中心撤销（{reason}），请到服务窗口咨询",
            f"Voucher {shown} was revoked by the county ({reason}); please ask at the service desk",
        )
    return VoucherRevoked(
        f"凭证 {shown} 已被县级中心撤销，请到服务窗口咨询",
        f"Voucher {shown} was revoked by the county; please ask at the service desk",
    )


def voucher_code_from_input(text: str) -> str:
    """Accept a scanned QR payload or a typed voucher code; anything else raises ValidationError."""
    stripped = text.strip()
    if stripped.upper().startswith(VOUCHER_QR_PREFIX[:3]):
        return parse_voucher_qr_payload(stripped)
    checked = check_voucher_code(stripped)
    if checked.error is not None:
        raise ValidationError(checked.error.zh, checked.error.en)
    return checked.value


def _filed_elsewhere(site: str) -> KioskError:
    return KioskError(
        f"凭证有效，由{site}的终端签发，但办件信息不在本机；请到签发的终端或服务窗口查询",
        f"This voucher is genuine and was issued by a terminal at {site}, but the filing is not on this "
        "terminal; please look it up there or ask at the service desk",
    )


def _find_filing(kiosk: KioskRuntime, session: Session, text: str) -> Filing:
    """The filing a scanned payload or typed code names; revoked and unknown vouchers raise."""
    stripped = text.strip()
    if stripped.upper().startswith(SIGNED_VOUCHER_PREFIXES):
        verified = verify_voucher_payload(kiosk, session, stripped.upper())
        filing = session.get(Filing, verified.filing_id)
        if filing is None:
            raise _filed_elsewhere(verified.site)
        code = filing.voucher_code
    else:
        code = voucher_code_from_input(stripped)
        filing = session.scalars(select(Filing).where(Filing.voucher_code == code)).first()
    revoked = session.get(RevokedVoucher, code)
    if revoked is not None:
        raise _revoked(code, revoked.reason)
    if filing is None:
        raise KioskError(
            "未找到与此凭证对应的办件，请核对凭证号",
            "No filing matches this voucher; please check the code",
        )
    return filing


def lookup_by_voucher(kiosk: KioskRuntime, *, text: str) -> FilingSummary:
    """Find the filing a voucher belongs to; forged, unknown and revoked vouchers raise a bilingual KioskError.

    A scanned "BMK3:" (or older "BMK2:") payload is checked offline against the issuing kiosk's key; a typed code (or an
    unsigned "BMK1:" payload printed by earlier versions, which is no more than the code) is looked up.
    """
    last_heard = last_pull(kiosk)
    with kiosk.sessions() as session:
        filing = _find_filing(kiosk, session, text)
        return summarize_filing(kiosk, session, filing, last_heard=last_heard)


def summarize_filing(
    kiosk: KioskRuntime,
    session: Session,
    filing: Filing,
    *,
    last_heard: datetime | None,
    receipt_lost: bool = False,
) -> FilingSummary:
    """What a look-up shows of a filing: masked data, progress, the promised date and the next step.

    `last_heard` is `last_pull(kiosk)`, read before `session` began (a session holds the store's write lock).
    """
    sync_state = session.scalars(select(OutboxEntry.state).where(OutboxEntry.record_id == filing.id)).first()
    rated = session.scalars(select(Rating.id).where(Rating.filing_id == filing.id)).first() is not None
    created_at = datetime.fromisoformat(filing.created_at)
    stage = stage_of(county_status=filing.server_status, sent=sync_state == "sent")
    try:
        service: Service | None = kiosk.catalog.service(filing.service_code)
    except KioskError:  # a service the current catalog no longer has
        service = None
    if service is None:
        service_name = Text(zh=filing.service_code, en=filing.service_code)
        promised = None
        step = next_step(stage, collection=None, collect_with=None, receipt_lost=receipt_lost)
    else:
        service_name = service.name
        guide = service.guide
        promised = promise_in_words(guide.time_limit, promised_by(guide.promise, created_at))
        step = next_step(
            stage,
            collection=collection_of(kiosk, service, filing),
            collect_with=guide.collect_with,
            receipt_lost=receipt_lost,
        )
    masked = tuple(
        MaskedLine(Text(zh=line["zh"], en=line["en"]), line["value"])
        for line in json.loads(filing.masked_applicant_json)
    )
    return FilingSummary(
        filing_id=filing.id,
        voucher_display=format_voucher_code(filing.voucher_code),
        service_code=filing.service_code,
        service_name=service_name,
        created_at=created_at,
        local_status=filing.local_status,
        server_status=filing.server_status,
        sync_state=sync_state or "unknown",
        masked_applicant=masked,
        rated=rated,
        server_status_note=filing.server_status_note,
        last_heard_from_county=last_heard,
        promised=promised,
        next_step=step,
    )


def last_pull(kiosk: KioskRuntime) -> datetime | None:
    """When this kiosk last pulled from the county successfully (None: never)."""
    last = read_channel(kiosk.sessions, PULL).last_success_at
    return datetime.fromisoformat(last) if last else None
