"""Hypothesis interleaves filings, faults, sync rounds and server restarts; the end state is always exact."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from kiosk.services.runtime import open_kiosk
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from tests.support.fault_proxy import Fault, FaultProxy
from tests.sync.county_helpers import enrol, running_county

from .conftest import Rig

FAULTS = st.sampled_from([f for f in Fault if f is not Fault.BLACKHOLE])  # timeouts are slow; tested apart


class SyncUnderFaults(RuleBasedStateMachine):
    """One kiosk, one county server, one proxy per example."""

    rig: Rig

    @initialize()
    def start(self) -> None:
        self._tmp = TemporaryDirectory()
        self._county_cm = running_county(Path(self._tmp.name))
        county = self._county_cm.__enter__()
        proxy = FaultProxy("127.0.0.1", int(county.url.rsplit(":", 1)[1])).start()
        kiosk = open_kiosk(load_settings())
        self.rig = Rig(kiosk, proxy, county)
        enrol(kiosk, county, server_url=proxy.url)

    @rule(count=st.integers(min_value=1, max_value=6))
    def file(self, count: int) -> None:
        self.rig.file(count)

    @rule(faults=st.lists(FAULTS, min_size=1, max_size=3))
    def misbehave(self, faults: list[Fault]) -> None:
        self.rig.proxy.inject(*faults)

    @rule()
    def sync(self) -> None:
        run_full_round(self.rig.kiosk)

    @precondition(lambda self: hasattr(self, "rig"))
    @rule()
    def restart_server(self) -> None:
        self.rig.restart_server()

    @invariant()
    def nothing_unknown_or_twice_on_the_server(self) -> None:
        if not hasattr(self, "rig"):
            return
        stored = [str(r["id"]) for r in self.rig.county.records(kind="filing")]
        assert len(stored) == len(set(stored))

    def teardown(self) -> None:
        if not hasattr(self, "rig"):
            return
        try:
            self.rig.proxy.faults.clear()
            self.rig.drain()
            self.rig.assert_converged()
        finally:
            self.rig.kiosk.close()
            self.rig.proxy.stop()
            self.rig.county.stop()
            self._county_cm.__exit__(None, None, None)
            self._tmp.cleanup()


@pytest.mark.slow
def test_sync_under_interleaved_faults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BIANMIN_SYNC_BATCH_SIZE", "4")
    monkeypatch.setenv("BIANMIN_SYNC_READ_TIMEOUT_S", "1.5")
    counter = iter(range(10_000))

    def fresh_data_dir() -> None:
        monkeypatch.setenv("BIANMIN_DATA_DIR", str(tmp_path / f"example-{next(counter)}"))

    class Machine(SyncUnderFaults):
        def __init__(self) -> None:
            fresh_data_dir()
            super().__init__()

    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=6,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            print_blob=True,
        ),
    )
