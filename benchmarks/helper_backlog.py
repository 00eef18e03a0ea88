"""A helper's laptop back from the villages: 500 assisted filings with photos drained to the county on loopback.

The laptop is enrolled and the helper has chosen a PIN (online); then the filings are made with no sync
running, so all of them wait in the local queue: two document photos and a signature each. The drain is
`run_full_round` (files, push, pull, heartbeat) until nothing waits. The baseline is the same drain of as
many citizen filings without photos (what benchmarks.sync_drain pushes), from a second kiosk to the same server.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import requests

from benchmarks.assisted_submit import SERVICE, file_assisted
from benchmarks.helper_material import (
    HELPER_NAME,
    PIN,
    STAFF_NO,
    document_photos,
    load_average,
    signatures,
    signed_in,
)
from kiosk.services.attachments import add_attachment
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.helper_pin_setup import set_up_helper_pin
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.status import queue_status
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from tests.sync.county_helpers import SITE, County, enrol, running_county

BACKLOG = 500
PHOTOS_PER_FILING = 2
MAX_ROUNDS = 10
BUDGET_S = 60


@dataclass
class Backlog:
    """What a kiosk queued: its filings and the files they carry."""

    filing_ids: list[str] = field(default_factory=list)
    file_hashes: set[str] = field(default_factory=set)
    file_bytes: int = 0
    photo_sizes: list[int] = field(default_factory=list)


def _enrolled(county: County, data_dir: Path) -> KioskRuntime:
    kiosk = open_kiosk(load_settings({"BIANMIN_DATA_DIR": str(data_dir)}))
    enrol(kiosk, county)
    return kiosk


def _citizen_backlog(kiosk: KioskRuntime) -> Backlog:
    service = kiosk.catalog.service(SERVICE)
    answers = demo_answers(service)
    ids = [submit_filing(kiosk, service_code=SERVICE, answers=answers).filing_id for _ in range(BACKLOG)]
    return Backlog(filing_ids=ids)


def _helper_backlog(kiosk: KioskRuntime, county: County) -> Backlog:
    setup = county.cli("helper", "add", "--site", SITE, "--name", HELPER_NAME, "--staff-no", STAFF_NO)
    set_up_helper_pin(kiosk, staff_no=STAFF_NO, setup_code=setup.stdout.strip(), pin=PIN)
    helper = signed_in(kiosk)
    service = kiosk.catalog.service(SERVICE)
    backlog = Backlog()
    photos = document_photos()
    for signature in signatures(BACKLOG):
        taken = list(islice(photos, PHOTOS_PER_FILING))
        hashes = [add_attachment(kiosk, data=photo, media_type="image/jpeg") for photo in taken]
        filing = file_assisted(kiosk, helper, service, signature, photos=hashes)
        backlog.filing_ids.append(filing.filing_id)
        backlog.photo_sizes += [len(photo) for photo in taken]
        backlog.file_bytes += len(signature) + sum(len(photo) for photo in taken)
        backlog.file_hashes.update([*hashes, hashlib.sha256(signature).hexdigest()])
    return backlog


def _cpu_s(pid: int) -> float:
    """User and system CPU seconds a process has used (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _drain(kiosk: KioskRuntime, county: County) -> dict[str, Any]:
    """Full rounds until nothing waits (a round that fails stops the benchmark): time, requests, CPU used."""
    answers: list[requests.Response] = []
    rounds = 0
    county_cpu, kiosk_cpu = _cpu_s(county.proc.pid), time.process_time()
    start = time.perf_counter()
    with requests.Session() as http:
        http.hooks["response"].append(lambda response, *_args, **_kwargs: answers.append(response))
        while queue_status(kiosk).pending and rounds < MAX_ROUNDS:
            report = run_full_round(kiosk, http=http)
            rounds += 1
            assert report.ok, report.error
    seconds = time.perf_counter() - start
    return {
        "s": round(seconds, 2),
        "rounds": rounds,
        "http_requests": len(answers),
        "cpu_s": {
            "kiosk": round(time.process_time() - kiosk_cpu, 2),
            "county": round(_cpu_s(county.proc.pid) - county_cpu, 2),
        },
    }


def _complete_files_at_county(county: County) -> set[str]:
    """The files the county holds complete (read from its database file)."""
    with closing(sqlite3.connect(f"file:{county.database_path}?mode=ro", uri=True)) as raw:
        return {sha for (sha,) in raw.execute("SELECT sha256 FROM attachment WHERE complete")}


def _held(county: County, backlog: Backlog, files: set[str]) -> dict[str, Any]:
    """What the county holds of a backlog: filings (each once?) and complete files."""
    payloads = [record["payload"] for record in county.records(kind="filing")]
    wanted = set(backlog.filing_ids)
    ids = [payload["id"] for payload in payloads if isinstance(payload, dict) and payload["id"] in wanted]
    attached = {
        sha
        for payload in payloads
        if isinstance(payload, dict) and payload["id"] in wanted
        for sha in payload["attachments"]
    }
    return {
        "filings": len(ids),
        "distinct_filings": len(set(ids)),
        "lost": len(wanted - set(ids)),
        "files_listed": len(attached),
        "files_complete": len(attached & files),
    }


def run() -> dict[str, Any]:
    """Both drains against the same server process, in the same run; then what the county holds is counted."""
    load_before = load_average()
    with tempfile.TemporaryDirectory() as tmp, running_county(Path(tmp)) as county:
        citizen = _enrolled(county, Path(tmp) / "citizen")
        citizen_backlog = _citizen_backlog(citizen)
        citizen_drain = _drain(citizen, county)
        citizen.close()
        laptop = _enrolled(county, Path(tmp) / "laptop")
        backlog = _helper_backlog(laptop, county)
        queued = queue_status(laptop).pending
        load_at_drain = load_average()
        drain = _drain(laptop, county)
        assert run_full_round(laptop).ok  # one more round: nothing is sent twice
        left = queue_status(laptop)
        laptop.close()
        load_after = load_average()
        files = _complete_files_at_county(county)
        held = _held(county, backlog, files)
        citizen_held = _held(county, citizen_backlog, files)
    sizes = sorted(backlog.photo_sizes)
    exact = held["filings"] == held["distinct_filings"] == BACKLOG and held["lost"] == 0
    every_file = held["files_listed"] == held["files_complete"] == len(backlog.file_hashes)
    return {
        "backlog_filings": BACKLOG,
        "queued_before_drain": queued,
        "files": len(backlog.file_hashes),
        "file_megabytes": round(backlog.file_bytes / 1e6, 1),
        "photo_jpeg_bytes": {"min": sizes[0], "median": sizes[len(sizes) // 2], "max": sizes[-1]},
        "assisted_with_photos_drain": drain,
        "citizen_without_photos_drain": citizen_drain,
        "assisted_over_citizen": round(drain["s"] / max(citizen_drain["s"], 1e-6), 1),
        "county_holds_assisted": held,
        "county_holds_citizen": citizen_held,
        "left_on_laptop_after_another_round": {
            "pending": left.pending,
            "rejected": left.rejected,
            "sent": left.sent,
        },
        "load_average_before_at_drain_after": [load_before, load_at_drain, load_after],
        "budget": {"drain_s": BUDGET_S, "county_filings": BACKLOG},
        "within_budget": drain["s"] <= BUDGET_S and exact and every_file,
    }
