"""Enrolment: the device key (a file beside the database, never sent) and POST /v1/enrol with a one-time code.

The key is made once and kept: enrolling again (a new code after a lost answer, or after the county
revoked the kiosk) presents the same key, so the county sees the same device.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from db.errors import StoreError
from db.models import Device, SyncState
from db.private_files import read_private_file, write_private_file
from sync.errors import BadAnswerError, SyncError
from sync.protocol import (
    ENROL_PATH,
    ERROR_CODE_EXPIRED,
    ERROR_CODE_UNKNOWN,
    ERROR_CODE_USED,
    ERROR_DEVICE_EXISTS,
    CountyConfig,
    EnrolRequest,
    EnrolResponse,
    ErrorResponse,
    public_key_text,
)
from sync.transport import Transport

log = logging.getLogger(__name__)

DEVICE_KEY_BYTES = 32
_CODE_CHARS = re.compile(r"[0-9A-Z]{12}")

CODE_MALFORMED = "enrolment_code_malformed"  # found here, before asking the server

_REFUSALS = {
    CODE_MALFORMED: (
        "注册码格式不对：应为 12 位字母和数字，例如 ABCD-EFGH-JKMN",
        "The enrolment code is malformed: it has 12 letters and digits, like ABCD-EFGH-JKMN",
    ),
    ERROR_CODE_UNKNOWN: (
        "县级服务器不认识这个注册码，请核对后重新输入，或向县级中心索取新的注册码",
        "The county server does not know this enrolment code; check it, or ask the county centre for a new one",
    ),
    ERROR_CODE_USED: (
        "这个注册码已经用过了，请向县级中心索取新的注册码",
        "This enrolment code has already been used; ask the county centre for a new one",
    ),
    ERROR_CODE_EXPIRED: (
        "这个注册码已过期，请向县级中心索取新的注册码",
        "This enrolment code has expired; ask the county centre for a new one",
    ),
    ERROR_DEVICE_EXISTS: (
        "县级服务器上已有本终端编号的登记（密钥不同，或已被停用），请联系县级中心处理",
        "The county server already has this kiosk's id registered (with another key, or revoked); "
        "contact the county centre",
    ),
}


class EnrolmentRefusedError(SyncError):
    """The county refused the code (unknown, used, expired) or the device (registered with another key)."""

    def __init__(self, detail: str, *, error: str) -> None:
        self.error = error
        zh, en = _REFUSALS.get(
            error, ("县级服务器拒绝了注册请求", f"The county server refused the enrolment ({error})")
        )
        super().__init__(detail, zh=zh, en=en)


def normalise_code(code: str) -> str:
    """The code as the server reads it: hyphens, spaces and case ignored; a malformed code raises."""
    cleaned = re.sub(r"[\s-]", "", code).upper()
    if not _CODE_CHARS.fullmatch(cleaned):
        raise EnrolmentRefusedError("malformed code", error=CODE_MALFORMED)
    return cleaned


def load_device_key(path: Path) -> Ed25519PrivateKey:
    """The device's private key; StoreError when the file is missing, readable by others or damaged."""
    if not path.exists():
        raise StoreError(
            f"终端密钥文件 {path} 不存在，需要重新注册（kiosk-admin enrol）",
            f"The device key file {path} is missing; enrol the kiosk again (kiosk-admin enrol)",
        )
    return Ed25519PrivateKey.from_private_bytes(read_private_file(path, size=DEVICE_KEY_BYTES))


def load_or_create_device_key(path: Path) -> Ed25519PrivateKey:
    """The device key, made (mode 0600, written whole or not at all) the first time."""
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        write_private_file(path, key.private_bytes_raw())
        log.info("device key created")
    return load_device_key(path)


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What the county said when it enrolled this kiosk."""

    device_id: str
    site: str
    config: CountyConfig
    server_time: int


def enrol(
    transport: Transport,
    *,
    code: str,
    device_id: str,
    private_key: Ed25519PrivateKey,
    device_name: str,
    app_version: str,
) -> Enrolment:
    """POST /v1/enrol; refusals raise EnrolmentRefusedError, other problems the transport's errors."""
    request = EnrolRequest(
        code=normalise_code(code),
        device_id=device_id,
        public_key=public_key_text(private_key),
        device_name=device_name[:64] or device_id,
        app_version=app_version[:32],
    )
    answer = transport.call(
        "POST",
        ENROL_PATH,
        answers={201: EnrolResponse, 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse},
        json_body=request,
        signed=False,
    )
    if isinstance(answer.body, ErrorResponse):
        raise EnrolmentRefusedError(f"HTTP {answer.status} {answer.body.error}", error=answer.body.error)
    assert isinstance(answer.body, EnrolResponse)
    if answer.body.device_id != device_id:
        raise BadAnswerError("enrolment answer names another device")
    body = answer.body
    return Enrolment(
        device_id=body.device_id, site=body.site, config=body.config, server_time=body.server_time
    )


def record_enrolment(
    sessions: sessionmaker[Session],
    enrolment: Enrolment,
    *,
    server_url: str,
    public_key: str,
    clock_skew_s: float,
    now: datetime,
) -> None:
    """Store the enrolment on the device row; a halted sync and every channel's backoff start afresh."""
    stamp = now.isoformat(timespec="seconds")
    with sessions.begin() as session:
        device = session.get(Device, 1)
        if device is None:
            raise RuntimeError("device row missing")
        device.enrolled_at = stamp
        device.server_url = server_url
        device.site = enrolment.site[:100]
        device.public_key = public_key
        device.county_config_json = enrolment.config.model_dump_json()
        device.clock_skew_s = clock_skew_s
        device.skew_measured_at = stamp
        device.sync_halt = None
        device.sync_halt_at = None
        session.execute(delete(SyncState))
