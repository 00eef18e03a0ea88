"""Sealed records and attachments from helper laptops, against a real county server (SQLite and PostgreSQL):
the county publishes its key, opens what was sealed to it, stores it opened and exactly once (a re-seal of
the same content is a duplicate), and rejects with a reason, storing nothing, what does not open."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sync.protocol.sealed_box import attachment_context, decode_public_key, record_context, seal_to
from tests.county.conftest import REPO_ROOT, CountyServer
from tests.county.factories import filing
from tests.county.test_attachments import send_chunk, status
from tests.county.test_push import push_ok, stored
from tests.support.county_process import run_county_cli
from tests.support.signed_client import SignedClient


def _county_key(server: CountyServer) -> bytes:
    printed = run_county_cli("sealing-key", database_url=server.database_url, cwd=REPO_ROOT)
    assert printed.returncode == 0, printed.stderr
    return decode_public_key(printed.stdout.strip())


def _sealed(record: dict[str, Any], key: bytes) -> dict[str, Any]:
    """The record as a laptop sends it: an empty payload and the payload sealed to `key`."""
    box = seal_to(
        key,
        json.dumps(record["payload"], ensure_ascii=False).encode(),
        context=record_context(record["id"], record["kind"]),
    )
    return {**record, "payload": {}, "sealed": base64.urlsafe_b64encode(box).rstrip(b"=").decode()}


def test_a_sealed_filing_is_opened_stored_once_and_a_reseal_is_a_duplicate(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    key = _county_key(county_server)
    assert _county_key(county_server) == key, "one key, kept"
    record = filing()
    first, again = _sealed(record, key), _sealed(record, key)
    assert first["sealed"] != again["sealed"], "every seal differs"
    assert [r["status"] for r in push_ok(enrolled, [first])] == ["accepted"]
    assert [r["status"] for r in push_ok(enrolled, [again, first])] == ["duplicate", "duplicate"]
    assert [r["status"] for r in push_ok(enrolled, [record])] == ["duplicate"], "the same content, unsealed"
    held = stored(county_server)
    assert list(held) == [record["id"]] and held[record["id"]]["payload"] == record["payload"]
    changed = _sealed({**record, "payload": {**record["payload"], "answers": {"x": "y"}}}, key)
    [conflict] = push_ok(enrolled, [changed])
    assert conflict["status"] == "rejected" and "different content" in conflict["reason"]


def test_a_sealed_record_that_does_not_open_is_rejected_and_nothing_is_stored(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    key = _county_key(county_server)
    other_county = decode_public_key(base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode())
    moved = _sealed(filing(), key)
    moved_to = filing()
    wrong_records = [
        _sealed(filing(), other_county),
        {**moved_to, "payload": {}, "sealed": moved["sealed"]},  # a box moved to another record id
        {**filing(), "payload": {}, "sealed": "AAAA"},
    ]
    results = push_ok(enrolled, wrong_records)
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert all("does not open" in r["reason"] for r in results)
    assert stored(county_server) == {}


def test_a_sealed_photo_is_opened_and_kept_as_the_file_itself(
    county_server: CountyServer, enrolled: SignedClient, tmp_path: Path
) -> None:
    key = _county_key(county_server)
    photo = os.urandom(300_000)
    sha = hashlib.sha256(photo).hexdigest()
    box = seal_to(key, photo, context=attachment_context(sha))
    started = enrolled.put(
        f"/v1/attachments/{sha}",
        json_body={"protocol": 1, "size": len(box), "media_type": "image/jpeg", "sealed": True},
    )
    assert started.status_code == 200, started.text
    assert send_chunk(enrolled, sha, 0, box[:200_000]).status_code == 200
    done = send_chunk(enrolled, sha, 200_000, box[200_000:])
    assert done.status_code == 200, done.text
    assert done.json() == {
        "protocol": 1,
        "sha256": sha,
        "size": len(photo),
        "received": len(photo),
        "complete": True,
    }
    assert status(enrolled, sha)["complete"]
    audit_copy = tmp_path / "photo.jpg"
    printed = run_county_cli(
        "attachment", sha, "--output", str(audit_copy), database_url=county_server.database_url, cwd=REPO_ROOT
    )
    assert printed.returncode == 0, printed.stderr
    assert audit_copy.read_bytes() == photo, "the county keeps the photo itself, not the box"


def test_a_sealed_photo_that_does_not_open_is_discarded_with_its_own_error(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    photo = b"a photo sealed to another county"
    sha = hashlib.sha256(photo).hexdigest()
    box = seal_to(os.urandom(32), photo, context=attachment_context(sha))
    body = {"protocol": 1, "size": len(box), "media_type": "image/jpeg", "sealed": True}
    assert enrolled.put(f"/v1/attachments/{sha}", json_body=body).status_code == 200
    refused = send_chunk(enrolled, sha, 0, box)
    assert refused.status_code == 422 and refused.json()["error"] == "sealed_attachment_unopenable"
    assert status(enrolled, sha) == {
        "protocol": 1,
        "sha256": sha,
        "size": len(box),
        "received": 0,
        "complete": False,
    }


def test_the_county_publishes_its_key_in_the_config_and_set_config_cannot_change_it(
    county_server: CountyServer,
) -> None:
    key = _county_key(county_server)
    refused = run_county_cli(
        "set-config", "sealing_public_key=" + "A" * 43, database_url=county_server.database_url, cwd=REPO_ROOT
    )
    assert refused.returncode == 2 and "unknown setting" in refused.stderr
    changed = run_county_cli(
        "set-config", "batch_size=50", database_url=county_server.database_url, cwd=REPO_ROOT
    )
    assert changed.returncode == 0, changed.stderr
    assert decode_public_key(json.loads(changed.stdout)["sealing_public_key"]) == key
