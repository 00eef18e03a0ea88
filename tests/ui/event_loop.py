"""Run the application's real event loop in a test, to see whether anything quit the program."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer

TEST_ENDED_THE_LOOP = 42


def run_event_loop_around(act: Callable[[], None], *, ms: int = 1500) -> int:
    """Run QCoreApplication.exec() while `act` runs; 42 when the test's timer ended it, 0 after a quit()."""
    app = QCoreApplication.instance()
    assert app is not None
    QTimer.singleShot(0, act)
    QTimer.singleShot(ms, lambda: app.exit(TEST_ENDED_THE_LOOP))
    return app.exec()
