"""`python -m benchmarks.minimal_vk_app`: start the minimal app, print its start marks once interactive."""

from __future__ import annotations

import sys
import time
from pathlib import Path

STARTED = time.monotonic()  # before the Qt imports (inside main), as the kiosk driver marks it
MAIN_QML = Path(__file__).resolve().parent / "Main.qml"


def main() -> int:
    """Load Main.qml and run until the window is interactive."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickWindow

    from benchmarks.first_frame import InteractiveWatch, mark

    marks = {"python_started": STARTED, "imported": mark()}
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    marks["ui_building"] = mark()
    engine.load(str(MAIN_QML))
    window = engine.rootObjects()[0]
    if not isinstance(window, QQuickWindow):
        raise RuntimeError("Main.qml failed to load")
    marks["ui_built"] = mark()
    watch = InteractiveWatch(window, item_name="textField", marks=marks)
    code = app.exec()
    watch.deleteLater()
    return code


if __name__ == "__main__":
    sys.exit(main())
