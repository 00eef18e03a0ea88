"""Use case: a helper's staff card (工作证) scanned at the sign-in screen: its staff number, checked offline
against the county's staff-card key this kiosk pulled. The PIN is still asked."""

from __future__ import annotations

from db.models import Device, HelperAccount
from kiosk.domain.errors import KioskError
from kiosk.services.county_config import stored_county_config
from kiosk.services.runtime import KioskRuntime
from sync.protocol import StaffCardError, staff_card_public_key, staff_no_of_card

NOT_A_CARD = KioskError("这不是帮办员工作证的二维码", "This is not the QR code of a helper's staff card.")
FOREIGN = KioskError(
    "这张工作证不是本县签发的（或已损坏），请输入工号登录",
    "This staff card was not issued by this county (or is damaged): type the staff number instead.",
)
NO_KEY = KioskError(
    "本终端还没有收到县里的工作证密钥，请输入工号登录",
    "This terminal has no staff-card key from the county yet: type the staff number.",
)
NOT_HERE = KioskError(
    "工作证有效，但该帮办员不属于本站点", "The card is genuine, but this helper does not work for this site."
)


def staff_no_from_card(kiosk: KioskRuntime, payload: str) -> str:
    """The staff number of a genuine card of a helper of this site; KioskError saying why not otherwise."""
    if not payload.strip().startswith("BMH1:"):
        raise NOT_A_CARD
    with kiosk.sessions() as session:
        key_text = stored_county_config(session.get(Device, 1)).staff_card_public_key
        if key_text is None:
            raise NO_KEY
        try:
            staff_no = staff_no_of_card(payload, staff_card_public_key(key_text))
        except StaffCardError:
            raise FOREIGN from None
        if session.get(HelperAccount, staff_no) is None:
            raise NOT_HERE
    return staff_no
