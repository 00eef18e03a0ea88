"""Once home is on screen, the kiosk recovers receipts cut off by a crash and builds the search index."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from db.models import PrintJob
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import open_kiosk
from kiosk.settings import load_settings
from kiosk.ui.app import build_ui, load_shipped_font
from kiosk.ui.deferred_start import DeferredStart, after_first_frame
from kiosk.ui.probe import wait_until


def _state(sessions: sessionmaker[Session], job_id: str) -> str:
    with sessions() as session:
        job = session.get(PrintJob, job_id)
        assert job is not None
        return str(job.state)


def test_after_the_first_frame_a_cut_off_receipt_is_queued_again_and_search_is_ready(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    load_shipped_font()
    kiosk = open_kiosk(load_settings())
    service = kiosk.catalog.services[0]
    filing = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    with kiosk.sessions.begin() as session:  # the power went while this receipt was printing
        job = session.get(PrintJob, filing.print_job_id)
        assert job is not None
        job.state = "printing"
    ui = build_ui(kiosk, windowed=True)
    deferred = DeferredStart(kiosk, ui)
    after_first_frame(ui.window, deferred.run)
    try:
        assert _state(kiosk.sessions, filing.print_job_id) == "printing"  # nothing before home shows
        wait_until(lambda: deferred.index_builder is not None and not deferred.index_builder.is_alive())
        assert _state(kiosk.sessions, filing.print_job_id) in {"queued", "printed"}
        assert deferred.background_sync is None  # not enrolled: offline, and that is fine
    finally:
        deferred.shutdown()
        ui.close()
        kiosk.close()
