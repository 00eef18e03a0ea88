"""A village helper chooses their PIN at a kiosk of their site with the county's one-time set-up code.

The kiosk hashes the PIN (salted scrypt, as every staff PIN) and sends only that verifier with the staff
number and the code; the county answers the helper as it now publishes them, and this kiosk keeps that at once
so the helper can sign in straight away (other kiosks of the site learn it at their next pull). Needs the
network: without it nothing changes and the helper is told to try again when the terminal is online.
"""

from __future__ import annotations

import base64
import logging
import re
import secrets

import requests

from db.audit import append_audit
from kiosk.domain.errors import KioskError
from kiosk.domain.staff_pin import SALT_BYTES, check_new_pin, hash_pin
from kiosk.services.county_changes import CountyChanges
from kiosk.services.helper_signin import ACTOR
from kiosk.services.runtime import KioskRuntime
from kiosk.services.sync_round import not_enrolled, open_transport, read_link
from sync.errors import BadAnswerError, HaltError, RequestRefusedError, RetryableError, SyncError
from sync.protocol import HELPER_PIN_PATH, STAFF_NO_PATTERN, HelperChange, HelperPinSetup, PinVerifier

log = logging.getLogger(__name__)

# What the county's refusals mean to the helper at the screen.
REFUSALS = {
    "setup_code_wrong": KioskError(
        "工号或设置码不正确，请核对县里发给您的设置码",
        "The staff number or set-up code is wrong; check the code the county gave you.",
        field="setup_code",
    ),
    "setup_code_expired": KioskError(
        "设置码已过期，请联系县里重新发放", "The set-up code has expired; ask the county for a new one."
    ),
    "helper_revoked": KioskError(
        "该帮办员账号已停用，请联系县里", "This helper account has been revoked; please contact the county."
    ),
    "helper_other_site": KioskError(
        "您不是本站点的帮办员，请在您所属站点的终端上设置密码",
        "You are not a helper of this site; set your PIN at a terminal of your own site.",
    ),
}
OFFLINE = KioskError(
    "设置密码需要联网，本终端现在连不上县级服务器，请稍后再试；什么都没有改变",
    "Setting a PIN needs the network and this terminal cannot reach the county server now; please try again "
    "later. Nothing was changed.",
)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _checked_entries(staff_no: str, setup_code: str) -> tuple[str, str]:
    """The staff number (in capitals) and the code as typed, when they can be what the county issued."""
    staff_no, code = staff_no.strip().upper(), setup_code.strip()
    if not re.fullmatch(STAFF_NO_PATTERN, staff_no):
        raise KioskError(
            "请输入县里发给您的工号（字母、数字或连字符）",
            "Enter the staff number the county gave you (letters, digits or hyphens).",
            field="staff_no",
        )
    if not code or len(code) > 32:
        raise KioskError(
            "请输入县里发给您的设置码（如 ABCD-EFGH-JKMN）",
            "Enter the set-up code the county gave you (like ABCD-EFGH-JKMN).",
            field="setup_code",
        )
    return staff_no, code


def _explain(exc: SyncError) -> KioskError:
    if isinstance(exc, RequestRefusedError) and exc.error in REFUSALS:
        return REFUSALS[exc.error]
    if isinstance(exc, HaltError):
        return KioskError(exc.zh, exc.en)
    if isinstance(exc, RetryableError):
        return OFFLINE
    return KioskError(
        f"县级服务器的应答无法识别，密码未设置，请稍后再试：{exc.zh}",
        f"The county server's answer was not understood; the PIN is not set, please try again: {exc.en}",
    )


def set_up_helper_pin(
    kiosk: KioskRuntime, *, staff_no: str, setup_code: str, pin: str, http: requests.Session | None = None
) -> str:
    """Choose the helper's PIN with their set-up code; return the helper's name. Problems raise KioskError."""
    staff_no, code = _checked_entries(staff_no, setup_code)
    check_new_pin(pin)
    link = read_link(kiosk)
    if link is None:
        raise not_enrolled()
    hashed = hash_pin(pin, salt=secrets.token_bytes(SALT_BYTES))
    verifier = PinVerifier(
        n=hashed.n, r=hashed.r, p=hashed.p, salt=_b64(hashed.salt), digest=_b64(hashed.digest)
    )
    body = HelperPinSetup(staff_no=staff_no, setup_code=code, pin_verifier=verifier)
    transport = open_transport(kiosk, link, http=http)
    try:
        change = transport.expect("POST", HELPER_PIN_PATH, HelperChange, json_body=body)
    except SyncError as exc:
        log.warning("helper PIN set-up refused: %s", exc)
        raise _explain(exc) from None
    finally:
        transport.close()
    if change.staff_no != staff_no or change.pin_verifier != verifier:
        raise _explain(BadAnswerError("the county answered another helper or PIN"))
    with kiosk.sessions.begin() as session:
        CountyChanges(kiosk).apply_helper(session, change, seq=0)
        append_audit(
            session,
            at=kiosk.clock().isoformat(),
            actor=ACTOR,
            action=f"{ACTOR}.pin_set",
            subject_id=staff_no,
            detail={"version": change.version},
        )
    log.info("helper %s chose a PIN", staff_no)
    return change.name
