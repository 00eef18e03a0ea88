"""AES-GCM encryption of personal data, keyed by a file outside the database readable only by its owner."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from db.errors import StoreError

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT_VERSION = b"\x01"


def _write_private_file(path: Path, data: bytes) -> None:
    """Write temp file, fsync, rename, fsync the directory: the key is either whole or absent."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path.parent, 0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class PiiCipher:
    """Encrypts one field of one record; the record id and field name are the associated data."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("PII key must be 32 bytes")
        self._aead = AESGCM(key)

    @classmethod
    def load_or_create(cls, key_path: Path) -> PiiCipher:
        """Load the key file, creating it (mode 0600 in a 0700 directory) on first start."""
        if not key_path.exists():
            _write_private_file(key_path, secrets.token_bytes(KEY_BYTES))
        mode = stat.S_IMODE(key_path.stat().st_mode)
        if mode & 0o077:
            raise StoreError(
                f"密钥文件 {key_path} 权限过宽（{oct(mode)}），只能由终端程序的用户读取",
                f"The key file {key_path} is readable by others ({oct(mode)}); it must be 0600",
            )
        key = key_path.read_bytes()
        if len(key) != KEY_BYTES:
            raise StoreError(
                f"密钥文件 {key_path} 已损坏",
                f"The key file {key_path} is damaged (wrong length)",
            )
        return cls(key)

    @staticmethod
    def _aad(record_id: str, field: str) -> bytes:
        return f"{record_id}\x1f{field}".encode()

    def encrypt(self, *, record_id: str, field: str, plaintext: str) -> bytes:
        """Version byte + random nonce + ciphertext with tag."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plaintext.encode("utf-8"), self._aad(record_id, field))
        return FORMAT_VERSION + nonce + sealed

    def decrypt(self, *, record_id: str, field: str, blob: bytes) -> str:
        """Reverse of encrypt; a wrong key, record id, field or a tampered blob raises StoreError."""
        if blob[:1] != FORMAT_VERSION:
            raise StoreError("加密数据格式未知", "Unknown encrypted data format")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, self._aad(record_id, field)).decode("utf-8")
        except (InvalidTag, ValueError):  # ValueError: truncated blob or bytes that are not UTF-8
            raise StoreError(
                "加密数据无法解密（密钥不符或数据被篡改）",
                "Encrypted data cannot be decrypted (wrong key or tampered data)",
            ) from None
