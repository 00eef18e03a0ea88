"""A kiosk talking to the real county server through the fault proxy, with short timeouts and batches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Filing, OutboxEntry
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from tests.support.fault_proxy import FaultProxy
from tests.sync.county_helpers import County, enrol, restart, running_county

BATCH_SIZE = 5
REQUEST_DEADLINE_S = 3.0


@dataclass
class Rig:
    """Kiosk, proxy and county server wired together."""

    kiosk: KioskRuntime
    proxy: FaultProxy
    county: County

    def file(self, count: int) -> list[str]:
        """File `count` filings (spread over a few services) and return their ids."""
        services = self.kiosk.catalog.services
        ids = []
        for n in range(count):
            service = services[n % 7 * 9 % len(services)]
            ids.append(
                submit_filing(self.kiosk, service_code=service.code, answers=demo_answers(service)).filing_id
            )
        return ids

    def restart_server(self) -> None:
        """Stop the county server and start it again on the same database (a new port behind the proxy)."""
        self.county = restart(self.county)
        self.proxy.retarget(int(self.county.url.rsplit(":", 1)[1]))

    def drain(self, *, rounds: int = 30) -> None:
        """Sync with no faults until nothing is left to send (or fail after `rounds`)."""
        for _ in range(rounds):
            run_full_round(self.kiosk)
            if self.unsent() == 0:
                return
        raise AssertionError(f"{self.unsent()} records still unsent after {rounds} rounds")

    def unsent(self) -> int:
        """Outbox rows not yet acknowledged (pending or in flight)."""
        with self.kiosk.sessions() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(OutboxEntry)
                    .where(OutboxEntry.state.in_(("pending", "in_flight")))
                )
                or 0
            )

    def assert_converged(self) -> None:
        """The server holds exactly the kiosk's accepted filings: none lost, none twice."""
        with self.kiosk.sessions() as session:
            local = set(session.scalars(select(Filing.id)))
            quarantined = session.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "rejected")
            )
        stored = [str(r["id"]) for r in self.county.records(kind="filing")]
        assert len(stored) == len(set(stored)), "a filing is stored twice"
        assert set(stored) == local, f"lost: {len(local - set(stored))}, unknown: {len(set(stored) - local)}"
        assert quarantined == 0


@pytest.fixture
def rig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    """Everything on 127.0.0.1; the kiosk enrols (and later syncs) through the proxy."""
    monkeypatch.setenv("BIANMIN_SYNC_BATCH_SIZE", str(BATCH_SIZE))
    monkeypatch.setenv("BIANMIN_SYNC_READ_TIMEOUT_S", "1.5")
    monkeypatch.setenv("BIANMIN_SYNC_CONNECT_TIMEOUT_S", "1.5")
    monkeypatch.setenv("BIANMIN_SYNC_REQUEST_DEADLINE_S", str(REQUEST_DEADLINE_S))
    with running_county(tmp_path) as county:
        proxy = FaultProxy("127.0.0.1", int(county.url.rsplit(":", 1)[1])).start()
        kiosk = open_kiosk(load_settings())
        rig = Rig(kiosk, proxy, county)
        try:
            enrol(kiosk, county, server_url=proxy.url)
            yield rig
        finally:
            kiosk.close()
            proxy.stop()
            rig.county.stop()
