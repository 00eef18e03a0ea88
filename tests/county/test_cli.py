"""Tests of the ``county-server`` command line: serve lifecycle, list-records, openapi."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from county import cli
from tests.county.conftest import REPO_ROOT
from tests.county.factories import filing, push_body
from tests.support.county_process import list_county_records, start_county_server, stop_county_server

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
        response = requests.post(f"{base_url}/v1/push", json=push_body([filing()]), timeout=30)
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
    assert served["paths"]["/v1/push"]["post"]["responses"].keys() >= {"200", "400", "422", "426"}


def test_list_records_uses_env_database_and_kind_filter(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path}/c.db"
    proc, base_url = start_county_server(database_url=database_url, cwd=REPO_ROOT)
    try:
        sent = filing()
        requests.post(f"{base_url}/v1/push", json=push_body([sent]), timeout=30).raise_for_status()
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
