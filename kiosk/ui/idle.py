"""Idle wipe: after a quiet spell a countdown warns; a touch extends, otherwise the session is wiped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)
ELDER_FACTOR = 2  # elder mode: twice the time before the warning, and no hurry in the countdown


class IdleWatch(QObject):
    """Watches every touch and key of the application; `expired` fires when the countdown runs out."""

    changed = Signal()
    expired = Signal()
    activity = Signal()  # every touch or key (a signed-in helper's quiet spell starts again)

    def __init__(
        self,
        *,
        timeout_s: int,
        warning_s: int,
        elder: Callable[[], bool],
        session_started: Callable[[], bool],
        held: Callable[[], bool] = lambda: False,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.warning_s = warning_s
        self._elder = elder
        self._session_started = session_started
        self._held = held  # True while a signed-in helper's own lock guards the screen instead
        self._at_home = True
        self._seconds_left = 0
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._on_quiet)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self.restart()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any touch or key press counts as activity (the event goes on to its target)."""
        if event.type() in ACTIVITY_EVENTS:
            self.restart()
            self.activity.emit()
        return False

    def _factor(self) -> int:
        return ELDER_FACTOR if self._elder() else 1

    @Slot()
    def restart(self) -> None:
        """Activity: hide the warning and measure idle time from now."""
        was_warning = self._tick.isActive()
        self._tick.stop()
        self._quiet.start(self.timeout_s * 1000 * self._factor())
        if was_warning:
            self._seconds_left = 0
            self.changed.emit()

    def _on_quiet(self) -> None:
        if (self._at_home and not self._session_started()) or self._held():
            self._quiet.start()  # nobody's data on screen, or the helper's lock guards it: nothing to warn about
            return
        self._seconds_left = self.warning_s * self._factor()
        self._tick.start()
        self.changed.emit()

    def _on_tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._tick.stop()
            self._seconds_left = 0
            self.changed.emit()
            self.expired.emit()
            self._quiet.start(self.timeout_s * 1000)
        else:
            self.changed.emit()

    def expire_now(self) -> None:
        """Run out the countdown at once (tests, and a crash recovery that must wipe)."""
        self._seconds_left = 1
        self._on_tick()

    @Property(bool, notify=changed)
    def warning(self) -> bool:
        """True while the countdown is shown."""
        return self._seconds_left > 0

    @Property(int, notify=changed)
    def secondsLeft(self) -> int:
        """Seconds until the wipe, while warning."""
        return self._seconds_left

    def _get_at_home(self) -> bool:
        return self._at_home

    def _set_at_home(self, at_home: bool) -> None:
        if at_home != self._at_home:
            self._at_home = at_home
            self.changed.emit()

    atHome = Property(bool, _get_at_home, _set_at_home, notify=changed)
