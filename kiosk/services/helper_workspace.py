"""Use case: 我的办件 — the filings a helper made on this terminal, newest first, with whether each reached the
county, the county's status, and for one the county refused, why in plain words and what to do; 立即同步."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db.models import Filing, OutboxEntry
from kiosk.domain.catalog import Text
from kiosk.services.lookup import FilingSummary, last_pull, summarize_filing
from kiosk.services.runtime import KioskRuntime
from kiosk.services.sync_round import run_full_round

MAX_LISTED = 100


@dataclass(frozen=True, slots=True)
class HelperFiling:
    """One of the helper's filings as the workspace lists it (masked data only)."""

    summary: FilingSummary
    refused: Text | None  # the county's reason and what to do, when it did not accept the filing


def _refusal(reason: str | None) -> Text:
    said = reason or "未说明原因 / no reason given"
    return Text(
        f"县里未接收这份办件：{said}。请核对后带群众重新办理，或联系县里",
        f"The county did not accept this filing: {said}. Check it and file it again with the resident, or call "
        "the county.",
    )


def helper_filings(kiosk: KioskRuntime, staff_no: str) -> list[HelperFiling]:
    """The helper's filings on this terminal, newest first (at most MAX_LISTED)."""
    last_heard = last_pull(kiosk)
    with kiosk.sessions() as session:
        filings = session.scalars(
            select(Filing)
            .where(Filing.helper_id == staff_no)
            .order_by(Filing.created_at.desc(), Filing.device_seq.desc())
            .limit(MAX_LISTED)
        ).all()
        listed = []
        for filing in filings:
            summary = summarize_filing(kiosk, session, filing, last_heard=last_heard)
            reason = None
            if summary.sync_state == "rejected":
                reason = session.scalars(
                    select(OutboxEntry.last_error).where(OutboxEntry.record_id == filing.id)
                ).first()
            listed.append(
                HelperFiling(summary, _refusal(reason) if summary.sync_state == "rejected" else None)
            )
    return listed


def sync_now(kiosk: KioskRuntime) -> Text:
    """立即同步: one full round with the county now; what it did, in a line."""
    report = run_full_round(kiosk)
    push = report.push
    sent = push.sent if push is not None else 0
    refused = push.rejected if push is not None else 0
    if not report.ok:
        return Text(
            f"这次没能与县里同步完（已上报 {sent} 件），办件都安全保存在本机，联网后会自动再试",
            f"Sync with the county did not finish ({sent} uploaded); every filing is kept safely here and is "
            "sent when the network is back.",
        )
    extra = (
        Text(f"，县里退回 {refused} 件", f", {refused} refused by the county") if refused else Text("", "")
    )
    return Text(f"同步完成：已上报 {sent} 件{extra.zh}", f"Sync done: {sent} uploaded{extra.en}.")
