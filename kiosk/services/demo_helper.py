"""A demo village helper for screenshots and demonstrations on a kiosk the county has not enrolled: as if pulled
(staff number DEMO-01, a PIN chosen here), never sent anywhere; a county's pull replaces or forgets it."""

from __future__ import annotations

import json
import secrets

from db.models import HelperAccount
from kiosk.domain.staff_pin import SALT_BYTES, hash_pin
from kiosk.services.runtime import KioskRuntime

DEMO_STAFF_NO = "DEMO-01"
DEMO_NAME = "李桂兰"


def ensure_demo_helper(kiosk: KioskRuntime, pin: str) -> str:
    """Hold the demo helper with `pin` (its failures cleared); return their staff number."""
    hashed = hash_pin(pin, salt=secrets.token_bytes(SALT_BYTES))
    with kiosk.sessions.begin() as session:
        row = session.get(HelperAccount, DEMO_STAFF_NO) or HelperAccount(staff_no=DEMO_STAFF_NO, version=0)
        row.name, row.sites_json, row.state = DEMO_NAME, json.dumps(["demo"]), "active"
        row.scrypt_n, row.scrypt_r, row.scrypt_p = hashed.n, hashed.r, hashed.p
        row.salt, row.pin_hash = hashed.salt, hashed.digest
        row.failed_attempts, row.locked_until = 0, None
        row.updated_at = kiosk.clock().isoformat()
        session.merge(row)
    return DEMO_STAFF_NO
