"""Tests of the ``county-server`` command line: serve lifecycle, operator commands, list-records, openapi."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from county import cli
from sync.protocol import public_key_text
from tests.county.conftest import REPO_ROOT, CountyServer
from tests.county.factories import DEVICE_ID, filing, push_body
from tests.support.county_process import list_county_records, start_county_server, stop_county_server
from tests.support.signed_client import SignedClient, enrol_device

OPENAPI_FILE = REPO_ROOT / "sync" / "openapi-v1.json"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m county.cli ARGS`` in the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "county.cli", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_cleanly_and_prints_one_line(tmp_path: Path, sig: int) -> None:
    proc, base_url = start_county_server(database_url=f"sqlite:///{tmp_path}/c.db", cwd=REPO_ROOT)
    try:
        assert base_url.startswith("http://127.0.0.1:")
        response = requests.get(f"{base_url}/v1/health", timeout=30)
        assert response.status_code == 200
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == 0
        assert proc.stdout is not None
        assert proc.stdout.read() == b"", "stdout must carry only the ready line"
    finally:
        stop_county_server(proc)
    assert (tmp_path / "c.db").exists()


def test_serve_fails_on_unreachable_database(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="exited"):
        start_county_server(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none", cwd=REPO_ROOT)


def test_openapi_file_matches_served_document(tmp_path: Path) -> None:
    committed_text = OPENAPI_FILE.read_text(encoding="utf-8")
    proc, base_url = start_county_server(database_url=f"sqlite:///{tmp_path}/c.db", cwd=REPO_ROOT)
    try:
        served = requests.get(f"{base_url}/openapi.json", timeout=30).json()
    finally:
        stop_county_server(proc)
    hint = "regenerate with: county-server openapi --output sync/openapi-v1.json"
    assert json.loads(committed_text) == served, hint
    printed = run_cli("openapi")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == committed_text, hint
    assert served["paths"]["/v1/push"]["post"]["responses"].keys() >= {
        "200",
        "400",
        "401",
        "403",
        "422",
        "426",
    }
    assert set(served["paths"]) == {
        "/v1/health",
        "/v1/enrol",
        "/v1/push",
        "/v1/attachments/{sha256}",
        "/v1/changes",
        "/v1/heartbeat",
        "/v1/helpers/pin",
    }


def test_list_records_uses_env_database_and_kind_filter(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path}/c.db"
    proc, base_url = start_county_server(database_url=database_url, cwd=REPO_ROOT)
    try:
        sent = filing()
        with enrol_device(base_url, database_url=database_url, device_id=DEVICE_ID) as kiosk:
            kiosk.post("/v1/push", json_body=push_body([sent])).raise_for_status()
    finally:
        stop_county_server(proc)
    env = {**os.environ, "BIANMIN_COUNTY_DATABASE_URL": database_url}
    listed = run_cli("list-records", env=env)
    assert listed.returncode == 0, listed.stderr
    [line] = listed.stdout.splitlines()
    record = json.loads(line)
    assert set(record) == {"id", "kind", "device_id", "content_hash", "received_at", "payload"}
    assert record["payload"] == sent["payload"]
    assert "张三" in line, "list-records prints readable UTF-8"
    assert run_cli("list-records", "--kind", "rating", env=env).stdout == ""
    assert list_county_records(database_url=database_url, cwd=REPO_ROOT, kind="filing")[0]["id"] == sent["id"]


def test_list_records_on_missing_database_fails(tmp_path: Path) -> None:
    result = run_cli("list-records", "--database", f"sqlite:///{tmp_path}/absent.db")
    assert result.returncode == 1
    assert "no database" in result.stderr
    assert not (tmp_path / "absent.db").exists()


def test_serve_reports_bad_url_and_busy_port(tmp_path: Path) -> None:
    bad_url = run_cli("serve", "--port", "0", "--database", "nonsense://")
    assert bad_url.returncode == 2
    assert "invalid database URL" in bad_url.stderr
    assert bad_url.stdout == ""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        taken = run_cli("serve", "--port", port, "--database", f"sqlite:///{tmp_path}/c.db")
    assert taken.returncode == 2
    assert "cannot listen" in taken.stderr


def test_default_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cli.DATABASE_ENV, raising=False)
    monkeypatch.setattr(cli.platformdirs, "user_data_dir", lambda name: str(tmp_path / name))
    assert cli.default_database_url() == f"sqlite:///{tmp_path}/bianmin-county/county.db"
    monkeypatch.setenv(cli.DATABASE_ENV, "postgresql+psycopg://county@db/county")
    assert cli.default_database_url() == "postgresql+psycopg://county@db/county"


def admin(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m county.cli ARGS --database URL``."""
    return run_cli(*args, "--database", database_url)


def refused(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    """Check an exit code and a bilingual ``county-server: zh / en`` message on stderr."""
    assert result.returncode == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("county-server: ") and " / " in line, line
    for fragment in fragments:
        assert fragment in line


def test_console_script_lists_every_command() -> None:
    script = Path(sys.executable).with_name("county-server")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    for command in (
        "serve",
        "migrate",
        "enrolment-code",
        "revoke-device",
        "set-status",
        "publish-catalog",
        "set-config",
        "revoke-voucher",
        "list-devices",
        "helper",
        "list-records",
        "attachment",
        "openapi",
    ):
        assert command in result.stdout


def test_enrolment_code_prints_only_the_code(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path}/c.db"
    refused(admin("enrolment-code", "--site", "幸福镇", database_url=database_url), 1, "no database")
    assert not (tmp_path / "c.db").exists()
    assert admin("migrate", database_url=database_url).returncode == 0
    result = admin("enrolment-code", "--site", "幸福镇", "--ttl-minutes", "5", database_url=database_url)
    assert result.returncode == 0, result.stderr
    code = result.stdout.removesuffix("\n")
    assert len(code) == 14 and code.count("-") == 2 and "\n" not in code
    assert code not in result.stderr, "the code is a credential: never logged"
    assert code.replace("-", "").encode() not in (tmp_path / "c.db").read_bytes()
    refused(admin("enrolment-code", "--site", "  ", database_url=database_url), 2, "site")
    refused(admin("enrolment-code", "--site", "x" * 101, database_url=database_url), 2, "site")
    for ttl in ("0", "10081"):
        refused(
            admin("enrolment-code", "--site", "x", "--ttl-minutes", ttl, database_url=database_url), 2, "ttl"
        )
    assert admin("enrolment-code", database_url=database_url).returncode == 2  # --site is required
    refused(admin("enrolment-code", "--site", "x", database_url="nonsense://"), 2, "invalid database URL")


def operator_changes(client: SignedClient) -> list[dict[str, Any]]:
    """The changes the device pulls from the start, without the kiosks' published voucher keys."""
    changes: list[dict[str, Any]] = client.get("/v1/changes").json()["changes"]
    return [change for change in changes if change["type"] != "device_key"]


@pytest.fixture
def pushed_filing(county_server: CountyServer, enrolled: SignedClient) -> str:
    """The id of a filing that DEVICE_ID pushed."""
    record = filing()
    response = enrolled.post("/v1/push", json_body=push_body([record]))
    assert response.json()["results"][0]["status"] == "accepted"
    record_id: str = record["id"]
    return record_id


def test_set_status(county_server: CountyServer, enrolled: SignedClient, pushed_filing: str) -> None:
    url = county_server.database_url
    done = admin("set-status", pushed_filing, "办结", "--note", "请携带身份证领取", database_url=url)
    assert done.returncode == 0 and done.stdout == "", done.stderr
    refused(
        admin("set-status", "0b6e2f1c-8a4d-4c3e-9f7a-2d1e5b6c7a80", "办结", database_url=url),
        1,
        "未知的办件",
        "unknown filing",
    )
    refused(admin("set-status", "not-a-filing", "办结", database_url=url), 1, "unknown filing")
    refused(admin("set-status", pushed_filing, "x" * 33, database_url=url), 2, "status")
    refused(admin("set-status", pushed_filing, "办结", "--note", "长" * 501, database_url=url), 2, "note")
    [change] = operator_changes(enrolled)
    assert change["type"] == "filing_status"
    assert change["data"]["status"] == "办结" and change["data"]["note"] == "请携带身份证领取"


def test_publish_catalog(county_server: CountyServer, enrolled: SignedClient, tmp_path: Path) -> None:
    url = county_server.database_url
    sample = REPO_ROOT / "resources" / "catalog" / "sample_catalog.json"
    assert admin("publish-catalog", str(sample), database_url=url).returncode == 0
    bad_files = {
        "not-json.json": b"{catalog",
        "nan.json": b'{"catalog_version": "1", "services": [], "x": NaN}',
        "array.json": b"[]",
        "no-version.json": b'{"services": []}',
        "blank-version.json": b'{"catalog_version": " ", "services": []}',
        "no-services.json": b'{"catalog_version": "1"}',
        "bad-services.json": b'{"catalog_version": "1", "services": [1]}',
        "latin1.json": '{"catalog_version": "é", "services": []}'.encode("latin-1"),
    }
    for name, content in bad_files.items():
        (tmp_path / name).write_bytes(content)
        refused(admin("publish-catalog", str(tmp_path / name), database_url=url), 2)
    refused(admin("publish-catalog", str(tmp_path / "absent.json"), database_url=url), 1, "cannot read")
    changes = operator_changes(enrolled)
    assert [change["type"] for change in changes] == ["catalog"]
    assert (
        changes[0]["data"]["catalog_version"]
        == json.loads(sample.read_text(encoding="utf-8"))["catalog_version"]
    )


def test_set_config(county_server: CountyServer, enrolled: SignedClient) -> None:
    url = county_server.database_url
    result = admin(
        "set-config", "push_interval_s=30", "county_name=青山县", "batch_size= 50", database_url=url
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (
        printed["push_interval_s"] == 30
        and printed["county_name"] == "青山县"
        and printed["batch_size"] == 50
    )
    assert printed["pull_interval_s"] == 300
    refused(admin("set-config", "colour=blue", database_url=url), 2, "unknown setting")
    refused(admin("set-config", "push_interval_s", database_url=url), 2, "unknown setting")
    refused(admin("set-config", "push_interval_s=soon", database_url=url), 2, "integer")
    refused(admin("set-config", "push_interval_s=1", database_url=url), 2, "push_interval_s")
    refused(admin("set-config", "batch_size=10", "heartbeat_interval_s=0", database_url=url), 2)
    [change] = operator_changes(enrolled)
    assert change["type"] == "config" and change["data"] == printed
    # New enrolments get the stored config.
    with enrol_device(county_server.base_url, database_url=url) as newcomer:
        assert newcomer.config == printed


def test_revoke_voucher(county_server: CountyServer, enrolled: SignedClient) -> None:
    url = county_server.database_url
    assert admin("revoke-voucher", "a1b2 c3d4 e5fo", "--reason", "挂失", database_url=url).returncode == 0
    for bad in ("A1B2C3D4E5F", "A1B2C3D4E5F6G", "A1B2C3D4E5F!"):
        refused(admin("revoke-voucher", bad, database_url=url), 2, "voucher")
    refused(admin("revoke-voucher", "A1B2C3D4E5F6", "--reason", "x" * 201, database_url=url), 2)
    [change] = operator_changes(enrolled)
    assert change == {
        "seq": change["seq"],
        "type": "voucher_revoked",
        "data": {"voucher_code": "A1B2C3D4E5F0", "reason": "挂失"},
    }


def test_list_devices_and_revoke_device(county_server: CountyServer, enrolled: SignedClient) -> None:
    url = county_server.database_url
    listed = admin("list-devices", database_url=url)
    assert listed.returncode == 0, listed.stderr
    [device] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert set(device) == {
        "device_id",
        "site",
        "name",
        "app_version",
        "enrolled_at",
        "revoked_at",
        "last_heartbeat",
        "last_heartbeat_at",
        "clock_skew_s",
    }
    assert device["device_id"] == DEVICE_ID and device["site"] == "幸福镇便民服务中心"
    assert "幸福镇" in listed.stdout, "readable UTF-8"

    first = admin("revoke-device", DEVICE_ID, database_url=url)
    assert first.returncode == 0 and "device revoked" in first.stderr
    again = admin("revoke-device", DEVICE_ID, database_url=url)
    assert again.returncode == 0 and "already revoked" in again.stderr
    refused(admin("revoke-device", "kiosk-unknown", database_url=url), 1, "未知的终端", "unknown device")
    [device] = [json.loads(line) for line in admin("list-devices", database_url=url).stdout.splitlines()]
    assert device["revoked_at"] is not None
    assert enrolled.get("/v1/changes").json()["error"] == "device_revoked"
    # Every other kiosk learns that this kiosk's vouchers are no longer to be trusted (once, not twice).
    with enrol_device(county_server.base_url, database_url=url) as other:
        keys = [c["data"] for c in other.get("/v1/changes").json()["changes"] if c["type"] == "device_key"]
    mine = [key for key in keys if key["device_id"] == DEVICE_ID]
    assert [key["revoked"] for key in mine] == [False, True]
    assert mine[0]["public_key"] == public_key_text(enrolled.private_key)


def test_commands_report_an_unreachable_database() -> None:
    result = run_cli("list-devices", "--database", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    refused(result, 1, "cannot reach the database")
