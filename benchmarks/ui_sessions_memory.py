"""Resident memory after 1,000 simulated citizen sessions against after the first (budget: ≤ 10 MB growth).

One process, the real QML offscreen on a throwaway data directory (build_ui, as the UI tests do). Each
session goes home → service → answers → durable submit (vm.submit) → printed receipt (the default file
printer) → idle wipe or Done (benchmarks.citizen_sessions). Memory is read from /proc/self/status once the
garbage of both Python and the QML engine is collected and deferred deletes have run.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from benchmarks.citizen_driver import CitizenDriver, flush_events, items_under
from benchmarks.citizen_sessions import plan_session, run_session
from kiosk.domain.catalog import Catalog
from kiosk.services.runtime import open_kiosk
from kiosk.settings import load_settings
from kiosk.ui.app import KioskUi, build_ui, load_shipped_font, prepare_qt_environment
from kiosk.ui.catalog_search_model import DEBOUNCE_MS

SESSIONS = 1000
CHECKPOINTS = (1, 50, 100, 250, 500, 750, 1000)
WARM_FROM = 250  # every service, way of finding it, language and ending has been through by then
BUDGET_GROWTH_MB = 10.0


def resident_mb() -> dict[str, float]:
    """Resident memory of this process in MB: all of it (VmRSS), anonymous, and pages of mapped files."""
    fields = {"VmRSS:": "rss_mb", "RssAnon:": "rss_anon_mb", "RssFile:": "rss_file_mb"}
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, *value = line.split()
        if name in fields:
            found[fields[name]] = round(int(value[0]) / 1024, 2)
    return found


@contextmanager
def offscreen_kiosk() -> Iterator[tuple[KioskUi, Catalog]]:
    """The kiosk UI offscreen in a 1280×800 window on a throwaway data directory, closed afterwards."""
    with tempfile.TemporaryDirectory(prefix="bianmin-sessions-") as tmp:
        variables = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(Path(tmp) / "config")}
        with mock.patch.dict(os.environ, variables):
            prepare_qt_environment()
            app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
            load_shipped_font()
            kiosk = open_kiosk(load_settings({"BIANMIN_DATA_DIR": str(Path(tmp) / "data")}))
            ui = build_ui(kiosk, windowed=True)
            ui.window.resize(1280, 800)
            try:
                yield ui, kiosk.catalog
            finally:
                ui.close()
                kiosk.close()
                app.processEvents()


def search_every_keystroke(ui: KioskUi) -> None:
    """Cut the search debounce to 0 on the live object, so that every keystroke is searched."""
    # A citizen on the touch keyboard types slower than the debounce: every keystroke is searched there too.
    assert ui.citizen is not None
    for timer in ui.citizen.search.findChildren(QTimer):
        if timer.isSingleShot() and timer.interval() == DEBOUNCE_MS:
            timer.setInterval(0)


def settled_memory(ui: KioskUi) -> dict[str, float | int]:
    """Collect Python's and QML's garbage, run deferred deletes, then read RSS and two object counts."""
    for _ in range(3):
        ui.engine.collectGarbage()
        gc.collect()
        flush_events()
    return {
        **resident_mb(),
        "python_objects": len(gc.get_objects()),
        "qml_items_in_window": len(items_under(ui.window.contentItem())),
    }


def run(*, sessions: int = SESSIONS, checkpoints: tuple[int, ...] = CHECKPOINTS) -> dict[str, Any]:
    """Run `sessions` sessions in this process and read memory at each checkpoint."""
    with offscreen_kiosk() as (ui, catalog):
        driver = CitizenDriver(ui.window)
        search_every_keystroke(ui)
        try:
            memory, print_states, elapsed = _sessions(ui, driver, catalog, sessions, checkpoints)
        finally:
            driver.close()
    first, last = memory[min(memory)], memory[max(memory)]
    growth = round(float(last["rss_mb"]) - float(first["rss_mb"]), 2)
    warm = memory[WARM_FROM] if WARM_FROM in memory and max(memory) > WARM_FROM else None
    return {
        "sessions": sessions,
        "after_sessions": {str(number): figures for number, figures in memory.items()},
        "rss_growth_mb": growth,
        f"rss_growth_after_{WARM_FROM}_mb": (
            None if warm is None else round(float(last["rss_mb"]) - float(warm["rss_mb"]), 2)
        ),
        "sessions_per_s": round(sessions / elapsed, 1),
        "print_states": dict(print_states),
        "budget": {"rss_growth_mb": BUDGET_GROWTH_MB},
        "within_budget": growth <= BUDGET_GROWTH_MB,
        "note": (
            "one process, real QML offscreen (software scene graph), 1280×800; sessions vary the service "
            "(stride 7 over the catalog), search by 汉字 or initials or browse by category, English every "
            "5th, elder mode every 7th, end by idle wipe or Done (+ Home); RSS after gc.collect, "
            "QQmlEngine.collectGarbage and deferred deletes. Off on the live objects, to keep to minutes: "
            "StackView slide transitions, and the 150 ms search debounce (every keystroke is searched)"
        ),
    }


def _sessions(
    ui: KioskUi, driver: CitizenDriver, catalog: Catalog, sessions: int, checkpoints: tuple[int, ...]
) -> tuple[dict[int, dict[str, float | int]], Counter[str], float]:
    """Memory at each checkpoint, the receipts' print states, and the seconds the sessions took."""
    memory: dict[int, dict[str, float | int]] = {}
    print_states: Counter[str] = Counter()
    elapsed = 0.0
    for number in range(sessions):
        started = time.perf_counter()
        print_states[run_session(ui, driver, plan_session(catalog, number))] += 1
        elapsed += time.perf_counter() - started
        if number + 1 in checkpoints:
            memory[number + 1] = settled_memory(ui)
    return memory, print_states, elapsed


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, ensure_ascii=False))
