"""Pull /v1/changes page by page; each page and the cursor after it commit in one transaction.

The changes are applied by a `ChangeHandler` the caller provides (the kiosk's use cases implement it, so
sync never imports kiosk). A change the kiosk cannot accept — a catalog that does not parse, or `data`
that does not match its model — is refused: the handler raises `ChangeRefused` (or the data fails
validation here), everything that change wrote is rolled back to a savepoint, the refusal is reported
with a bilingual reason, and the cursor still moves past it. A refused change therefore changes nothing
and never blocks the changes after it; the county fixes it by publishing a new change.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from db.models import SyncCursor
from sync.errors import BadAnswerError, SyncError
from sync.protocol import (
    CHANGES_PATH,
    MAX_CHANGES_PER_PAGE,
    Change,
    ChangesResponse,
    CountyConfig,
    DeviceKeyChange,
    FilingStatusChange,
    HelperChange,
    VoucherRevokedChange,
    describe_validation_error,
)
from sync.transport import Transport

log = logging.getLogger(__name__)

CHANGES_CURSOR = "changes"
MAX_PAGES_PER_PULL = 1000


class ChangeRefused(Exception):  # noqa: N818 - a refusal, not an error of the program
    """The kiosk will not apply this change; `zh`/`en` say why (no personal data)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class ChangeHandler(Protocol):
    """Applies pulled changes inside the page's transaction; raise ChangeRefused to refuse one."""

    def apply_catalog(self, session: Session, document: Mapping[str, Any], *, seq: int) -> None:
        """A whole catalog document."""

    def apply_filing_status(self, session: Session, change: FilingStatusChange, *, seq: int) -> None:
        """The county's status of one filing."""

    def apply_config(self, session: Session, config: CountyConfig, *, seq: int) -> None:
        """New county configuration."""

    def apply_voucher_revoked(self, session: Session, change: VoucherRevokedChange, *, seq: int) -> None:
        """A voucher the county revoked."""

    def apply_device_key(self, session: Session, change: DeviceKeyChange, *, seq: int) -> None:
        """A county kiosk's voucher key (new, moved or revoked)."""

    def apply_helper(self, session: Session, change: HelperChange, *, seq: int) -> None:
        """A village helper of the county (new, PIN set or reset, moved, revoked)."""

    def page_committed(self) -> None:
        """Called after a page's transaction committed (e.g. to swap in a new catalog)."""

    def page_rolled_back(self) -> None:
        """Called when a page's transaction did not commit (forget anything prepared for it)."""


@dataclass(frozen=True, slots=True)
class RefusedChange:
    """A change that was skipped, and why."""

    seq: int
    type: str
    zh: str
    en: str


@dataclass(slots=True)
class PullReport:
    """What one pull did."""

    pages: int = 0
    applied: int = 0
    refused: list[RefusedChange] = field(default_factory=list)
    cursor: int = 0
    failure: SyncError | None = None


def read_cursor(sessions: sessionmaker[Session], name: str = CHANGES_CURSOR) -> int:
    """The stored cursor (0 before the first pull)."""
    with sessions() as session:
        row = session.get(SyncCursor, name)
        return 0 if row is None else row.value


def _store_cursor(session: Session, value: int, name: str = CHANGES_CURSOR) -> None:
    row = session.get(SyncCursor, name)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if row is None:
        session.add(SyncCursor(name=name, value=value, updated_at=now))
    else:
        row.value, row.updated_at = value, now


def _checked_page(page: ChangesResponse, cursor: int) -> ChangesResponse:
    previous = cursor
    for change in page.changes:
        if change.seq <= previous:
            raise BadAnswerError("changes are not in increasing seq order after the cursor")
        previous = change.seq
    if page.next_cursor < previous:
        raise BadAnswerError("next_cursor is behind the changes returned")
    if page.more and page.next_cursor <= cursor:
        raise BadAnswerError("server says there is more but the cursor did not move")
    return page


def _dispatch(session: Session, handler: ChangeHandler, change: Change) -> None:
    data = change.data
    try:
        if change.type == "catalog":
            handler.apply_catalog(session, data, seq=change.seq)
        elif change.type == "filing_status":
            handler.apply_filing_status(session, FilingStatusChange.model_validate(data), seq=change.seq)
        elif change.type == "config":
            handler.apply_config(session, CountyConfig.model_validate(data), seq=change.seq)
        elif change.type == "voucher_revoked":
            handler.apply_voucher_revoked(session, VoucherRevokedChange.model_validate(data), seq=change.seq)
        elif change.type == "helper":
            handler.apply_helper(session, HelperChange.model_validate(data), seq=change.seq)
        else:
            handler.apply_device_key(session, DeviceKeyChange.model_validate(data), seq=change.seq)
    except ValidationError as exc:
        problem = describe_validation_error(exc)
        raise ChangeRefused(
            f"县级服务器发来的 {change.type} 变更格式不符合协议，已跳过：{problem}",
            f"The county's {change.type} change does not match the protocol and was skipped: {problem}",
        ) from None


def _apply_page(
    sessions: sessionmaker[Session], handler: ChangeHandler, page: ChangesResponse, report: PullReport
) -> None:
    refused: list[RefusedChange] = []
    applied = 0
    try:
        with sessions.begin() as session:
            for change in page.changes:
                savepoint = session.begin_nested()
                try:
                    _dispatch(session, handler, change)
                except ChangeRefused as refusal:
                    savepoint.rollback()
                    refused.append(RefusedChange(change.seq, change.type, refusal.zh, refusal.en))
                    log.warning("change %d (%s) refused: %s", change.seq, change.type, refusal.en)
                    continue
                savepoint.commit()
                applied += 1
            _store_cursor(session, page.next_cursor)
    except BaseException:
        handler.page_rolled_back()
        raise
    handler.page_committed()
    report.applied += applied
    report.refused.extend(refused)
    report.cursor = page.next_cursor


def pull_changes(
    sessions: sessionmaker[Session],
    transport: Transport,
    handler: ChangeHandler,
    *,
    limit: int = MAX_CHANGES_PER_PAGE,
) -> PullReport:
    """Ask for changes after the stored cursor while the server says there are more; failures are reported."""
    report = PullReport(cursor=read_cursor(sessions))
    try:
        for _ in range(MAX_PAGES_PER_PULL):
            page = transport.expect(
                "GET", CHANGES_PATH, ChangesResponse, query=[("after", report.cursor), ("limit", limit)]
            )
            _apply_page(sessions, handler, _checked_page(page, report.cursor), report)
            report.pages += 1
            if not page.more:
                break
    except SyncError as exc:
        report.failure = exc
        log.warning("pull stopped at cursor %d: %s", report.cursor, exc)
    log.info("pull: %d applied, %d refused, cursor %d", report.applied, len(report.refused), report.cursor)
    return report
