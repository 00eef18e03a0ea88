"""Durable submit (filing + outbox + print job + audit in one transaction) beside a raw sqlite3 commit."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.stats import summarise, time_calls
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import open_kiosk
from kiosk.settings import load_settings


def _raw_sqlite_commit(path: Path, repeat: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    payload = "x" * 600

    def one() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (body) VALUES (?)", (payload,))
        conn.execute("COMMIT")

    try:
        return time_calls(one, repeat=repeat)
    finally:
        conn.close()


def run(*, repeat: int = 300) -> dict[str, Any]:
    """Measure both in the same run, on the same disk."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = _raw_sqlite_commit(Path(tmp) / "raw.db", repeat)
        kiosk = open_kiosk(load_settings({"BIANMIN_DATA_DIR": str(Path(tmp) / "kiosk")}))
        service = kiosk.catalog.services[0]
        answers = demo_answers(service)
        try:
            submit = time_calls(
                lambda: submit_filing(kiosk, service_code=service.code, answers=answers), repeat=repeat
            )
        finally:
            kiosk.close()
    submit_summary = summarise(submit)
    raw_summary = summarise(raw)
    return {
        "durable_submit": submit_summary,
        "raw_sqlite_wal_full_commit": raw_summary,
        "submit_over_raw_p50": round(submit_summary["p50_ms"] / max(raw_summary["p50_ms"], 1e-6), 2),
        "budget": {"durable_submit_p99_ms": 15},
    }
