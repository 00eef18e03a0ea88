"""What a helper laptop needs before it keeps residents' data: the county's sealing key, and a helper's key."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Device
from kiosk.domain.errors import KioskError
from kiosk.services.county_config import stored_county_config
from kiosk.services.runtime import KioskRuntime
from sync.protocol.sealed_box import SealedBoxError, decode_public_key

NO_COUNTY_KEY = KioskError(
    "本笔记本还没有县级服务器的加密公钥，不能办件：请先在有网络的地方完成注册并同步一次；什么都没有保存",
    "This laptop does not have the county server's sealing key yet, so it cannot file: enrol it and sync "
    "once where there is a network. Nothing was kept.",
)
LAPTOP_LOCKED = KioskError(
    "本机已锁定：请帮办员先登录再办理，什么都没有保存",
    "This laptop is locked: a helper must sign in first. Nothing was kept.",
)


def county_sealing_key(session: Session) -> bytes | None:
    """The county's X25519 public key from the stored CountyConfig (None before a county published one)."""
    published = stored_county_config(session.get(Device, 1)).sealing_public_key
    if published is None:
        return None
    try:
        return decode_public_key(published)
    except SealedBoxError:
        return None


def required_county_key(session: Session) -> bytes:
    """The county's public key, or NO_COUNTY_KEY (a laptop keeps nothing it could not seal)."""
    key = county_sealing_key(session)
    if key is None:
        raise NO_COUNTY_KEY
    return key


def sealing_key_if_laptop(kiosk: KioskRuntime) -> bytes | None:
    """On a helper laptop: the county's key, once checked that a helper is signed in (KioskError if not,
    or when the county's key is missing). On a citizen kiosk: None (nothing is sealed to the county)."""
    if not kiosk.cipher.seals_for_county:
        return None
    if not kiosk.cipher.is_unlocked():
        raise LAPTOP_LOCKED
    with kiosk.sessions() as session:
        return required_county_key(session)
