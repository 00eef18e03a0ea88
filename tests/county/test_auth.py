"""Signed-request verification against the real server: every refusal of PROTOCOL.md, in its order."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import SIGNED_HEADERS, new_nonce, parse_signed_headers, sign_request
from tests.county.conftest import REPO_ROOT, CountyServer
from tests.county.factories import DEVICE_ID, filing, push_body
from tests.support.county_process import list_county_records, run_county_cli
from tests.support.signed_client import DeviceSigner, SignedClient, enrol_device

TIMEOUT = 30
JSON = {"Content-Type": "application/json"}
SIGNED_ENDPOINTS = [
    ("POST", "/v1/push"),
    ("GET", "/v1/changes?after=0"),
    ("GET", f"/v1/attachments/{'a' * 64}"),
    ("PUT", f"/v1/attachments/{'a' * 64}"),
    ("PATCH", f"/v1/attachments/{'a' * 64}?offset=0"),
    ("POST", "/v1/heartbeat"),
    ("POST", "/v1/helpers/pin"),
]


def assert_auth_error(response: requests.Response, status: int, error: str) -> dict[str, Any]:
    """Check a 401/403 AuthErrorResponse: code, bilingual messages and a current server_time."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error"] == error
    assert body["message_zh"] and body["message_en"]
    assert abs(body["server_time"] - time.time()) < 30
    assert response.headers["X-Bianmin-Server-Time"].isdigit()
    return body


def signed(
    client: SignedClient,
    method: str,
    path_url: str,
    body: bytes = b"",
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
    key: Ed25519PrivateKey | None = None,
    device_id: str | None = None,
) -> dict[str, str]:
    """Signature headers for a request, with any part chosen by the test."""
    signer = DeviceSigner(key or client.private_key, device_id or client.device_id)
    headers = signer.headers_for(
        method=method, path_url=path_url, body=body, timestamp=timestamp, nonce=nonce
    )
    return {**JSON, **headers}


def push_bytes(records: list[dict[str, Any]] | None = None) -> bytes:
    """A valid PushRequest body for DEVICE_ID."""
    return json.dumps(push_body(records or [filing()])).encode()


def test_unsigned_requests_get_401_on_every_signed_endpoint(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    for method, path_url in SIGNED_ENDPOINTS:
        response = enrolled.send_raw(method, path_url, body=b"{}", headers=JSON)
        assert_auth_error(response, 401, "unsigned")
    complete = signed(enrolled, "POST", "/v1/push", push_bytes())
    for name in SIGNED_HEADERS:
        missing = {key: value for key, value in complete.items() if key != name}
        assert_auth_error(
            enrolled.send_raw("POST", "/v1/push", body=push_bytes(), headers=missing), 401, "unsigned"
        )
    malformed: list[tuple[str, str | bytes]] = [
        ("X-Bianmin-Timestamp", "12a"),
        ("X-Bianmin-Timestamp", "\u00b2".encode("latin-1")),  # isdigit() but not a number int() reads
        ("X-Bianmin-Timestamp", "1" * 13),
        ("X-Bianmin-Nonce", "short"),
        ("X-Bianmin-Signature", "not base64 at all!"),
        ("X-Bianmin-Device", "d" * 65),
    ]
    for name, value in malformed:
        headers: dict[str, Any] = {**complete, name: value}
        response = enrolled.send_raw("POST", "/v1/push", body=push_bytes(), headers=headers)
        assert_auth_error(response, 401, "unsigned")
    assert list_county_records(database_url=county_server.database_url, cwd=REPO_ROOT) == []


def test_unknown_device_bad_signature_and_tampering(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    stranger = Ed25519PrivateKey.generate()
    body = push_bytes()
    unknown = signed(enrolled, "POST", "/v1/push", body, key=stranger, device_id="kiosk-never-enrolled")
    assert_auth_error(
        enrolled.send_raw("POST", "/v1/push", body=body, headers=unknown), 401, "unknown_device"
    )

    wrong_key = signed(enrolled, "POST", "/v1/push", body, key=stranger)
    assert_auth_error(
        enrolled.send_raw("POST", "/v1/push", body=body, headers=wrong_key), 401, "signature_invalid"
    )

    headers = signed(enrolled, "POST", "/v1/push", body)
    tampered = body.replace(b'"self"', b'"assisted"')
    assert tampered != body
    response = enrolled.send_raw("POST", "/v1/push", body=tampered, headers=headers)
    assert_auth_error(response, 401, "signature_invalid")

    # The digest header rewritten to match the tampered body: the signature still covers the old digest.
    forged = {
        **headers,
        "X-Bianmin-Content-SHA256": signed(enrolled, "POST", "/v1/push", tampered)[
            "X-Bianmin-Content-SHA256"
        ],
    }
    assert_auth_error(
        enrolled.send_raw("POST", "/v1/push", body=tampered, headers=forged), 401, "signature_invalid"
    )

    changes = signed(enrolled, "GET", "/v1/changes?after=0")
    for other in ("/v1/changes?after=5", "/v1/changes"):
        assert_auth_error(enrolled.send_raw("GET", other, headers=changes), 401, "signature_invalid")
    attachment = f"/v1/attachments/{'a' * 64}"
    signed_as_put = signed(enrolled, "PUT", attachment)
    assert_auth_error(enrolled.send_raw("GET", attachment, headers=signed_as_put), 401, "signature_invalid")
    assert list_county_records(database_url=county_server.database_url, cwd=REPO_ROOT) == []


def test_stale_timestamps_in_both_directions(enrolled: SignedClient) -> None:
    now = int(time.time())
    for offset in (-400, 400, -10_000_000):
        headers = signed(enrolled, "GET", "/v1/changes?after=0", timestamp=now + offset)
        response = enrolled.send_raw("GET", "/v1/changes?after=0", headers=headers)
        assert_auth_error(response, 401, "stale_timestamp")
    for offset in (-280, 280):
        headers = signed(enrolled, "GET", "/v1/changes?after=0", timestamp=int(time.time()) + offset)
        assert enrolled.send_raw("GET", "/v1/changes?after=0", headers=headers).status_code == 200
    # A kiosk whose clock is wrong by an hour corrects its skew from server_time and succeeds.
    enrolled.signer.clock_offset_s = 3600
    body = assert_auth_error(enrolled.get("/v1/changes"), 401, "stale_timestamp")
    enrolled.signer.clock_offset_s = body["server_time"] - time.time()
    assert enrolled.get("/v1/changes").status_code == 200


def test_replayed_nonce_is_refused_and_failed_checks_do_not_burn_nonces(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    body = push_bytes()
    headers = signed(enrolled, "POST", "/v1/push", body)
    assert enrolled.send_raw("POST", "/v1/push", body=body, headers=headers).status_code == 200
    assert_auth_error(
        enrolled.send_raw("POST", "/v1/push", body=body, headers=headers), 401, "nonce_replayed"
    )
    # Same nonce, fresh signature and time: still a replay.
    again = signed(enrolled, "GET", "/v1/changes", nonce=headers["X-Bianmin-Nonce"])
    assert_auth_error(enrolled.send_raw("GET", "/v1/changes", headers=again), 401, "nonce_replayed")

    # A request refused earlier (bad signature) does not record its nonce.
    nonce = new_nonce()
    bad = signed(enrolled, "GET", "/v1/changes", nonce=nonce, key=Ed25519PrivateKey.generate())
    assert_auth_error(enrolled.send_raw("GET", "/v1/changes", headers=bad), 401, "signature_invalid")
    good = signed(enrolled, "GET", "/v1/changes", nonce=nonce)
    assert enrolled.send_raw("GET", "/v1/changes", headers=good).status_code == 200

    # Nonces belong to one device: another device may use the same one.
    with enrol_device(county_server.base_url, database_url=county_server.database_url) as other:
        reuse = signed(other, "GET", "/v1/changes", nonce=nonce)
        assert other.send_raw("GET", "/v1/changes", headers=reuse).status_code == 200


def test_concurrent_requests_with_one_nonce_pass_once(enrolled: SignedClient) -> None:
    senders = 8
    headers = signed(enrolled, "GET", "/v1/changes?after=0")
    barrier = threading.Barrier(senders)
    codes: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def send() -> None:
        barrier.wait(timeout=TIMEOUT)
        response = requests.get(f"{enrolled.base_url}/v1/changes?after=0", headers=headers, timeout=TIMEOUT)
        with lock:
            codes.append(response.status_code)
            if response.status_code != 200:
                errors.append(response.json()["error"])

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * TIMEOUT)
    assert sorted(codes) == [200] + [401] * (senders - 1)
    assert set(errors) == {"nonce_replayed"}


def test_revoked_device_gets_403_before_other_checks(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    assert enrolled.get("/v1/changes").status_code == 200
    revoked = run_county_cli("revoke-device", DEVICE_ID, database_url=county_server.database_url)
    assert revoked.returncode == 0, revoked.stderr
    for method, path_url in SIGNED_ENDPOINTS:
        body = push_bytes() if method in ("POST", "PUT") else b""
        response = enrolled.send_raw(
            method, path_url, body=body, headers=signed(enrolled, method, path_url, body)
        )
        assert_auth_error(response, 403, "device_revoked")
    stale = signed(enrolled, "GET", "/v1/changes", timestamp=int(time.time()) - 3600)
    assert_auth_error(enrolled.send_raw("GET", "/v1/changes", headers=stale), 403, "device_revoked")


def test_check_order_follows_the_protocol_table(enrolled: SignedClient) -> None:
    stranger = Ed25519PrivateKey.generate()
    old = int(time.time()) - 3600
    # unknown device beats a stale timestamp; a stale timestamp beats a bad signature.
    unknown_and_stale = signed(
        enrolled, "GET", "/v1/changes", timestamp=old, device_id="nobody-here", key=stranger
    )
    assert_auth_error(
        enrolled.send_raw("GET", "/v1/changes", headers=unknown_and_stale), 401, "unknown_device"
    )
    stale_and_bad = signed(enrolled, "GET", "/v1/changes", timestamp=old, key=stranger)
    assert_auth_error(enrolled.send_raw("GET", "/v1/changes", headers=stale_and_bad), 401, "stale_timestamp")
    # A bad signature beats a replayed nonce.
    used = signed(enrolled, "GET", "/v1/changes")
    assert enrolled.send_raw("GET", "/v1/changes", headers=used).status_code == 200
    bad_and_replayed = signed(enrolled, "GET", "/v1/changes", nonce=used["X-Bianmin-Nonce"], key=stranger)
    assert_auth_error(
        enrolled.send_raw("GET", "/v1/changes", headers=bad_and_replayed), 401, "signature_invalid"
    )


def test_device_id_in_body_must_be_the_signer(county_server: CountyServer, enrolled: SignedClient) -> None:
    other_device = push_body([filing()], device_id="kiosk-someone-else")
    assert_auth_error(enrolled.post("/v1/push", json_body=other_device), 403, "device_mismatch")
    heartbeat = {
        "protocol": 1,
        "device_id": "kiosk-someone-else",
        "sent_at": "2024-05-01T09:30:00+08:00",
        "app_version": "0.1.0",
        "queue_depth": 0,
        "free_disk_bytes": 1,
        "clock_skew_s": 0.0,
    }
    assert_auth_error(enrolled.post("/v1/heartbeat", json_body=heartbeat), 403, "device_mismatch")
    # A filing whose payload names another device is rejected on its own; the batch goes on.
    foreign, own = filing(device_id="kiosk-someone-else"), filing()
    results = enrolled.post("/v1/push", json_body=push_body([foreign, own])).json()["results"]
    assert [result["status"] for result in results] == ["rejected", "accepted"]
    assert results[0]["reason"] == "payload device_id is not the pushing device"
    stored = list_county_records(database_url=county_server.database_url, cwd=REPO_ROOT)
    assert [record["id"] for record in stored] == [own["id"]]


@pytest.mark.parametrize("timestamp", ["\u00b2", "\u0661\u0662", "+12", " 12", "-5"])
def test_parse_signed_headers_refuses_non_ascii_or_signed_numbers(timestamp: str) -> None:
    key = Ed25519PrivateKey.generate()
    headers = sign_request(
        key, method="GET", path="/v1/changes", query="", body=b"", device_id="d", timestamp=1
    )
    assert parse_signed_headers(headers) is not None
    assert parse_signed_headers({**headers, "X-Bianmin-Timestamp": timestamp}) is None
