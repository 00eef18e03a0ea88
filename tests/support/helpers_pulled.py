"""Village helpers as a kiosk of SITE holds them after a pull from the county (with the PIN's verifier)."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from db.models import Device
from kiosk.domain.staff_pin import SALT_BYTES, hash_pin
from kiosk.services.county_changes import CountyChanges
from kiosk.services.runtime import KioskRuntime
from sync.protocol import HelperChange

SITE = "幸福镇便民服务中心"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def pin_verifier(pin: str) -> dict[str, Any]:
    """The PinVerifier of `pin`, as the county publishes it."""
    hashed = hash_pin(pin, salt=secrets.token_bytes(SALT_BYTES))
    return {
        "n": hashed.n,
        "r": hashed.r,
        "p": hashed.p,
        "salt": _b64(hashed.salt),
        "digest": _b64(hashed.digest),
    }


def pull_helpers(kiosk: KioskRuntime, helpers: list[tuple[str, str, str, str | None]]) -> None:
    """Make the kiosk one of SITE and apply a helper change for each (staff number, name, state, PIN or None)."""
    with kiosk.sessions.begin() as session:
        device = session.get(Device, 1)
        assert device is not None
        device.site = SITE  # as enrolment at SITE leaves it
        handler = CountyChanges(kiosk)
        for seq, (staff_no, name, state, pin) in enumerate(helpers, start=1):
            change = {"staff_no": staff_no, "name": name, "sites": [SITE], "state": state, "version": 1}
            verifier = pin_verifier(pin) if pin is not None else None
            handler.apply_helper(
                session, HelperChange.model_validate({**change, "pin_verifier": verifier}), seq=seq
            )
