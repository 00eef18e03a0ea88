"""End-to-end push tests against a real county server process (SQLite and PostgreSQL), signed as a kiosk."""

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
from tests.support.signed_client import SignedClient

TIMEOUT = 30
JSON = {"Content-Type": "application/json"}
GZIP_JSON = {**JSON, "Content-Encoding": "gzip"}


def post_push(client: SignedClient, body: Any, *, gzipped: bool = False) -> requests.Response:
    """POST ``body`` to /v1/push as signed JSON, optionally gzip-encoded."""
    return client.post("/v1/push", json_body=body, gzipped=gzipped)


def push_ok(client: SignedClient, records: list[dict[str, Any]], **kwargs: Any) -> list[dict[str, Any]]:
    """Push ``records`` and return the results, checking the response envelope."""
    response = post_push(client, push_body(records), **kwargs)
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
    assert response.headers["X-Bianmin-Server-Time"].isdigit()


def test_plain_push_is_accepted_and_listed(county_server: CountyServer, enrolled: SignedClient) -> None:
    first, second = filing(), filing(answers={})
    vote = rating(filing_id=first["id"], level=2, reasons=[], callback_phone="13900000000")
    results = push_ok(enrolled, [first, second, vote])
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


def test_gzip_push_and_resend_is_duplicate(county_server: CountyServer, enrolled: SignedClient) -> None:
    records = [filing(), rating()]
    assert statuses(push_ok(enrolled, records, gzipped=True)) == ["accepted", "accepted"]
    # The kiosk lost the response and resends: same content, plain this time, key order shuffled.
    resent = [{**record, "payload": dict(reversed(record["payload"].items()))} for record in records]
    assert statuses(push_ok(enrolled, resent)) == ["duplicate", "duplicate"]
    assert statuses(push_ok(enrolled, records, gzipped=True)) == ["duplicate", "duplicate"]
    assert set(stored(county_server)) == {record["id"] for record in records}


def test_same_id_with_other_content_is_rejected_and_store_unchanged(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    original = filing()
    push_ok(enrolled, [original])
    changed = filing(original["id"], device_seq=18)
    results = push_ok(enrolled, [changed])
    assert statuses(results) == ["rejected"]
    assert "different content" in results[0]["reason"]
    assert stored(county_server)[original["id"]]["payload"] == original["payload"]


def test_invalid_payloads_are_rejected_per_record(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
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

    results = push_ok(enrolled, batch)
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


def test_repeated_ids_within_one_batch(county_server: CountyServer, enrolled: SignedClient) -> None:
    same = filing()
    other = filing()
    other_changed = filing(other["id"], device_seq=99)
    invalid_first = filing(voucher_code="bad")
    valid_later = filing(invalid_first["id"])
    batch = [same, same, other, other_changed, invalid_first, valid_later, invalid_first]

    results = push_ok(enrolled, batch)
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


def test_full_batch_keeps_request_order(county_server: CountyServer, enrolled: SignedClient) -> None:
    batch = [filing() if i % 3 else rating() for i in range(500)]
    batch[250] = filing(voucher_code="x")
    results = push_ok(enrolled, batch, gzipped=True)
    assert statuses(results).count("accepted") == 499
    assert results[250]["status"] == "rejected"
    assert len(stored(county_server)) == 499


def _assert_error_body(response: requests.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert isinstance(body["error"], str) and body["message_en"] and body["message_zh"]
    return body


def test_malformed_requests_fail_whole(county_server: CountyServer, enrolled: SignedClient) -> None:
    def send(data: bytes, headers: dict[str, str]) -> requests.Response:
        return enrolled.post("/v1/push", data=data, headers=headers)

    not_json = send(b"{not json", JSON)
    assert _assert_error_body(not_json, 400)["error"] == "invalid_json"
    _assert_error_body(send(b'{"protocol": "\xff"}', JSON), 400)
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        body = b'{"protocol": 1, "device_id": "x", "records": [], "n": ' + constant + b"}"
        assert _assert_error_body(send(body, JSON), 400)["error"] == "invalid_json"
    too_deep = b'{"protocol": 1, "x": ' + b"[" * 70 + b"]" * 70 + b"}"
    assert _assert_error_body(send(too_deep, JSON), 400)["error"] == "invalid_json"
    lone_surrogate = json.dumps(push_body([filing(answers={"q": "\ud800"})])).encode()
    assert _assert_error_body(send(lone_surrogate, JSON), 400)["error"] == "invalid_json"
    emoji = json.dumps(push_body([filing(answers={"q": "\U0001f600"})])).encode()  # a valid surrogate pair
    assert send(emoji, JSON).status_code == 200
    bad_gzip = send(b"\x1f\x8bnot really gzip", GZIP_JSON)
    assert _assert_error_body(bad_gzip, 400)["error"] == "invalid_gzip"
    truncated = send(gzip_json(push_body([filing()]))[:-12], GZIP_JSON)
    assert _assert_error_body(truncated, 400)["error"] == "invalid_gzip"
    brotli = send(b"{}", {**JSON, "Content-Encoding": "br"})
    assert "br" not in _assert_error_body(brotli, 415)["message_en"], "never echo submitted values"

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
        response = post_push(enrolled, body)
        details = _assert_error_body(response, 422)["details"]
        assert details and all("input" not in detail for detail in details)
    gzipped = post_push(enrolled, push_body([]), gzipped=True)
    _assert_error_body(gzipped, 422)
    assert set(stored(county_server)) == {json.loads(emoji)["records"][0]["id"]}


def test_gzip_bomb_and_multi_member_gzip(county_server: CountyServer, enrolled: SignedClient) -> None:
    bomb = gzip.compress(b" " * (MAX_BODY_BYTES + 1))
    _assert_error_body(enrolled.post("/v1/push", data=bomb, headers=GZIP_JSON), 413)
    text = json.dumps(push_body([filing()])).encode()
    two_members = gzip.compress(text[:10]) + gzip.compress(text[10:])
    response = enrolled.post("/v1/push", data=two_members, headers=GZIP_JSON)
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "accepted"


def test_unsupported_protocol_gets_426_before_any_other_check(county_server: CountyServer) -> None:
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
        for data, headers in ((json.dumps(body).encode(), JSON), (gzip_json(body), GZIP_JSON)):
            # Unsigned: an old or newer kiosk must hear "update", never "enrol again".
            url = f"{county_server.base_url}/v1/push"
            response = requests.post(url, data=data, headers=headers, timeout=TIMEOUT)
            assert response.status_code == 426, response.text
            assert response.json() == expected
    for path in ("/v1/health", "/v1/changes", "/v1/push", f"/v1/attachments/{'0' * 64}"):
        for header in ("2", "0", "1.0", "one", "²"):
            method = requests.get if path != "/v1/push" else requests.post
            response = method(
                f"{county_server.base_url}{path}",
                headers={"X-Bianmin-Protocol": header.encode("latin-1")},
                timeout=TIMEOUT,
            )
            assert response.status_code == 426, (path, header, response.text)
            assert response.json() == expected
            assert response.headers["X-Bianmin-Server-Time"].isdigit()
    assert stored(county_server) == {}


def test_concurrent_pushes_store_each_id_once(county_server: CountyServer, enrolled: SignedClient) -> None:
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
            response = post_push(enrolled, push_body(records))
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
