"""End-to-end push tests against a real county server process (SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
import json
import threading
from typing import Any

import requests

from sync.protocol import MAX_BODY_BYTES, PROTOCOL_VERSION, content_hash
from tests.county.conftest import REPO_ROOT, CountyServer
from tests.county.factories import DEVICE_ID, filing, gzip_json, new_id, push_body, rating
from tests.support.county_process import list_county_records

TIMEOUT = 30


def post_push(server: CountyServer, body: Any, *, gzipped: bool = False) -> requests.Response:
    """POST ``body`` to /v1/push as JSON, optionally gzip-encoded."""
    url = f"{server.base_url}/v1/push"
    if gzipped:
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return requests.post(url, data=gzip_json(body), headers=headers, timeout=TIMEOUT)
    return requests.post(url, json=body, timeout=TIMEOUT)


def push_ok(server: CountyServer, records: list[dict[str, Any]], **kwargs: Any) -> list[dict[str, Any]]:
    """Push ``records`` and return the results, checking the response envelope."""
    response = post_push(server, push_body(records), **kwargs)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["protocol"] == PROTOCOL_VERSION
    assert [result["id"] for result in body["results"]] == [record["id"] for record in records]
    results: list[dict[str, Any]] = body["results"]
    return results


def statuses(results: list[dict[str, Any]]) -> list[str]:
    """The status of each result."""
    return [result["status"] for result in results]


def stored(server: CountyServer, **kwargs: Any) -> dict[str, dict[str, Any]]:
    """Stored records by id, via ``county-server list-records``."""
    records = list_county_records(database_url=server.database_url, cwd=REPO_ROOT, **kwargs)
    by_id = {record["id"]: record for record in records}
    assert len(by_id) == len(records), "list-records printed an id twice"
    return by_id


def test_health(county_server: CountyServer) -> None:
    response = requests.get(f"{county_server.base_url}/v1/health", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json() == {"protocol": 1, "status": "ok"}


def test_plain_push_is_accepted_and_listed(county_server: CountyServer) -> None:
    first, second = filing(), filing(answers={})
    vote = rating(filing_id=first["id"], level=2, reasons=[], callback_phone="13900000000")
    results = push_ok(county_server, [first, second, vote])
    assert statuses(results) == ["accepted"] * 3
    assert all(result["reason"] is None for result in results)

    records = stored(county_server)
    assert set(records) == {first["id"], second["id"], vote["id"]}
    for sent in (first, second, vote):
        row = records[sent["id"]]
        assert row["kind"] == sent["kind"]
        assert row["device_id"] == DEVICE_ID
        assert row["payload"] == sent["payload"]
        assert row["content_hash"] == content_hash(kind=sent["kind"], payload=sent["payload"])
        assert row["received_at"].endswith("+00:00")
    assert set(stored(county_server, kind="rating")) == {vote["id"]}
    assert set(stored(county_server, kind="filing")) == {first["id"], second["id"]}


def test_gzip_push_and_resend_is_duplicate(county_server: CountyServer) -> None:
    records = [filing(), rating()]
    assert statuses(push_ok(county_server, records, gzipped=True)) == ["accepted", "accepted"]
    # The kiosk lost the response and resends: same content, plain this time, key order shuffled.
    resent = [{**record, "payload": dict(reversed(record["payload"].items()))} for record in records]
    assert statuses(push_ok(county_server, resent)) == ["duplicate", "duplicate"]
    assert statuses(push_ok(county_server, records, gzipped=True)) == ["duplicate", "duplicate"]
    assert set(stored(county_server)) == {record["id"] for record in records}


def test_same_id_with_other_content_is_rejected_and_store_unchanged(county_server: CountyServer) -> None:
    original = filing()
    push_ok(county_server, [original])
    changed = filing(original["id"], device_seq=18)
    results = push_ok(county_server, [changed])
    assert statuses(results) == ["rejected"]
    assert "different content" in results[0]["reason"]
    assert stored(county_server)[original["id"]]["payload"] == original["payload"]


def test_invalid_payloads_are_rejected_per_record(county_server: CountyServer) -> None:
    good = filing()
    too_long_name = filing(applicant={"name": "张" * 51, "id_number": "", "phone": ""})
    extra_key = filing(secret="x")
    bad_voucher = filing(voucher_code="abc")
    naive_time = filing(created_at="2024-05-01T09:30:00")
    bad_level = rating(level=6)
    bool_level = rating(level=True)
    mismatched = filing()
    mismatched["payload"]["id"] = new_id()
    batch = [good, too_long_name, extra_key, bad_voucher, naive_time, bad_level, bool_level, mismatched]

    results = push_ok(county_server, batch)
    assert statuses(results) == ["accepted"] + ["rejected"] * 7
    reasons = [result["reason"] for result in results[1:]]
    assert "applicant.name" in reasons[0]
    assert "secret" in reasons[1]
    assert "voucher_code" in reasons[2]
    assert "created_at" in reasons[3] and "offset" in reasons[3]
    assert "level" in reasons[4]
    assert "level" in reasons[5]
    assert reasons[6] == "payload id does not match record id"
    assert "张张" not in "".join(reasons), "reasons must not echo submitted values"
    assert set(stored(county_server)) == {good["id"]}


def test_repeated_ids_within_one_batch(county_server: CountyServer) -> None:
    same = filing()
    other = filing()
    other_changed = filing(other["id"], device_seq=99)
    invalid_first = filing(voucher_code="bad")
    valid_later = filing(invalid_first["id"])
    batch = [same, same, other, other_changed, invalid_first, valid_later, invalid_first]

    results = push_ok(county_server, batch)
    assert statuses(results) == [
        "accepted",
        "duplicate",
        "accepted",
        "rejected",
        "rejected",
        "accepted",
        "rejected",
    ]
    assert "different content" in results[6]["reason"]
    records = stored(county_server)
    assert set(records) == {same["id"], other["id"], valid_later["id"]}
    assert records[other["id"]]["payload"] == other["payload"]


def test_full_batch_keeps_request_order(county_server: CountyServer) -> None:
    batch = [filing() if i % 3 else rating() for i in range(500)]
    batch[250] = filing(voucher_code="x")
    results = push_ok(county_server, batch, gzipped=True)
    assert statuses(results).count("accepted") == 499
    assert results[250]["status"] == "rejected"
    assert len(stored(county_server)) == 499


def _assert_error_body(response: requests.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert isinstance(body["error"], str) and body["message_en"] and body["message_zh"]
    return body


def test_malformed_requests_fail_whole(county_server: CountyServer) -> None:
    url = f"{county_server.base_url}/v1/push"
    json_headers = {"Content-Type": "application/json"}
    gzip_headers = {**json_headers, "Content-Encoding": "gzip"}

    not_json = requests.post(url, data=b"{not json", headers=json_headers, timeout=TIMEOUT)
    assert _assert_error_body(not_json, 400)["error"] == "invalid_json"
    not_utf8 = requests.post(url, data=b'{"protocol": "\xff"}', headers=json_headers, timeout=TIMEOUT)
    _assert_error_body(not_utf8, 400)
    bad_gzip = requests.post(url, data=b"\x1f\x8bnot really gzip", headers=gzip_headers, timeout=TIMEOUT)
    assert _assert_error_body(bad_gzip, 400)["error"] == "invalid_gzip"
    truncated = requests.post(
        url, data=gzip_json(push_body([filing()]))[:-12], headers=gzip_headers, timeout=TIMEOUT
    )
    assert _assert_error_body(truncated, 400)["error"] == "invalid_gzip"
    brotli = requests.post(
        url, data=b"{}", headers={**json_headers, "Content-Encoding": "br"}, timeout=TIMEOUT
    )
    _assert_error_body(brotli, 415)

    valid = filing()
    wrong_shapes: list[Any] = [
        [],
        "text",
        {"protocol": 1, "records": [valid]},
        push_body([]),
        push_body([valid] * 501),
        push_body([valid], device_id=""),
        push_body([valid], device_id="x" * 65),
        push_body([{**valid, "kind": "complaint"}]),
        push_body([{**valid, "id": "not-a-uuid"}]),
        push_body([{**valid, "id": valid["id"].upper()}]),
        push_body([{**valid, "payload": ["not", "an", "object"]}]),
        push_body([{"id": valid["id"], "kind": "filing"}]),
    ]
    for body in wrong_shapes:
        response = post_push(county_server, body)
        details = _assert_error_body(response, 422)["details"]
        assert details and all("input" not in detail for detail in details)
    gzipped = post_push(county_server, push_body([]), gzipped=True)
    _assert_error_body(gzipped, 422)
    assert stored(county_server) == {}


def test_gzip_bomb_and_multi_member_gzip(county_server: CountyServer) -> None:
    url = f"{county_server.base_url}/v1/push"
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    bomb = gzip.compress(b" " * (MAX_BODY_BYTES + 1))
    _assert_error_body(requests.post(url, data=bomb, headers=headers, timeout=TIMEOUT), 413)
    text = json.dumps(push_body([filing()])).encode()
    two_members = gzip.compress(text[:10]) + gzip.compress(text[10:])
    response = requests.post(url, data=two_members, headers=headers, timeout=TIMEOUT)
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "accepted"


def test_unsupported_protocol_gets_426(county_server: CountyServer) -> None:
    expected = {
        "error": "protocol_unsupported",
        "message_zh": "请升级终端软件",
        "message_en": "Please update the kiosk software",
        "supported": [1],
    }
    for body in (
        push_body([filing()], protocol=2),
        push_body([filing()], protocol=0),
        push_body([filing()], protocol="1"),
        push_body([filing()], protocol=True),
        {"protocol": 2, "some_future_field": {"records": "elsewhere"}},
    ):
        for gzipped in (False, True):
            response = post_push(county_server, body, gzipped=gzipped)
            assert response.status_code == 426, response.text
            assert response.json() == expected
    assert stored(county_server) == {}


def test_concurrent_pushes_store_each_id_once(county_server: CountyServer) -> None:
    batch = [filing() for _ in range(40)]
    pushers = 6
    barrier = threading.Barrier(pushers)
    outcomes: list[list[str]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def pusher(index: int) -> None:
        # Each pusher sends the batch in a different order so that inserts interleave.
        records = batch[index:] + batch[:index]
        try:
            barrier.wait(timeout=TIMEOUT)
            response = post_push(county_server, push_body(records))
            assert response.status_code == 200, response.text
            by_id = {r["id"]: r["status"] for r in response.json()["results"]}
            with lock:
                outcomes.append([by_id[record["id"]] for record in batch])
        except BaseException as error:
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=pusher, args=(i,)) for i in range(pushers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * TIMEOUT)
    assert not errors, errors
    assert len(outcomes) == pushers
    for position in range(len(batch)):
        column = sorted(outcome[position] for outcome in outcomes)
        assert column == ["accepted"] + ["duplicate"] * (pushers - 1)
    assert set(stored(county_server)) == {record["id"] for record in batch}
