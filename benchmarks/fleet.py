"""200 simulated kiosks push at once to the county server on PostgreSQL: latency per push and errors."""

from __future__ import annotations

import gzip
import json
import random
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import sessionmaker

from benchmarks.stats import summarise
from county.db import create_county_engine
from county.enrolment import issue_code
from county.migrate import upgrade_to_head
from tests.county.factories import filing
from tests.support.county_process import REPO_ROOT, start_county_server, stop_county_server
from tests.support.postgres import start_postgres
from tests.support.signed_client import SignedClient, enrol_request, new_device_id

KIOSKS = 200
PUSHES_PER_KIOSK = 3
RECORDS_PER_PUSH = 10
# One server process per core of this 2-core machine (`county-server serve --workers`).
SERVER_WORKERS = 2
GZIP_JSON = {"Content-Type": "application/json", "Content-Encoding": "gzip"}


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


def _enrol_all(base_url: str, codes: list[str]) -> list[SignedClient]:
    clients = []
    for code in codes:
        key = Ed25519PrivateKey.generate()
        answer = enrol_request(base_url, code=code, device_id=new_device_id(), private_key=key)
        assert answer.status_code == 201, answer.text
        body = answer.json()
        clients.append(SignedClient(base_url, body["device_id"], key, body["site"], body["config"]))
    return clients


def _kiosk_pushes(
    client: SignedClient,
    start: threading.Barrier,
    latencies: list[float],
    errors: list[str],
    *,
    delay_s: float,
) -> None:
    bodies = _gzipped_pushes(client.device_id)
    start.wait()
    time.sleep(delay_s)
    for body in bodies:
        began = time.perf_counter()
        try:  # signed now, at send time, like the kiosk
            response = client.post("/v1/push", data=body, headers=GZIP_JSON)
            ok = response.status_code == 200 and all(
                r["status"] == "accepted" for r in response.json()["results"]
            )
            if not ok:
                errors.append(f"HTTP {response.status_code}")
        except Exception as exc:  # a benchmark counts every failure, whatever its kind
            errors.append(type(exc).__name__)
        latencies.append((time.perf_counter() - began) * 1000)


def _release(clients: list[SignedClient], *, window_s: float) -> tuple[list[float], list[str], float]:
    """Release every kiosk at once; each starts after a random delay within `window_s` (0: all together)."""
    rng = random.Random(7)
    barrier = threading.Barrier(len(clients))
    latencies: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(
            target=_kiosk_pushes,
            args=(c, barrier, latencies, errors),
            kwargs={"delay_s": rng.uniform(0, window_s)},
        )
        for c in clients
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - began


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
            clients = _enrol_all(base_url, codes)
            burst = _figures(*_release(clients, window_s=0.0))
            spread = _figures(*_release(clients, window_s=10.0))
            for client in clients:
                client.close()
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
        "note": "the load generator (200 threads), the server and PostgreSQL share the same 2 CPUs",
    }
