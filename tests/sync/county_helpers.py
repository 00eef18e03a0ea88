"""A real county server process for kiosk tests, and a kiosk enrolled with it through the real use case."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.services.enrolment import EnrolmentSummary, enrol_kiosk
from kiosk.services.runtime import KioskRuntime
from tests.support.county_process import (
    REPO_ROOT,
    list_county_records,
    run_county_cli,
    start_county_server,
    stop_county_server,
)

SITE = "幸福镇便民服务中心"


@dataclass
class County:
    """A running `county-server serve` and the commands a county operator would type."""

    proc: subprocess.Popen[bytes]
    url: str
    database_url: str
    database_path: Path

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run one county-server command against this server's database; it must succeed."""
        result = run_county_cli(*args, database_url=self.database_url, cwd=REPO_ROOT)
        assert result.returncode == 0, result.stderr
        return result

    def code(self, *, site: str = SITE) -> str:
        """A fresh one-time enrolment code."""
        return self.cli("enrolment-code", "--site", site).stdout.strip()

    def expire_every_code(self) -> None:
        """As if every code's time-to-live had passed (the CLI's shortest TTL is a minute)."""
        with closing(sqlite3.connect(self.database_path)) as raw, raw:
            raw.execute("UPDATE enrolment_code SET expires_at = created_at")

    def records(self, kind: str | None = None) -> list[dict[str, object]]:
        """What the server stored, as `county-server list-records` prints it."""
        return list_county_records(database_url=self.database_url, cwd=REPO_ROOT, kind=kind)

    def stop(self) -> None:
        """Stop the process (idempotent)."""
        stop_county_server(self.proc)


@contextmanager
def running_county(directory: Path) -> Iterator[County]:
    """A county server on 127.0.0.1, port 0, with its SQLite file in `directory`; stopped afterwards."""
    database_path = directory / "county.db"
    database_url = f"sqlite:///{database_path}"
    proc, url = start_county_server(database_url=database_url, cwd=REPO_ROOT)
    county = County(proc, url, database_url, database_path)
    try:
        yield county
    finally:
        county.stop()


def restart(county: County) -> County:
    """The same database served by a new process (on a new port)."""
    county.stop()
    proc, url = start_county_server(database_url=county.database_url, cwd=REPO_ROOT)
    return County(proc, url, county.database_url, county.database_path)


def enrol(kiosk: KioskRuntime, county: County, *, server_url: str | None = None) -> EnrolmentSummary:
    """Enrol the kiosk with a fresh code, as `kiosk-admin enrol` does."""
    return enrol_kiosk(kiosk, server_url=server_url or county.url, code=county.code())
