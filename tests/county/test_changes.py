"""GET /v1/changes: global changes plus this device's own, in seq order, page by page."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from county.changes import append_change
from county.clock import utc_now
from county.db import create_county_engine
from tests.county.conftest import REPO_ROOT, CountyServer
from tests.county.factories import filing, push_body
from tests.support.county_process import run_county_cli
from tests.support.signed_client import SignedClient, enrol_device

CATALOG = REPO_ROOT / "resources" / "catalog" / "sample_catalog.json"


def pull_all(client: SignedClient, *, limit: int = 500) -> list[dict[str, Any]]:
    """Every change visible to ``client``, following next_cursor while ``more``."""
    changes: list[dict[str, Any]] = []
    cursor = 0
    while True:
        response = client.get("/v1/changes", params={"after": cursor, "limit": limit})
        assert response.status_code == 200, response.text
        page = response.json()
        changes += page["changes"]
        assert page["next_cursor"] == (page["changes"][-1]["seq"] if page["changes"] else cursor)
        cursor = page["next_cursor"]
        if not page["more"]:
            return changes


def cli_ok(server: CountyServer, *args: str) -> None:
    result = run_county_cli(*args, database_url=server.database_url)
    assert result.returncode == 0, result.stderr


def test_a_device_sees_global_changes_and_only_its_own_statuses(county_server: CountyServer) -> None:
    base, url = county_server.base_url, county_server.database_url
    with enrol_device(base, database_url=url) as kiosk_a, enrol_device(base, database_url=url) as kiosk_b:
        filing_a = filing(device_id=kiosk_a.device_id)
        filing_b = filing(device_id=kiosk_b.device_id)
        for kiosk, record in ((kiosk_a, filing_a), (kiosk_b, filing_b)):
            pushed = kiosk.post("/v1/push", json_body=push_body([record], device_id=kiosk.device_id))
            assert pushed.json()["results"][0]["status"] == "accepted"

        cli_ok(county_server, "set-status", filing_a["id"], "受理", "--note", "材料齐全")
        cli_ok(county_server, "publish-catalog", str(CATALOG))
        cli_ok(county_server, "set-status", filing_b["id"], "退回", "--note", "缺少材料")
        cli_ok(county_server, "set-config", "pull_interval_s=120")
        cli_ok(county_server, "revoke-voucher", "A1B2-C3D4-E5F6", "--reason", "重复打印")
        cli_ok(county_server, "set-status", filing_a["id"], "办结")

        seen_a, seen_b = pull_all(kiosk_a), pull_all(kiosk_b)

    # Both enrolments published the kiosks' voucher keys to everyone first.
    keys = [(c["type"], c["data"]["device_id"]) for c in seen_a[:2]]
    assert keys == [("device_key", kiosk_a.device_id), ("device_key", kiosk_b.device_id)]
    assert seen_b[:2] == seen_a[:2]
    seen_a, seen_b = seen_a[2:], seen_b[2:]
    assert [c["type"] for c in seen_a] == [
        "filing_status",
        "catalog",
        "config",
        "voucher_revoked",
        "filing_status",
    ]
    assert [c["type"] for c in seen_b] == ["catalog", "filing_status", "config", "voucher_revoked"]
    for seen in (seen_a, seen_b):
        seqs = [c["seq"] for c in seen]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    statuses_a = [c["data"] for c in seen_a if c["type"] == "filing_status"]
    assert [(s["filing_id"], s["status"], s["note"]) for s in statuses_a] == [
        (filing_a["id"], "受理", "材料齐全"),
        (filing_a["id"], "办结", ""),
    ]
    assert statuses_a[0]["changed_at"].endswith("+00:00")
    [status_b] = [c["data"] for c in seen_b if c["type"] == "filing_status"]
    assert status_b["filing_id"] == filing_b["id"] and status_b["status"] == "退回"
    catalog = next(c["data"] for c in seen_a if c["type"] == "catalog")
    assert catalog == json.loads(CATALOG.read_text(encoding="utf-8"))
    assert next(c["data"] for c in seen_b if c["type"] == "config")["pull_interval_s"] == 120
    voucher = next(c["data"] for c in seen_a if c["type"] == "voucher_revoked")
    assert voucher == {"voucher_code": "A1B2C3D4E5F6", "reason": "重复打印"}


def test_paging_follows_the_cursor(county_server: CountyServer, enrolled: SignedClient) -> None:
    (own_key,) = enrolled.get("/v1/changes").json()["changes"]  # published at enrolment
    assert own_key["type"] == "device_key"
    start = own_key["seq"]
    engine = create_county_engine(county_server.database_url)
    try:
        with Session(engine) as session, session.begin():
            for index in range(7):
                append_change(session, type_="config", data={"n": index}, now=utc_now())
                append_change(
                    session,
                    type_="voucher_revoked",
                    data={"n": index},
                    now=utc_now(),
                    device_id="kiosk-other",
                )
    finally:
        engine.dispose()

    first = enrolled.get("/v1/changes", params={"after": start, "limit": 3}).json()
    assert [c["data"]["n"] for c in first["changes"]] == [0, 1, 2] and first["more"] is True
    second = enrolled.get("/v1/changes", params={"after": first["next_cursor"], "limit": 3}).json()
    assert [c["data"]["n"] for c in second["changes"]] == [3, 4, 5] and second["more"] is True
    third = enrolled.get("/v1/changes", params={"after": second["next_cursor"], "limit": 3}).json()
    assert [c["data"]["n"] for c in third["changes"]] == [6] and third["more"] is False
    # The other device's changes lie after the last visible one: the cursor stays where it was.
    after_end = enrolled.get("/v1/changes", params={"after": third["next_cursor"]}).json()
    assert after_end == {"protocol": 1, "changes": [], "next_cursor": third["next_cursor"], "more": False}
    exact = enrolled.get("/v1/changes", params={"after": start, "limit": 7}).json()
    assert len(exact["changes"]) == 7 and exact["more"] is False
    assert len(pull_all(enrolled, limit=1)) == 8
    default = enrolled.get("/v1/changes").json()
    assert len(default["changes"]) == 8

    for params in ({"limit": 0}, {"limit": 501}, {"after": -1}, {"after": 2**31}, {"after": "x"}):
        response = enrolled.get("/v1/changes", params=params)
        assert response.status_code == 422, (params, response.text)
        assert response.json()["error"] == "invalid_request"
    assert enrolled.get("/v1/changes", params={"after": 2**31 - 1, "limit": 500}).json()["changes"] == []
