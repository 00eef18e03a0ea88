"""Enrolment: one-time codes from the CLI, POST /v1/enrol and every refusal of PROTOCOL.md."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from county.db import create_county_engine
from county.enrolment import CROCKFORD_ALPHABET, code_digest, new_code, normalise_code
from county.models import EnrolmentCode
from tests.county.conftest import CountyServer
from tests.support.county_process import run_county_cli
from tests.support.signed_client import (
    DeviceSigner,
    enrol_request,
    new_device_id,
    new_enrolment_code,
)

TIMEOUT = 30
CODE_FORMAT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def refusal(response: requests.Response, status: int, error: str) -> dict[str, Any]:
    """Check an ErrorResponse with both messages."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error"] == error
    assert body["message_zh"] and body["message_en"]
    assert response.headers["X-Bianmin-Server-Time"].isdigit()
    return body


def test_codes_are_crockford_and_normalised() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(CODE_FORMAT.match(code) for code in codes)
    assert len(CROCKFORD_ALPHABET) == 32 and not set("ILOU") & set(CROCKFORD_ALPHABET)
    assert normalise_code("abcd-efgh-jkmn") == "ABCDEFGHJKMN"
    assert normalise_code(" ab cd\tef-gh jkmn ") == "ABCDEFGHJKMN"
    assert normalise_code("0O1I-L000-0000") == "00111000" + "0000"
    for bad in ("ABCD-EFGH-JKM", "ABCD-EFGH-JKMNP", "ABCD-EFGH-JKMU", "ABCD_EFGH_JKMN", "ＡＢＣＤ-EFGH-JKMN"):
        assert normalise_code(bad) is None, bad
    assert code_digest("ABCDEFGHJKMN") == code_digest(normalise_code("abcd efgh jkmn") or "")


def test_enrol_answers_site_config_and_server_time(county_server: CountyServer) -> None:
    code = new_enrolment_code(database_url=county_server.database_url, site="青山镇便民服务中心")
    assert CODE_FORMAT.match(code)
    key, device_id = Ed25519PrivateKey.generate(), new_device_id()
    typed = code.lower().replace("-", " ")  # hyphens, spaces and case are ignored
    response = enrol_request(county_server.base_url, code=typed, device_id=device_id, private_key=key)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["protocol"] == 1 and body["device_id"] == device_id and body["site"] == "青山镇便民服务中心"
    assert body["config"]["push_interval_s"] == 60
    assert abs(body["server_time"] - time.time()) < 30
    assert int(response.headers["X-Bianmin-Server-Time"]) == pytest.approx(body["server_time"], abs=2)
    signer = DeviceSigner(key, device_id)
    changes = requests.get(f"{county_server.base_url}/v1/changes", auth=signer, timeout=TIMEOUT)
    assert changes.status_code == 200, changes.text
    # The server stores only the code's hash.
    engine = create_county_engine(county_server.database_url)
    try:
        with Session(engine) as session:
            row = session.scalars(select(EnrolmentCode)).one()
        assert row.code_sha256 == code_digest(code.replace("-", ""))
        assert row.used_by_device == device_id and row.used_at is not None
    finally:
        engine.dispose()


def _expire(database_url: str) -> None:
    engine = create_county_engine(database_url)
    try:
        with Session(engine) as session, session.begin():
            past = datetime.now(UTC) - timedelta(seconds=1)
            session.execute(
                update(EnrolmentCode).where(EnrolmentCode.used_at.is_(None)).values(expires_at=past)
            )
    finally:
        engine.dispose()


def test_enrolment_refusals(county_server: CountyServer) -> None:
    base, database_url = county_server.base_url, county_server.database_url
    key, device_id = Ed25519PrivateKey.generate(), new_device_id()

    unknown = enrol_request(base, code="ZZZZ-ZZZZ-ZZZZ", device_id=device_id, private_key=key)
    assert "ZZZZ" not in refusal(unknown, 404, "enrolment_code_unknown")["message_en"]
    refusal(
        enrol_request(base, code="!!!!-????", device_id=device_id, private_key=key),
        404,
        "enrolment_code_unknown",
    )

    code = new_enrolment_code(database_url=database_url)
    assert enrol_request(base, code=code, device_id=device_id, private_key=key).status_code == 201
    # Used stays used, even for the device that used it (its answer may have been lost).
    refusal(enrol_request(base, code=code, device_id=device_id, private_key=key), 409, "enrolment_code_used")
    refusal(
        enrol_request(base, code=code, device_id=new_device_id(), private_key=key), 409, "enrolment_code_used"
    )

    expired = new_enrolment_code(database_url=database_url)
    _expire(database_url)
    refusal(
        enrol_request(base, code=expired, device_id=new_device_id(), private_key=key),
        410,
        "enrolment_code_expired",
    )

    # The same device id with another key: device_exists, and the code stays unused.
    fresh = new_enrolment_code(database_url=database_url)
    other_key = Ed25519PrivateKey.generate()
    refusal(enrol_request(base, code=fresh, device_id=device_id, private_key=other_key), 409, "device_exists")
    # The same device with its own key may enrol again with a new code (the first answer was lost).
    again = enrol_request(base, code=fresh, device_id=device_id, private_key=key, device_name="二号机")
    assert again.status_code == 201, again.text
    listed = run_county_cli("list-devices", database_url=database_url)
    assert [line for line in listed.stdout.splitlines() if device_id in line and "二号机" in line]

    # A revoked device cannot come back under the same id, whatever its key.
    assert run_county_cli("revoke-device", device_id, database_url=database_url).returncode == 0
    code = new_enrolment_code(database_url=database_url)
    refusal(enrol_request(base, code=code, device_id=device_id, private_key=key), 409, "device_exists")


def test_malformed_enrolments(county_server: CountyServer) -> None:
    base = county_server.base_url
    code = new_enrolment_code(database_url=county_server.database_url)
    key = Ed25519PrivateKey.generate()
    good = {
        "protocol": 1,
        "code": code,
        "device_id": new_device_id(),
        "public_key": "!" * 43,  # the right length, but not base64url of 32 bytes
        "device_name": "一号机",
        "app_version": "0.1.0",
    }
    refusal(requests.post(f"{base}/v1/enrol", json=good, timeout=TIMEOUT), 422, "invalid_public_key")
    for changes in (
        {"device_name": "一号\x00机"},
        {"device_id": "kiosk\x07"},
        {"app_version": "0.1\n"},
        {"device_id": ""},
        {"code": "abc"},
        {"public_key": "x" * 45},
    ):
        response = requests.post(f"{base}/v1/enrol", json={**good, **changes}, timeout=TIMEOUT)
        refusal(response, 422, response.json()["error"])
    for protocol in (2, "1", None):
        response = requests.post(f"{base}/v1/enrol", json={**good, "protocol": protocol}, timeout=TIMEOUT)
        assert response.status_code == 426, response.text
    # None of these used the code up.
    valid = enrol_request(base, code=code, device_id=new_device_id(), private_key=key)
    assert valid.status_code == 201, valid.text


def test_one_code_enrols_one_device_under_concurrency(county_server: CountyServer) -> None:
    code = new_enrolment_code(database_url=county_server.database_url)
    racers = 6
    barrier = threading.Barrier(racers)
    codes: list[int] = []
    lock = threading.Lock()

    def race() -> None:
        key = Ed25519PrivateKey.generate()
        barrier.wait(timeout=TIMEOUT)
        response = enrol_request(
            county_server.base_url, code=code, device_id=new_device_id(), private_key=key
        )
        with lock:
            codes.append(response.status_code)

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * TIMEOUT)
    assert sorted(codes) == [201] + [409] * (racers - 1)
    listed = run_county_cli("list-devices", database_url=county_server.database_url)
    assert len(listed.stdout.splitlines()) == 1
