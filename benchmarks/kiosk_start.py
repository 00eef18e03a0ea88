"""Start the real kiosk (`kiosk --windowed`) and print its start marks when home is interactive.

`python -m benchmarks.kiosk_start` runs kiosk.ui.app.main unchanged; the only addition wraps build_ui to
mark its start and end, to watch the window for the first frame that shows the home page, and then to wait
for the second stage of the start (the store open on its thread).
"""

from __future__ import annotations

import sys
import time
from typing import Any

STARTED = time.monotonic()  # before the kiosk imports (inside main): python_started → imported is their cost
HOME_PAGE = "homePage"


def main() -> int:
    """Run the kiosk's own entry point with the home-screen watch around build_ui."""
    from benchmarks.first_frame import InteractiveWatch, mark
    from kiosk.ui import app

    marks = {"python_started": STARTED, "imported": mark()}
    build_ui = app.build_ui
    watches: list[InteractiveWatch] = []

    def watched_build_ui(*args: Any, **kwargs: Any) -> app.KioskUi:
        marks["ui_building"] = mark()
        ui = build_ui(*args, **kwargs)
        marks["ui_built"] = mark()
        store_open = ("store_open", args[0].is_open)  # the second stage: the store open, the use cases loaded
        watches.append(InteractiveWatch(ui.window, item_name=HOME_PAGE, marks=marks, then=store_open))
        return ui

    app.build_ui = watched_build_ui
    return app.main(["--windowed"])


if __name__ == "__main__":
    sys.exit(main())
