"""AES-GCM encryption of personal data, keyed by a file outside the database readable only by its owner."""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from db.errors import StoreError
from db.private_files import read_private_file, write_private_file

KEY_BYTES = 32
SEAL_OVERHEAD = 1 + 12 + 16  # version byte, nonce, tag
NONCE_BYTES = 12
FORMAT_VERSION = b"\x01"
REMOVED = b""
"""What a personal-data column holds once retention removed its value: it never decrypts."""


class PiiCipher:
    """Encrypts one field of one record; the record id and field name are the associated data."""

    seals_for_county = False
    """True on a helper laptop (db.laptop_keys.LockableCipher): outbox payloads are sealed to the county."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("PII key must be 32 bytes")
        self._aead = AESGCM(key)

    @classmethod
    def load_or_create(cls, key_path: Path) -> PiiCipher:
        """Load the key file, creating it (mode 0600 in a 0700 directory) on first start."""
        if not key_path.exists():
            write_private_file(key_path, secrets.token_bytes(KEY_BYTES))
        key = read_private_file(key_path, size=KEY_BYTES)
        return cls(key)

    def is_unlocked(self) -> bool:
        """True when the key is at hand (a kiosk's always is; a laptop's only while a helper is signed in)."""
        return True

    @staticmethod
    def _aad(record_id: str, field: str) -> bytes:
        return f"{record_id}\x1f{field}".encode()

    def encrypt(self, *, record_id: str, field: str, plaintext: str) -> bytes:
        """Version byte + random nonce + ciphertext with tag."""
        return self.seal(record_id=record_id, field=field, data=plaintext.encode("utf-8"))

    def decrypt(self, *, record_id: str, field: str, blob: bytes) -> str:
        """Reverse of encrypt; a wrong key, record id, field or a tampered blob raises StoreError."""
        try:
            return self.open(record_id=record_id, field=field, blob=blob).decode("utf-8")
        except UnicodeDecodeError:
            raise _undecryptable() from None

    def seal(self, *, record_id: str, field: str, data: bytes) -> bytes:
        """Encrypt bytes (a photo of a document): version byte + random nonce + ciphertext with tag."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        return FORMAT_VERSION + nonce + self._aead.encrypt(nonce, data, self._aad(record_id, field))

    def open(self, *, record_id: str, field: str, blob: bytes) -> bytes:
        """Reverse of seal; a wrong key, record id, field or a tampered blob raises StoreError."""
        if blob[:1] != FORMAT_VERSION:
            raise StoreError("加密数据格式未知", "Unknown encrypted data format")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, self._aad(record_id, field))
        except (InvalidTag, ValueError):  # ValueError: truncated blob
            raise _undecryptable() from None


def _undecryptable() -> StoreError:
    return StoreError(
        "加密数据无法解密（密钥不符或数据被篡改）",
        "Encrypted data cannot be decrypted (wrong key or tampered data)",
    )
