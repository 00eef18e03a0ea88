"""POST /v1/heartbeat: the server keeps the latest report per device (shown by list-devices)."""

from __future__ import annotations

import json
import time
from typing import Any

from tests.county.conftest import CountyServer
from tests.county.factories import DEVICE_ID
from tests.support.county_process import run_county_cli
from tests.support.signed_client import SignedClient


def heartbeat(**changes: Any) -> dict[str, Any]:
    """A valid Heartbeat from DEVICE_ID."""
    body: dict[str, Any] = {
        "protocol": 1,
        "device_id": DEVICE_ID,
        "sent_at": "2024-05-01T09:30:00+08:00",
        "app_version": "0.1.0",
        "queue_depth": 12,
        "oldest_unsent_age_s": 3600,
        "free_disk_bytes": 5_000_000_000,
        "clock_skew_s": -2.5,
        "printer_state": "paper_low",
    }
    body.update(changes)
    return body


def listed_devices(server: CountyServer) -> dict[str, dict[str, Any]]:
    result = run_county_cli("list-devices", database_url=server.database_url)
    assert result.returncode == 0, result.stderr
    devices = [json.loads(line) for line in result.stdout.splitlines()]
    return {device["device_id"]: device for device in devices}


def test_latest_heartbeat_is_kept_and_listed(county_server: CountyServer, enrolled: SignedClient) -> None:
    before = listed_devices(county_server)[DEVICE_ID]
    assert before["last_heartbeat"] is None and before["last_heartbeat_at"] is None
    assert before["site"] == enrolled.site and before["revoked_at"] is None

    first = enrolled.post("/v1/heartbeat", json_body=heartbeat())
    assert first.status_code == 200, first.text
    assert first.json()["protocol"] == 1 and abs(first.json()["server_time"] - time.time()) < 30
    second = enrolled.post(
        "/v1/heartbeat", json_body=heartbeat(queue_depth=0, clock_skew_s=1.0), gzipped=True
    )
    assert second.status_code == 200, second.text

    device = listed_devices(county_server)[DEVICE_ID]
    assert device["last_heartbeat"]["queue_depth"] == 0
    assert device["last_heartbeat"]["printer_state"] == "paper_low"
    assert device["last_heartbeat"]["sent_at"] == "2024-05-01T09:30:00+08:00"
    assert device["clock_skew_s"] == 1.0
    assert device["last_heartbeat_at"].endswith("+00:00")


def test_malformed_heartbeats_change_nothing(county_server: CountyServer, enrolled: SignedClient) -> None:
    for changes in (
        {"queue_depth": -1},
        {"sent_at": "2024-05-01T09:30:00"},
        {"printer_state": "x" * 33},
        {"clock_skew_s": "fast"},
        {"device_id": ""},
    ):
        response = enrolled.post("/v1/heartbeat", json_body=heartbeat(**changes))
        assert response.status_code == 422, (changes, response.text)
        assert "fast" not in response.text, "never echo submitted values"
    assert enrolled.post("/v1/heartbeat", json_body=heartbeat(protocol=2)).status_code == 426
    assert listed_devices(county_server)[DEVICE_ID]["last_heartbeat"] is None
