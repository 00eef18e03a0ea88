"""200 simulated kiosks push at once to the county server on PostgreSQL: latency per push and errors."""

from __future__ import annotations

import asyncio
import gzip
import json
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import sessionmaker

from benchmarks.fleet_client import AsyncKiosk
from benchmarks.stats import summarise
from county.db import create_county_engine
from county.enrolment import issue_code
from county.migrate import upgrade_to_head
from tests.county.factories import filing
from tests.support.county_process import REPO_ROOT, start_county_server, stop_county_server
from tests.support.postgres import start_postgres
from tests.support.signed_client import enrol_request, new_device_id

KIOSKS = 200
PUSHES_PER_KIOSK = 3
RECORDS_PER_PUSH = 10
# One server process per core of this 2-core machine (`county-server serve --workers`).
SERVER_WORKERS = 2


def _gzipped_pushes(device_id: str) -> list[bytes]:
    """A kiosk's push bodies, serialised and gzipped up front as its outbox would hand them over."""
    bodies = []
    for _ in range(PUSHES_PER_KIOSK):
        body = {
            "protocol": 1,
            "device_id": device_id,
            "records": [filing(device_id=device_id) for _ in range(RECORDS_PER_PUSH)],
        }
        bodies.append(gzip.compress(json.dumps(body, ensure_ascii=False).encode("utf-8")))
    return bodies


def _issue_codes(database_url: str, count: int) -> list[str]:
    engine = create_county_engine(database_url)
    try:
        upgrade_to_head(engine)
        with sessionmaker(engine).begin() as session:
            now = datetime.now(UTC)
            return [
                issue_code(session, site="基准测试镇", ttl=timedelta(hours=1), now=now) for _ in range(count)
            ]
    finally:
        engine.dispose()


def _enrol_all(base_url: str, codes: list[str]) -> list[AsyncKiosk]:
    """Enrol one kiosk per code over HTTP, as kiosk-admin enrol does."""
    kiosks = []
    for code in codes:
        key = Ed25519PrivateKey.generate()
        answer = enrol_request(base_url, code=code, device_id=new_device_id(), private_key=key)
        assert answer.status_code == 201, answer.text
        kiosks.append(AsyncKiosk(base_url, answer.json()["device_id"], key))
    return kiosks


async def _kiosk_pushes(
    kiosk: AsyncKiosk, start: asyncio.Event, latencies: list[float], errors: list[str], *, delay_s: float
) -> None:
    """Wait for the start, then push this kiosk's bodies one after the other, timing each."""
    bodies = _gzipped_pushes(kiosk.device_id)
    await start.wait()
    await asyncio.sleep(delay_s)
    for body in bodies:
        began = time.perf_counter()
        try:
            status, answer = await kiosk.push(body)
            results: Any = answer.get("results", [])
            if status != 200 or not all(r["status"] == "accepted" for r in results):
                errors.append(f"HTTP {status}")
        except Exception as exc:  # a benchmark counts every failure, whatever its kind
            errors.append(type(exc).__name__)
        latencies.append((time.perf_counter() - began) * 1000)


async def _release_async(
    kiosks: list[AsyncKiosk], *, window_s: float
) -> tuple[list[float], list[str], float]:
    """Start every kiosk's task, then release them together."""
    rng = random.Random(7)
    start = asyncio.Event()
    latencies: list[float] = []
    errors: list[str] = []
    tasks = [
        asyncio.create_task(_kiosk_pushes(k, start, latencies, errors, delay_s=rng.uniform(0, window_s)))
        for k in kiosks
    ]
    await asyncio.sleep(0.5)  # every task has built its bodies and waits
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - began
    await asyncio.gather(*(k.close() for k in kiosks))
    return latencies, errors, wall


def _release(kiosks: list[AsyncKiosk], *, window_s: float) -> tuple[list[float], list[str], float]:
    """Release every kiosk at once; each starts after a random delay within `window_s` (0: all together)."""
    return asyncio.run(_release_async(kiosks, window_s=window_s))


def _figures(latencies: list[float], errors: list[str], wall: float) -> dict[str, Any]:
    return {
        "pushes": len(latencies),
        "push_latency": summarise(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "wall_s": round(wall, 2),
    }


def run(*, kiosks: int = KIOSKS) -> dict[str, Any]:
    """Start PostgreSQL and the server, enrol the fleet, then release every kiosk: all at the same instant,
    and spread over 10 s (what jittered schedules produce when the network comes back)."""
    postgres = start_postgres()
    try:
        database_url = postgres.create_database(prefix="fleet")
        codes = _issue_codes(database_url, kiosks)
        proc, base_url = start_county_server(
            database_url=database_url, cwd=REPO_ROOT, extra_args=("--workers", str(SERVER_WORKERS))
        )
        try:
            fleet = _enrol_all(base_url, codes)
            # A county server has been serving for days when the network of a district comes back: every
            # worker has its connections, prepared statements and caches. One spread-out round gets there.
            _release(fleet, window_s=5.0)
            burst = _figures(*_release(fleet, window_s=0.0))
            spread = _figures(*_release(fleet, window_s=10.0))
        finally:
            stop_county_server(proc)
    finally:
        postgres.stop()
    return {
        "kiosks": kiosks,
        "pushes_per_kiosk": PUSHES_PER_KIOSK,
        "records_per_push": RECORDS_PER_PUSH,
        "all_at_the_same_instant": burst,
        "spread_over_10_s": spread,
        "server_workers": SERVER_WORKERS,
        "budget": {"p99_ms": 500, "errors": 0},
        "note": "the load generator (one asyncio loop, one connection per kiosk), the server and PostgreSQL share the same 2 CPUs; "
        "one spread-out round (not counted) warms the server before the burst, as a running county server is",
    }
