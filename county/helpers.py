"""Village helpers (帮办员) at the county: add, reset a PIN, revoke, list; the PIN set-up with a one-time code.

Kiosks learn each change through the change log (type ``helper``): staff number, name, sites, state and the
PIN verifier, never a PIN. A helper is added with a one-time set-up code (Crockford base32 like enrolment
codes, stored as SHA-256, valid ``SETUP_TTL``); at a kiosk of one of their sites the helper types the code and
chooses a PIN, and the kiosk sends only the PIN's salted scrypt verifier. A PIN reset issues a new code and
withdraws the old verifier at once: nobody signs in with the old PIN after the next pull.
"""

from __future__ import annotations

import hmac
import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.changes import append_change
from county.enrolment import code_digest, new_code, normalise_code
from county.models import Helper
from sync.protocol import STAFF_NO_PATTERN, HelperChange, PinVerifier

SETUP_TTL = timedelta(days=7)
MAX_NAME_LENGTH = 40
MAX_SITES = 20


class HelperError(Exception):
    """A refusal with a machine-readable reason and a message in Chinese and English."""

    def __init__(self, reason: str, *, zh: str, en: str) -> None:
        """Keep the reason and both messages."""
        super().__init__(en)
        self.reason = reason
        self.zh = zh
        self.en = en


def _unknown(staff_no: str) -> HelperError:
    return HelperError("unknown_helper", zh=f"未知的帮办员工号：{staff_no}", en=f"unknown helper: {staff_no}")


def checked_staff_no(staff_no: str) -> str:
    """``staff_no`` as the county keeps it (upper-case), or HelperError when it cannot be a staff number."""
    staff_no = staff_no.strip().upper()  # kiosks look staff numbers up in capitals
    if not re.fullmatch(STAFF_NO_PATTERN, staff_no):
        raise HelperError(
            "invalid_staff_no",
            zh="工号无效（1 至 20 位字母、数字或连字符）",
            en="invalid staff number (1 to 20 letters, digits or hyphens)",
        )
    return staff_no


def _checked_text(value: str, *, limit: int, what_zh: str, what_en: str) -> str:
    value = value.strip()
    if not value or len(value) > limit or any(unicodedata.category(ch) == "Cc" for ch in value):
        raise HelperError(
            "invalid_" + what_en.replace(" ", "_"),
            zh=f"{what_zh}无效（1 至 {limit} 个字符）",
            en=f"invalid {what_en} (1 to {limit} characters)",
        )
    return value


def _checked_sites(sites: list[str]) -> list[str]:
    kept: list[str] = []
    for site in sites:
        checked = _checked_text(site, limit=100, what_zh="站点名称", what_en="site name")
        if checked not in kept:
            kept.append(checked)
    if not 1 <= len(kept) <= MAX_SITES:
        raise HelperError(
            "invalid_sites", zh="帮办员应属于 1 至 20 个站点", en="a helper belongs to 1 to 20 sites"
        )
    return kept


def helper_change(helper: Helper) -> HelperChange:
    """The helper as kiosks know them: no set-up code, the PIN only as its verifier."""
    verifier = PinVerifier.model_validate(helper.pin_verifier) if helper.pin_verifier else None
    return HelperChange(
        staff_no=helper.staff_no,
        name=helper.name,
        sites=list(helper.sites),
        state="revoked" if helper.state == "revoked" else "active",
        pin_verifier=verifier,
        version=helper.version,
    )


def _publish(session: Session, helper: Helper, *, now: datetime) -> None:
    """Tell every kiosk the helper as they are now (kiosks keep the helpers of their own site)."""
    append_change(session, type_="helper", data=helper_change(helper).model_dump(mode="json"), now=now)


def _new_setup_code(helper: Helper, *, now: datetime) -> str:
    code = new_code()
    symbols = normalise_code(code)
    assert symbols is not None
    helper.setup_code_sha256 = code_digest(symbols)
    helper.setup_expires_at = now + SETUP_TTL
    return code


def add_helper(session: Session, *, staff_no: str, name: str, sites: list[str], now: datetime) -> str:
    """Create an active helper without a PIN yet; return the one-time PIN set-up code to hand over."""
    staff_no = checked_staff_no(staff_no)
    name = _checked_text(name, limit=MAX_NAME_LENGTH, what_zh="姓名", what_en="name")
    kept_sites = _checked_sites(sites)
    if session.get(Helper, staff_no) is not None:
        raise HelperError(
            "helper_exists", zh=f"工号已存在：{staff_no}", en=f"staff number already exists: {staff_no}"
        )
    helper = Helper(
        staff_no=staff_no,
        name=name,
        sites=kept_sites,
        state="active",
        pin_verifier=None,
        version=1,
        created_at=now,
        updated_at=now,
    )
    code = _new_setup_code(helper, now=now)
    session.add(helper)
    session.flush()
    _publish(session, helper, now=now)
    return code


def _existing(session: Session, staff_no: str) -> Helper:
    helper = session.get(Helper, staff_no.strip().upper())
    if helper is None:
        raise _unknown(staff_no)
    return helper


def _changed(session: Session, helper: Helper, *, now: datetime) -> None:
    helper.version += 1
    helper.updated_at = now
    session.flush()
    _publish(session, helper, now=now)


def reset_pin(session: Session, *, staff_no: str, now: datetime) -> str:
    """Withdraw the helper's PIN and return a new one-time set-up code; a revoked helper gets none."""
    helper = _existing(session, staff_no)
    if helper.state == "revoked":
        raise HelperError(
            "helper_revoked",
            zh=f"帮办员已停用：{helper.staff_no}",
            en=f"helper is revoked: {helper.staff_no}",
        )
    helper.pin_verifier = None
    code = _new_setup_code(helper, now=now)
    _changed(session, helper, now=now)
    return code


def revoke_helper(session: Session, *, staff_no: str, now: datetime) -> bool:
    """Revoke a helper (False when they already were); kiosks refuse them from their next pull on."""
    helper = _existing(session, staff_no)
    if helper.state == "revoked":
        return False
    helper.state, helper.revoked_at = "revoked", now
    helper.pin_verifier = None
    helper.setup_code_sha256 = helper.setup_expires_at = None
    _changed(session, helper, now=now)
    return True


def set_helper_pin(
    session: Session, *, staff_no: str, setup_code: str, verifier: PinVerifier, site: str, now: datetime
) -> HelperChange:
    """Store the verifier of the PIN a helper chose with their set-up code, at a kiosk of ``site``; return
    the helper as now published."""
    helper = session.get(Helper, staff_no.strip().upper())
    symbols = normalise_code(setup_code)
    stored = helper.setup_code_sha256 if helper is not None else None
    if (
        helper is None
        or symbols is None
        or stored is None
        or not hmac.compare_digest(stored, code_digest(symbols))
    ):
        raise HelperError(
            "setup_code_wrong",
            zh="工号或设置码不正确，请核对县里发给您的设置码",
            en="The staff number or set-up code is wrong; check the code the county gave you.",
        )
    if helper.state == "revoked":
        raise HelperError("helper_revoked", zh="该帮办员已停用", en="This helper has been revoked.")
    if helper.setup_expires_at is None or now >= helper.setup_expires_at:
        raise HelperError(
            "setup_code_expired",
            zh="设置码已过期，请联系县里重新发放",
            en="The set-up code has expired; ask the county for a new one.",
        )
    if site not in helper.sites:
        raise HelperError(
            "helper_other_site",
            zh="该帮办员不属于本终端所在站点",
            en="This helper does not work for this terminal's site.",
        )
    helper.pin_verifier = verifier.model_dump(mode="json")
    helper.setup_code_sha256 = helper.setup_expires_at = None
    _changed(session, helper, now=now)
    return helper_change(helper)


def helper_to_json(helper: Helper) -> dict[str, Any]:
    """The ``helper list`` view of one helper: no verifier, no code; whether a PIN and a code are pending."""
    return {
        "staff_no": helper.staff_no,
        "name": helper.name,
        "sites": list(helper.sites),
        "state": helper.state,
        "pin_set": helper.pin_verifier is not None,
        "setup_code_expires_at": helper.setup_expires_at.isoformat() if helper.setup_expires_at else None,
        "version": helper.version,
        "updated_at": helper.updated_at.isoformat(),
        "revoked_at": helper.revoked_at.isoformat() if helper.revoked_at else None,
    }


def list_helpers(session: Session) -> list[dict[str, Any]]:
    """Every helper, by staff number."""
    return [helper_to_json(helper) for helper in session.scalars(select(Helper).order_by(Helper.staff_no))]
