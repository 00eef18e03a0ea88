"""kill -9 the process that files and syncs, at random moments, again and again: nothing lost, nothing twice."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.settings import load_settings

from .conftest import Rig

KILLS = int(os.environ.get("BIANMIN_CRASH_KILLS", "100"))
REPO_ROOT = Path(__file__).resolve().parents[2]


def _integrity(database: Path) -> str:
    with closing(sqlite3.connect(database)) as raw:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])


def _one_life(rng: random.Random) -> list[str]:
    """Start the worker, let it run for a random moment after it is ready, kill -9 it; return what it filed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.crash_worker"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline().strip()
    assert ready == "ready", proc.stderr.read() if proc.stderr else ready
    time.sleep(rng.uniform(0.0, 0.3))
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return [line.split()[1] for line in out.splitlines() if line.startswith("filed ")]


@pytest.mark.slow
def test_random_kill_9_never_loses_or_doubles_a_filing(rig: Rig) -> None:
    seed = int(os.environ.get("BIANMIN_CRASH_SEED", str(random.SystemRandom().randrange(2**32))))
    print(f"crash test seed: {seed} (rerun with BIANMIN_CRASH_SEED={seed})")
    rng = random.Random(seed)
    database = load_settings().database_path
    reported: list[str] = []
    for life in range(KILLS):
        if life % 10 == 3:
            rig.restart_server()  # the server restarts now and then, too
        reported += _one_life(rng)
        assert _integrity(database) == "ok", f"seed {seed}, kill {life}"
    rig.kiosk.close()  # reopen as a restarted kiosk would
    from kiosk.services.runtime import open_kiosk

    rig.kiosk = open_kiosk(load_settings())
    rig.drain()
    rig.assert_converged()
    stored = {str(r["id"]) for r in rig.county.records(kind="filing")}
    assert set(reported) <= stored, f"seed {seed}: a filing shown as accepted was lost"
    assert len(reported) > KILLS / 2, "the worker got far enough to file before most kills"
