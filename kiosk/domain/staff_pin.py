"""Staff PINs (the technician's, each village helper's): which are allowed, the salted scrypt hash, the lockout.

Decisions: 6–12 ASCII digits (the touch keypad has digits only); PINs anyone would try first (one digit
repeated, a run like 123456, a short block repeated, common keypad patterns) are refused. The hash keeps its
scrypt parameters so they can be raised later without breaking stored PINs. After MAX_FAILURES wrong PINs in
a row the PIN is locked for a while; a lock never lasts longer than that while from now, even if the clock
was set back.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from kiosk.domain.errors import ValidationError

MIN_PIN_LENGTH = 6
MAX_PIN_LENGTH = 12
MAX_FAILURES = 5
SALT_BYTES = 16
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_HASH_BYTES = 32
_SCRYPT_MAX_MEMORY = 256 * 1024 * 1024
_DIGITS = frozenset("0123456789")
_KEYPAD_PATTERNS = frozenset(
    {
        "112233",
        "123321",
        "147258",
        "147258369",
        "159357",
        "159753",
        "258369",
        "369258",
        "741852",
        "741852963",
        "789456",
        "789456123",
        "1314520",
        "5201314",
    }
)


@dataclass(frozen=True, slots=True)
class PinHash:
    """A salted scrypt hash of a PIN with the parameters it was made with."""

    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _is_run(pin: str) -> bool:
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    return steps in ({1}, {-1})


def _is_repeated_block(pin: str) -> bool:
    return any(pin == (pin[:size] * len(pin))[: len(pin)] for size in (1, 2, 3))


def check_new_pin(pin: str) -> str:
    """The PIN when it may be used; raises ValidationError (field "pin") saying why not."""
    if not isinstance(pin, str) or not pin or not set(pin) <= _DIGITS:
        raise ValidationError("密码只能由数字组成", "The PIN must be digits only.", field="pin")
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise ValidationError(
            f"密码应为 {MIN_PIN_LENGTH} 到 {MAX_PIN_LENGTH} 位数字",
            f"The PIN must have {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits.",
            field="pin",
        )
    if _is_repeated_block(pin) or _is_run(pin) or pin in _KEYPAD_PATTERNS:
        raise ValidationError(
            "密码过于简单（例如 000000、123456），请换一个不容易被猜到的密码",
            "This PIN is too easy to guess (like 000000 or 123456); please choose another one.",
            field="pin",
        )
    return pin


def hash_pin(pin: str, *, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> PinHash:
    """The scrypt hash of `pin` with `salt` (the caller supplies SALT_BYTES random bytes)."""
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAX_MEMORY, dklen=_HASH_BYTES
    )
    return PinHash(n=n, r=r, p=p, salt=salt, digest=digest)


def pin_matches(pin: str, stored: PinHash) -> bool:
    """True when `pin` hashes to `stored` (compared in constant time)."""
    candidate = hash_pin(pin, salt=stored.salt, n=stored.n, r=stored.r, p=stored.p)
    return hmac.compare_digest(candidate.digest, stored.digest)


def lock_in_force(locked_until: datetime | None, *, now: datetime, lockout: timedelta) -> datetime | None:
    """When the lock ends, or None when there is none (any more); a lock ends at most `lockout` after now."""
    if locked_until is None or now >= locked_until:
        return None
    return min(locked_until, now + lockout)


def after_wrong_pin(failures: int, *, now: datetime, lockout: timedelta) -> tuple[int, datetime | None]:
    """Failures in a row after one more wrong PIN, and when the lock that starts now ends (None: no lock)."""
    failures += 1
    if failures >= MAX_FAILURES:
        return failures, now + lockout
    return failures, None
