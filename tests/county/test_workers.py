"""``county-server serve --workers N``: several processes on one port store each record exactly once."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

from tests.county.conftest import REPO_ROOT
from tests.county.factories import DEVICE_ID, filing, push_body
from tests.support.county_process import list_county_records, start_county_server, stop_county_server
from tests.support.signed_client import enrol_device

SENDERS = 6


def _child_pids(pid: int) -> set[int]:
    """The direct children of ``pid`` (worker processes of the supervisor)."""
    children = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(entry))
    return children


def _is_running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie (this container's init may not reap orphans)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_two_workers_store_concurrent_duplicate_pushes_once_and_stop_cleanly(database_url: str) -> None:
    proc, base_url = start_county_server(
        database_url=database_url, cwd=REPO_ROOT, extra_args=("--workers", "2", "--threads", "2")
    )
    try:
        workers = _child_pids(proc.pid)
        assert len(workers) >= 2  # two workers (multiprocessing may add a resource tracker)
        records = [filing() for _ in range(20)]
        answers: list[dict[str, Any]] = []
        lock = threading.Lock()
        with enrol_device(base_url, database_url=database_url, device_id=DEVICE_ID) as kiosk:
            barrier = threading.Barrier(SENDERS)

            def send() -> None:
                barrier.wait(timeout=30)
                response = kiosk.post("/v1/push", json_body=push_body(records))
                assert response.status_code == 200, response.text
                with lock:
                    answers.extend(response.json()["results"])

            threads = [threading.Thread(target=send) for _ in range(SENDERS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        by_record: dict[str, list[str]] = {}
        for answer in answers:
            by_record.setdefault(answer["id"], []).append(answer["status"])
        assert len(answers) == SENDERS * len(records)
        assert all(sorted(s) == ["accepted"] + ["duplicate"] * (SENDERS - 1) for s in by_record.values())
    finally:
        exit_code = stop_county_server(proc, sig=signal.SIGTERM)
    assert exit_code == 0
    # multiprocessing's resource tracker leaves just after its parent; workers are joined before.
    deadline = time.monotonic() + 10
    while [pid for pid in workers if _is_running(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _is_running(pid)]
    stored = list_county_records(database_url=database_url, cwd=REPO_ROOT)
    assert sorted(r["id"] for r in stored) == sorted(r["id"] for r in records)
