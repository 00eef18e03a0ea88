"""Personal data is sealed with AES-GCM under a private key file, bound to record and field."""

import os
import stat
from pathlib import Path

import pytest

from db.errors import StoreError
from db.pii import PiiCipher


def test_round_trip_keeps_rare_characters(tmp_path: Path) -> None:
    cipher = PiiCipher.load_or_create(tmp_path / "keys" / "pii.key")
    name = "王𠈌䶮𪚥"
    blob = cipher.encrypt(record_id="r1", field="name", plaintext=name)
    assert name.encode() not in blob
    assert cipher.decrypt(record_id="r1", field="name", blob=blob) == name


def test_ciphertext_moved_to_another_record_or_field_does_not_open(tmp_path: Path) -> None:
    cipher = PiiCipher.load_or_create(tmp_path / "pii.key")
    blob = cipher.encrypt(record_id="r1", field="name", plaintext="张三")
    with pytest.raises(StoreError):
        cipher.decrypt(record_id="r2", field="name", blob=blob)
    with pytest.raises(StoreError):
        cipher.decrypt(record_id="r1", field="phone", blob=blob)
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(StoreError):
        cipher.decrypt(record_id="r1", field="name", blob=tampered)


def test_key_file_is_private_and_reused(tmp_path: Path) -> None:
    key_path = tmp_path / "keys" / "pii.key"
    first = PiiCipher.load_or_create(key_path)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_path.parent.stat().st_mode) == 0o700
    blob = first.encrypt(record_id="r", field="f", plaintext="x")
    assert PiiCipher.load_or_create(key_path).decrypt(record_id="r", field="f", blob=blob) == "x"


def test_a_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    key_path = tmp_path / "pii.key"
    PiiCipher.load_or_create(key_path)
    os.chmod(key_path, 0o644)
    with pytest.raises(StoreError) as info:
        PiiCipher.load_or_create(key_path)
    assert "权限" in info.value.zh and "0600" in info.value.en


def test_a_truncated_key_is_refused(tmp_path: Path) -> None:
    key_path = tmp_path / "pii.key"
    PiiCipher.load_or_create(key_path)
    key_path.write_bytes(b"short")
    with pytest.raises(StoreError):
        PiiCipher.load_or_create(key_path)


def test_a_truncated_blob_is_refused_not_crashed_on(tmp_path: Path) -> None:
    cipher = PiiCipher.load_or_create(tmp_path / "pii.key")
    for blob in (b"", b"\x01", b"\x01short", b"\x02" + bytes(40)):
        with pytest.raises(StoreError):
            cipher.decrypt(record_id="r", field="f", blob=blob)
