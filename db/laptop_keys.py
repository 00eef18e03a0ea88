"""A helper laptop's personal-data keys: never on disk in the clear, each wrapped under its helper's PIN.

Each helper has their own 32-byte data key on a laptop, made at their first unlock there. It is kept only
wrapped: AES-GCM under a key derived from the PIN with scrypt and a salt of its own (never the salt or the
output of the PIN verifier, which every kiosk of the site holds), the staff number as associated data. The
wraps live in one JSON file (`Settings.laptop_key_wraps_path`, 0600); the unwrapped key lives only in memory,
in the store's `LockableCipher`, while its helper is signed in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from db.errors import StoreError
from db.pii import KEY_BYTES, PiiCipher
from db.private_files import write_private_file

WRAP_FORMAT = 1
WRAP_SCRYPT_N = 2**15
WRAP_SCRYPT_R = 8
WRAP_SCRYPT_P = 1
_SALT_BYTES = 16
_NONCE_BYTES = 12
_KDF_LABEL = b"bianmin helper laptop data key wrap v1\x00"
_MAX_MEMORY = 256 * 1024 * 1024

LOCKED = StoreError(
    "本机已锁定：请帮办员先登录，才能查看或办理群众的资料",
    "This laptop is locked: a helper must sign in before residents' data can be read or filed",
)


@dataclass(frozen=True, slots=True)
class KeyWrap:
    """One helper's data key, wrapped under their PIN; `verifier_salt` tells which PIN it was made under."""

    staff_no: str
    salt: bytes
    n: int
    r: int
    p: int
    nonce: bytes
    wrapped: bytes
    verifier_salt: bytes


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _wrapping_key(pin: str, *, salt: bytes, n: int, r: int, p: int) -> AESGCM:
    """scrypt over a labelled PIN with the wrap's own salt: unrelated to the public PIN verifier."""
    derived = hashlib.scrypt(
        _KDF_LABEL + pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=KEY_BYTES
    )
    return AESGCM(derived)


def wrap_data_key(data_key: bytes, *, staff_no: str, pin: str, verifier_salt: bytes) -> KeyWrap:
    """Wrap `data_key` for one helper under their PIN."""
    salt, nonce = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_NONCE_BYTES)
    aead = _wrapping_key(pin, salt=salt, n=WRAP_SCRYPT_N, r=WRAP_SCRYPT_R, p=WRAP_SCRYPT_P)
    wrapped = aead.encrypt(nonce, data_key, staff_no.encode("utf-8"))
    return KeyWrap(staff_no, salt, WRAP_SCRYPT_N, WRAP_SCRYPT_R, WRAP_SCRYPT_P, nonce, wrapped, verifier_salt)


def unwrap_data_key(wrap: KeyWrap, pin: str) -> bytes | None:
    """The data key when `pin` is the one it was wrapped under, else None."""
    aead = _wrapping_key(pin, salt=wrap.salt, n=wrap.n, r=wrap.r, p=wrap.p)
    try:
        key = aead.decrypt(wrap.nonce, wrap.wrapped, wrap.staff_no.encode("utf-8"))
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


def read_key_wraps(path: Path) -> dict[str, KeyWrap]:
    """Every helper's wrap on this laptop (none before the first unlock); a damaged file raises StoreError."""
    if not path.exists():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != WRAP_FORMAT:
            raise ValueError("format")
        return {
            staff_no: KeyWrap(
                staff_no=staff_no,
                salt=_unb64(item["salt"]),
                n=int(item["n"]),
                r=int(item["r"]),
                p=int(item["p"]),
                nonce=_unb64(item["nonce"]),
                wrapped=_unb64(item["wrapped"]),
                verifier_salt=_unb64(item["verifier_salt"]),
            )
            for staff_no, item in document["wraps"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise StoreError(
            f"帮办员密钥文件 {path.name} 已损坏", f"The helpers' key file {path.name} is damaged"
        ) from None


def write_key_wraps(path: Path, wraps: dict[str, KeyWrap]) -> None:
    """Write every wrap durably, 0600 in a 0700 directory."""
    document = {
        "format": WRAP_FORMAT,
        "wraps": {
            wrap.staff_no: {
                "salt": _b64(wrap.salt),
                "n": wrap.n,
                "r": wrap.r,
                "p": wrap.p,
                "nonce": _b64(wrap.nonce),
                "wrapped": _b64(wrap.wrapped),
                "verifier_salt": _b64(wrap.verifier_salt),
            }
            for wrap in sorted(wraps.values(), key=lambda item: item.staff_no)
        },
    }
    write_private_file(path, json.dumps(document, indent=1).encode("utf-8"))


def new_data_key() -> bytes:
    """A fresh random data key."""
    return secrets.token_bytes(KEY_BYTES)


class LockableCipher(PiiCipher):
    """A helper laptop's PiiCipher: its key is in memory only while its helper is signed in.

    Locked, every encrypt and decrypt raises StoreError (LOCKED). It also tells the outbox to seal payloads
    to the county (`seals_for_county`), so sync sends them without any key of its own.
    """

    seals_for_county = True

    def __init__(self) -> None:  # no key until a helper unlocks it
        self._inner: PiiCipher | None = None
        self.holder: str | None = None

    def unlock(self, key: bytes, *, staff_no: str) -> None:
        """Hold `staff_no`'s data key in memory."""
        self._inner, self.holder = PiiCipher(key), staff_no

    def lock(self) -> None:
        """Forget the data key."""
        self._inner, self.holder = None, None

    def is_unlocked(self) -> bool:
        """True while a helper's key is held."""
        return self._inner is not None

    def seal(self, *, record_id: str, field: str, data: bytes) -> bytes:
        """As PiiCipher.seal, with the signed-in helper's key; LOCKED when no helper is signed in."""
        if self._inner is None:
            raise LOCKED
        return self._inner.seal(record_id=record_id, field=field, data=data)

    def open(self, *, record_id: str, field: str, blob: bytes) -> bytes:
        """As PiiCipher.open, with the signed-in helper's key; LOCKED when no helper is signed in."""
        if self._inner is None:
            raise LOCKED
        return self._inner.open(record_id=record_id, field=field, blob=blob)
