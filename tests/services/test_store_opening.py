"""The store opens on a thread of its own at start: its parts wait for it, and its failure reaches the user."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from db.errors import StoreError
from kiosk.services.runtime import kiosk_opened_later, open_kiosk
from kiosk.settings import load_settings


def test_the_parts_of_the_store_wait_for_it_to_open(tmp_path: Path) -> None:
    kiosk, start = kiosk_opened_later(load_settings())
    assert not kiosk.is_open()
    assert kiosk.settings.data_dir == tmp_path / "kiosk-data"  # settings are there at once
    start()
    try:
        assert kiosk.catalog.services  # waits for the opener thread
        assert kiosk.is_open()
        assert len(kiosk.device_id) == 36
        assert (tmp_path / "kiosk-data" / "kiosk.db").exists()
    finally:
        kiosk.close()


def test_the_device_keeps_its_identity_across_a_two_stage_start() -> None:
    first = open_kiosk(load_settings())
    device_id = first.device_id
    first.close()
    kiosk, start = kiosk_opened_later(load_settings())
    start()
    start()  # a second call (the first frame, then the fallback timer) opens nothing twice
    try:
        assert kiosk.device_id == device_id
    finally:
        kiosk.close()


def test_a_kiosk_stopped_before_its_store_began_to_open_stops_at_once_and_never_opens_it(
    tmp_path: Path,
) -> None:
    kiosk, start = kiosk_opened_later(load_settings())
    closing = threading.Thread(target=kiosk.close)
    closing.start()
    closing.join(timeout=5)
    assert not closing.is_alive()
    start()  # the late timer of a stopping kiosk
    assert not kiosk.is_open()
    assert not (tmp_path / "kiosk-data" / "kiosk.db").exists()


def test_a_store_that_cannot_open_tells_whoever_uses_it_in_both_languages(tmp_path: Path) -> None:
    data = tmp_path / "kiosk-data"
    data.mkdir()
    broken = b"definitely not sqlite " * 200
    (data / "kiosk.db").write_bytes(broken)
    kiosk, start = kiosk_opened_later(load_settings())
    heard: list[BaseException | None] = []
    done = threading.Event()
    kiosk.when_opened(lambda problem: (heard.append(problem), done.set()))
    start()
    assert done.wait(timeout=30)
    assert isinstance(heard[0], StoreError)
    assert not kiosk.is_open()
    with pytest.raises(StoreError) as raised:
        _ = kiosk.sessions
    assert "无法打开本地数据库" in raised.value.zh and "Cannot open the local database" in raised.value.en
    kiosk.close()  # nothing to release, and no error
    assert (data / "kiosk.db").read_bytes() == broken


def test_a_failure_while_loading_the_use_cases_stops_the_start_like_a_failed_open() -> None:
    def broken_import() -> None:
        raise ImportError("a module of the kiosk is missing")

    kiosk, start = kiosk_opened_later(load_settings(), warm=broken_import)
    start()
    with pytest.raises(ImportError):
        _ = kiosk.catalog
    assert not kiosk.is_open()
