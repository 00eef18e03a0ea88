"""Drain a 10,000-record backlog to the real county server on loopback, beside one request per record."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.sync_round import run_channel
from kiosk.settings import load_settings
from sync.backoff import PUSH
from tests.sync.county_helpers import enrol, running_county

BACKLOG = 10_000
BASELINE_SAMPLE = 500  # one request per record is measured on a sample and scaled


def _kiosk_with_backlog(data_dir: Path, *, count: int, batch_size: int) -> KioskRuntime:
    os.environ["BIANMIN_DATA_DIR"] = str(data_dir)
    os.environ["BIANMIN_SYNC_BATCH_SIZE"] = str(batch_size)
    kiosk = open_kiosk(load_settings())
    services = kiosk.catalog.services
    for n in range(count):
        service = services[n % len(services)]
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    return kiosk


def _timed_push(kiosk: KioskRuntime) -> tuple[float, int, int]:
    """Seconds, HTTP bytes both ways (bodies as sent, headers, request lines) and requests for one push."""
    sent = {"bytes": 0, "requests": 0}

    def count(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        request = response.request
        body = request.body if isinstance(request.body, bytes) else b""
        headers = sum(len(k) + len(v) + 4 for k, v in request.headers.items())
        answer = len(response.content) + sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        sent["bytes"] += len(body) + headers + len(f"{request.method} {request.path_url} HTTP/1.1") + answer
        sent["requests"] += 1

    with requests.Session() as http:
        http.hooks["response"].append(count)
        start = time.perf_counter()
        report = run_channel(kiosk, PUSH, http=http)
        elapsed = time.perf_counter() - start
    assert report.ok, report.error
    return elapsed, sent["bytes"], sent["requests"]


def run() -> dict[str, Any]:
    """Both measurements against the same server process, in the same run."""
    saved_env = {k: os.environ.get(k) for k in ("BIANMIN_DATA_DIR", "BIANMIN_SYNC_BATCH_SIZE")}
    try:
        with tempfile.TemporaryDirectory() as tmp, running_county(Path(tmp)) as county:
            batched = _kiosk_with_backlog(Path(tmp) / "batched", count=BACKLOG, batch_size=500)
            enrol(batched, county)
            seconds, wire_bytes, requests_sent = _timed_push(batched)
            batched.close()
            single = _kiosk_with_backlog(Path(tmp) / "single", count=BASELINE_SAMPLE, batch_size=1)
            enrol(single, county)
            sample_seconds, single_bytes, _ = _timed_push(single)
            single.close()
            stored = len(county.records(kind="filing"))
    finally:
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    baseline_seconds = sample_seconds * BACKLOG / BASELINE_SAMPLE
    return {
        "backlog_records": BACKLOG,
        "batched_push_s": round(seconds, 2),
        "batched_requests": requests_sent,
        "one_request_per_record_s_extrapolated": round(baseline_seconds, 2),
        "one_request_per_record_sample": BASELINE_SAMPLE,
        "speedup": round(baseline_seconds / seconds, 1),
        "http_bytes_per_filing_batched": round(wire_bytes / BACKLOG, 1),
        "http_bytes_per_filing_one_per_request": round(single_bytes / BASELINE_SAMPLE, 1),
        "server_holds": stored,
        "budget": {"drain_s": 10, "speedup_min": 20},
    }
