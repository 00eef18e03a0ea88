"""Unit tests of the pure protocol models and helpers in ``sync.protocol``."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from sync.protocol import (
    FilingPayload,
    OutboxRecord,
    PushRequest,
    PushResponse,
    RatingPayload,
    canonical_json,
    content_hash,
    parse_signed_headers,
    payload_rejection,
    sign_request,
    signature_is_valid,
)
from tests.county.factories import filing, filing_payload, new_id, rating, rating_payload


def test_content_hash_is_sha256_of_canonical_json() -> None:
    payload = {"b": "二", "a": [1, {"z": None, "y": True}]}
    expected_text = '{"kind":"filing","payload":{"a":[1,{"y":true,"z":null}],"b":"二"}}'
    assert canonical_json({"kind": "filing", "payload": payload}) == expected_text
    assert content_hash(kind="filing", payload=payload) == hashlib.sha256(expected_text.encode()).hexdigest()
    reordered = {"a": [1, {"y": True, "z": None}], "b": "二"}
    assert content_hash(kind="filing", payload=reordered) == content_hash(kind="filing", payload=payload)
    assert content_hash(kind="rating", payload=payload) != content_hash(kind="filing", payload=payload)


def test_valid_payloads_parse() -> None:
    record_id = new_id()
    assert FilingPayload.model_validate(filing_payload(record_id)).id == record_id
    assert RatingPayload.model_validate(rating_payload(record_id, new_id())).level == 5
    assert FilingPayload.model_validate(filing_payload(record_id, created_at="2024-05-01T01:30:00Z"))


@pytest.mark.parametrize(
    "changes",
    [
        {"service_code": "x" * 33},
        {"service_version": 0},
        {"service_version": "3"},
        {"device_seq": 1.0},
        {"device_id": ""},
        {"created_at": "yesterday"},
        {"created_at": "2024-05-01T09:30:00"},
        {"channel": "web"},
        {"voucher_code": "A1B2C3D4E5F"},
        {"voucher_code": "a1b2c3d4e5f6"},
        {"applicant": {"name": "", "id_number": "", "phone": ""}},
        {"applicant": {"name": "李四", "id_number": "1" * 19, "phone": ""}},
        {"applicant": {"name": "李四", "id_number": "", "phone": "1" * 21}},
        {"applicant": {"name": "李四", "id_number": "", "phone": "", "age": "30"}},
        {"answers": {f"q{i}": "a" for i in range(51)}},
        {"answers": {"q": "a" * 2001}},
        {"answers": {"q": 1}},
        {"unexpected": 1},
    ],
)
def test_invalid_filing_payloads(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        FilingPayload.model_validate(filing_payload(new_id(), **changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"level": 0},
        {"level": 6},
        {"level": True},
        {"reasons": ["r"] * 11},
        {"reasons": ["r" * 101]},
        {"comment": "评" * 301},
        {"callback_phone": "1" * 21},
        {"filing_id": "nope"},
    ],
)
def test_invalid_rating_payloads(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        RatingPayload.model_validate({**rating_payload(new_id(), new_id()), **changes})


def test_payload_rejection_reasons() -> None:
    assert payload_rejection(OutboxRecord.model_validate(filing())) is None
    assert payload_rejection(OutboxRecord.model_validate(rating())) is None
    record = filing(applicant={"name": "王" * 60, "id_number": "", "phone": ""})
    reason = payload_rejection(OutboxRecord.model_validate(record))
    assert reason is not None
    assert reason.startswith("invalid filing payload: applicant.name:")
    assert "王" not in reason
    swapped = filing()
    swapped["payload"]["id"] = new_id()
    assert payload_rejection(OutboxRecord.model_validate(swapped)) == "payload id does not match record id"
    # A rating payload sent as a filing is rejected, not crashed on.
    wrong_kind = {**rating(), "kind": "filing"}
    assert "invalid filing payload" in (payload_rejection(OutboxRecord.model_validate(wrong_kind)) or "")


def test_envelopes_ignore_unknown_keys_and_bound_batches() -> None:
    request = PushRequest.model_validate({"protocol": 1, "device_id": "k", "records": [filing()], "later": 1})
    assert request.protocol == 1 and len(request.records) == 1
    with pytest.raises(ValidationError):
        PushRequest.model_validate({"device_id": "k", "records": []})
    with pytest.raises(ValidationError):
        PushRequest.model_validate({"device_id": "k", "records": [filing()] * 501})
    response = PushResponse.model_validate({"protocol": 1, "results": [{"id": "x", "status": "duplicate"}]})
    assert response.results[0].reason is None
    with pytest.raises(ValidationError):
        PushResponse.model_validate({"protocol": 2, "results": []})


def test_parse_signed_headers_accepts_what_sign_request_makes_and_nothing_malformed() -> None:
    key = Ed25519PrivateKey.generate()
    headers = sign_request(
        key, method="POST", path="/v1/push", query="", body=b"{}", device_id="d", timestamp=7
    )
    parts = parse_signed_headers(headers)
    assert parts is not None and parts.timestamp == 7 and parts.device_id == "d"
    assert signature_is_valid(key.public_key(), parts, method="POST", path="/v1/push", query="", body=b"{}")
    signature, digest = headers["X-Bianmin-Signature"], headers["X-Bianmin-Content-SHA256"]
    for name, value in [
        ("X-Bianmin-Signature", "not base64 at all!"),
        ("X-Bianmin-Signature", signature[:-1]),
        ("X-Bianmin-Signature", signature + "=="),
        ("X-Bianmin-Signature", signature[:-1] + "+"),
        ("X-Bianmin-Content-SHA256", digest[:-1]),
        ("X-Bianmin-Content-SHA256", digest[:-1] + "/"),
        ("X-Bianmin-Nonce", "!" * 22),
        ("X-Bianmin-Nonce", "a" * 15),
        ("X-Bianmin-Timestamp", "\u00b2"),
        ("X-Bianmin-Timestamp", "1e3"),
        ("X-Bianmin-Device", ""),
    ]:
        assert parse_signed_headers({**headers, name: value}) is None, (name, value)
