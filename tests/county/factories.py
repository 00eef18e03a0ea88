"""Builders of valid protocol v1 records and push bodies for county tests."""

from __future__ import annotations

import gzip
import json
import uuid
from typing import Any

DEVICE_ID = "kiosk-test-0001"


def new_id() -> str:
    """A fresh canonical record id."""
    return str(uuid.uuid4())


def filing_payload(record_id: str, **changes: Any) -> dict[str, Any]:
    """A valid filing payload for ``record_id``, with ``changes`` applied."""
    payload: dict[str, Any] = {
        "id": record_id,
        "service_code": "HUKOU-01",
        "service_version": 3,
        "device_id": DEVICE_ID,
        "device_seq": 17,
        "created_at": "2024-05-01T09:30:00+08:00",
        "channel": "self",
        "voucher_code": "A1B2C3D4E5F6",
        "applicant": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
        "answers": {"reason": "新生儿落户", "address": "幸福镇1号"},
    }
    payload.update(changes)
    return payload


def rating_payload(record_id: str, filing_id: str, **changes: Any) -> dict[str, Any]:
    """A valid rating payload for ``record_id`` about ``filing_id``."""
    payload: dict[str, Any] = {
        "id": record_id,
        "filing_id": filing_id,
        "level": 5,
        "reasons": ["办事快"],
        "comment": "很满意",
        "callback_phone": None,
    }
    payload.update(changes)
    return payload


def filing(record_id: str | None = None, **changes: Any) -> dict[str, Any]:
    """An outbox record of kind filing."""
    record_id = record_id or new_id()
    return {"id": record_id, "kind": "filing", "payload": filing_payload(record_id, **changes)}


def rating(record_id: str | None = None, *, filing_id: str | None = None, **changes: Any) -> dict[str, Any]:
    """An outbox record of kind rating."""
    record_id = record_id or new_id()
    return {
        "id": record_id,
        "kind": "rating",
        "payload": rating_payload(record_id, filing_id or new_id(), **changes),
    }


def push_body(
    records: list[dict[str, Any]], *, device_id: str = DEVICE_ID, protocol: Any = 1
) -> dict[str, Any]:
    """A PushRequest body."""
    return {"protocol": protocol, "device_id": device_id, "records": records}


def gzip_json(document: Any) -> bytes:
    """``document`` as gzip-compressed UTF-8 JSON."""
    return gzip.compress(json.dumps(document, ensure_ascii=False).encode("utf-8"))


EVIDENCE_SHA256 = "5" * 64


def assisted(staff_no: str, *, method: str = "signature", consent_at: str | None = None) -> dict[str, Any]:
    """The ``assisted`` part of a filing by helper ``staff_no`` (evidence: ``EVIDENCE_SHA256``, or a witness)."""
    part: dict[str, Any] = {
        "helper_staff_no": staff_no,
        "consent_method": method,
        "consent_at": consent_at or "2024-05-01T09:25:00+08:00",
    }
    if method == "oral_witnessed":
        part["consent_witness"] = "王村长"
    else:
        part["consent_evidence_sha256"] = EVIDENCE_SHA256
    return part


def assisted_filing(
    staff_no: str, *, method: str = "signature", created_at: str = "2024-05-01T09:30:00+08:00", **changes: Any
) -> dict[str, Any]:
    """An outbox record of an assisted filing (帮办) by helper ``staff_no``, made at ``created_at``."""
    part = assisted(staff_no, method=method)
    attachments = [part["consent_evidence_sha256"]] if "consent_evidence_sha256" in part else []
    return filing(
        channel="assisted", assisted=part, created_at=created_at, attachments=attachments, **changes
    )
