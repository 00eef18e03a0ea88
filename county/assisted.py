"""Whether the county accepts an assisted filing (帮办): its helper and its consent method when it was made.

Every rule is judged at the filing's ``created_at`` (the kiosk's clock when it was filed, offline or not):

- the helper is known to the county and was not yet revoked then: a filing made before ``helper revoke`` is
  still accepted when it arrives later, one made at or after it is rejected (even when the kiosk, offline,
  did not know yet);
- the pushing device's site is one of the helper's sites as they are now (the county has no command that
  moves a helper, so their sites now are their sites then);
- the consent method is one the county allows now, or allowed when the filing was made (the config then is
  the last ``config`` change published up to ``created_at``): a county that drops a method refuses later
  filings with it, not those made while it was offered.

Creation time is not checked: a helper's first filing needs the PIN set at the county first, so a filing
dated before the helper was added only means a kiosk clock that is behind, never a reason to refuse it.
Reasons are plain sentences, Chinese then English (``中文 / English``), as a kiosk shows them to the helper.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.config import load_config
from county.models import ChangeLogEntry, CountySetting, Device, Helper
from sync.protocol import CountyConfig, OutboxRecord

logger = logging.getLogger(__name__)

CONSENT_METHOD_ZH: Mapping[str, str] = {
    "signature": "手写签名",
    "paper_photo": "纸质同意书照片",
    "oral_witnessed": "口头同意（有见证人）",
}


def is_assisted_filing(record: OutboxRecord) -> bool:
    """A filing made by a helper for a resident (its payload already passed the protocol's checks)."""
    return record.kind == "filing" and record.payload.get("channel") == "assisted"


def _revoked_before(staff_no: str, *, revoked_at: datetime | None, made: datetime) -> str:
    """The reason for a filing made at or after its helper's revocation, in the kiosk's own time zone."""
    if revoked_at is None:  # pragma: no cover - every revocation records its time
        return f"帮办员 {staff_no} 已停用 / helper {staff_no} is revoked"
    revoked, filed = f"{revoked_at.astimezone(made.tzinfo):%Y-%m-%d %H:%M}", f"{made:%Y-%m-%d %H:%M}"
    return (
        f"帮办员 {staff_no} 已于 {revoked} 停用，本次办件在此之后（{filed}） / "
        f"helper {staff_no} was revoked at {revoked}, before this filing was made ({filed})"
    )


class AssistedRules:
    """What the assisted filings of one push are judged against, read once in the push's transaction."""

    def __init__(self, session: Session, *, device_id: str, staff_nos: set[str]) -> None:
        """Read the pushing device's site, the named helpers and the consent methods allowed now."""
        device = session.get(Device, device_id)
        self._session = session
        self._site = device.site if device is not None else None
        self._helpers = {
            helper.staff_no: helper
            for helper in session.scalars(select(Helper).where(Helper.staff_no.in_(staff_nos)))
        }
        self._methods_now = load_config(session).consent_methods
        setting = session.get(CountySetting, "consent_methods")
        self._methods_set_at = setting.updated_at if setting is not None else None

    def rejection(self, payload: Mapping[str, Any]) -> str | None:
        """Why this assisted filing cannot be accepted (None: it can)."""
        assisted = payload["assisted"]
        made = datetime.fromisoformat(payload["created_at"])
        staff_no = str(assisted["helper_staff_no"]).upper()
        helper = self._helpers.get(staff_no)
        if helper is None:
            return f"帮办员工号 {staff_no} 在县里不存在 / helper {staff_no} is not known to the county"
        if helper.state == "revoked" and (helper.revoked_at is None or made >= helper.revoked_at):
            return _revoked_before(staff_no, revoked_at=helper.revoked_at, made=made)
        if self._site is None or self._site not in helper.sites:
            return f"帮办员 {staff_no} 不属于本终端所在站点 / helper {staff_no} does not work for this terminal's site"
        return self._method_rejection(str(assisted["consent_method"]), made=made, record_id=payload["id"])

    def _method_rejection(self, method: str, *, made: datetime, record_id: str) -> str | None:
        """Why the consent method is refused: allowed neither now nor when the filing was made."""
        if method in self._methods_now:
            return None
        made_under_older_config = self._methods_set_at is not None and made < self._methods_set_at
        if made_under_older_config and method in self._methods_at(made):
            logger.info("filing %s: consent method %s was allowed when it was made", record_id, method)
            return None
        allowed_zh = "、".join(CONSENT_METHOD_ZH[allowed] for allowed in self._methods_now)
        return (
            f"县里不接受这种同意方式：{CONSENT_METHOD_ZH.get(method, method)}（可用：{allowed_zh}） / "
            f"the county does not accept consent by {method} (allowed: {', '.join(self._methods_now)})"
        )

    def _methods_at(self, moment: datetime) -> list[str]:
        """The consent methods of the config in force at ``moment`` (the defaults before any change)."""
        data = self._session.scalars(
            select(ChangeLogEntry.data)
            .where(
                ChangeLogEntry.device_id.is_(None),
                ChangeLogEntry.type == "config",
                ChangeLogEntry.created_at <= moment,
            )
            .order_by(ChangeLogEntry.seq.desc())
            .limit(1)
        ).first()
        return list(CountyConfig.model_validate(data or {}).consent_methods)


def with_assisted_checks(
    session: Session, records: Sequence[OutboxRecord], checks: list[str | None], *, device_id: str
) -> list[str | None]:
    """``checks`` with the reason of every otherwise valid assisted filing the county refuses.

    Reads nothing unless the push holds an assisted filing: self-service pushes cost no query more.
    """
    positions = [n for n, record in enumerate(records) if checks[n] is None and is_assisted_filing(record)]
    if not positions:
        return checks
    staff_nos = {str(records[n].payload["assisted"]["helper_staff_no"]).upper() for n in positions}
    rules = AssistedRules(session, device_id=device_id, staff_nos=staff_nos)
    checked = list(checks)
    for n in positions:
        checked[n] = rules.rejection(records[n].payload)
    return checked
