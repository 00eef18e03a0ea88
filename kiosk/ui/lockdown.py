"""Kiosk lockdown: no way out of the window for a citizen, and the hidden corner gesture for the technician.

The gesture: on the home screen, press and hold the top-left corner for 3 s, lift, then tap the
bottom-right corner within 3 s. Chosen because a citizen does not hit it by chance: a long press on an
empty corner of the header is rare, and then the far corner must follow at once (two deliberate moves
across the whole screen). Repeated tapping, which children and impatient people do, never arms it. Only on
the home screen, where the header corner holds no button and no form can lose a typed answer; the final
tap is swallowed so the tile under that corner does not react.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent, QWindow

_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})
_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
_RELEASES = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd})
_MOVES = frozenset({QEvent.Type.MouseMove, QEvent.Type.TouchUpdate})
_POINTER_EVENTS = _PRESSES | _RELEASES | _MOVES | {QEvent.Type.TouchCancel}
MM_PER_INCH = 25.4
FALLBACK_DPI = 96.0  # as Theme.qml, when the screen reports an implausible density


@functools.cache
def _closing() -> tuple[
    frozenset[QtCore.Qt.Key], frozenset[tuple[QtCore.Qt.KeyboardModifier, QtCore.Qt.Key]]
]:
    """The closing keys and chords (built on the first key: see kiosk.ui.gui_thread for why not at import)."""
    qt = QtCore.Qt
    keys = frozenset({qt.Key.Key_Escape, qt.Key.Key_Back, qt.Key.Key_Menu, qt.Key.Key_Close, qt.Key.Key_Exit})
    ctrl, alt = qt.KeyboardModifier.ControlModifier, qt.KeyboardModifier.AltModifier
    chords = frozenset(
        {(ctrl, qt.Key.Key_Q), (ctrl, qt.Key.Key_W), (ctrl, qt.Key.Key_F4), (alt, qt.Key.Key_F4)}
    )
    return keys, chords


def is_closing_key(event: QKeyEvent) -> bool:
    """Escape, Back, Menu, Close, Exit, Ctrl+Q, Ctrl+W, Ctrl+F4 or Alt+F4."""
    qt = QtCore.Qt
    keys, chords = _closing()
    key = qt.Key(event.key())
    chord = event.modifiers() & (qt.KeyboardModifier.ControlModifier | qt.KeyboardModifier.AltModifier)
    return key in keys or (chord, key) in chords


class KioskLock(QObject):
    """Keeps the kiosk window open, full screen and frameless until `release()` (technician exit, shutdown)."""

    def __init__(self, window: QWindow, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._locked = True
        window.installEventFilter(self)
        window.visibilityChanged.connect(self._on_visibility)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow close requests (window manager, Alt+F4, code) and closing keys while locked."""
        if not self._locked:
            return False
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return event.type() in _KEY_EVENTS and isinstance(event, QKeyEvent) and is_closing_key(event)

    def _on_visibility(self, visibility: QWindow.Visibility) -> None:
        if self._locked and visibility != QWindow.Visibility.FullScreen:
            QTimer.singleShot(0, self._back_to_full_screen)  # after the window system's own change

    def _back_to_full_screen(self) -> None:
        if self._locked and self._window.visibility() != QWindow.Visibility.FullScreen:
            self._window.setFlags(self._window.flags() | QtCore.Qt.WindowType.FramelessWindowHint)
            self._window.showFullScreen()

    def release(self) -> None:
        """Let the window close (the technician's exit, the program's shutdown)."""
        self._locked = False
        self._window.removeEventFilter(self)


def _pixels_per_mm(window: QWindow) -> float:
    screen = window.screen()
    density = screen.physicalDotsPerInch() / MM_PER_INCH if screen is not None else 0.0
    return density if 2 <= density <= 30 else FALLBACK_DPI / MM_PER_INCH


def _press_position(event: QEvent) -> QPointF | None:
    if isinstance(event, QMouseEvent):
        return event.position()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].position()
    return None


class TechnicianGesture(QObject):
    """Watches the window's presses (never blocking a citizen's) and fires `triggered` on the hidden gesture."""

    triggered = Signal()

    def __init__(
        self,
        window: QWindow,
        *,
        at_home: Callable[[], bool],
        hold_s: float = 3.0,
        reach_s: float = 3.0,
        corner_mm: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._at_home = at_home
        self.hold_s, self.reach_s, self.corner_mm = hold_s, reach_s, corner_mm
        self._clock = clock
        self._held_since: float | None = None  # a press in the top-left corner is going on
        self._armed_until: float | None = None  # the hold is done: the bottom-right tap may follow
        self._swallowing = False  # the completing tap: its release and moves are not the citizen's
        window.installEventFilter(self)

    def _corner(self, position: QPointF) -> str:
        size = self.corner_mm * _pixels_per_mm(self._window)
        left, top = position.x() <= size, position.y() <= size
        right = position.x() >= self._window.width() - size
        bottom = position.y() >= self._window.height() - size
        return "top-left" if left and top else "bottom-right" if right and bottom else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the gesture; only the tap that completes it is kept from the QML items."""
        kind = event.type()
        if self._swallowing and kind in _POINTER_EVENTS:
            self._swallowing = kind not in _RELEASES and kind != QEvent.Type.TouchCancel
            return True
        position = _press_position(event)
        if kind == QEvent.Type.TouchCancel:
            self._held_since = None
        elif kind in _PRESSES and position is not None:
            return self._on_press(self._corner(position))
        elif kind in _MOVES and position is not None and self._held_since is not None:
            if self._corner(position) != "top-left":
                self._held_since = None  # the finger slid away: not a hold
        elif kind in _RELEASES and position is not None:
            self._on_release(self._corner(position))
        return False

    def _on_press(self, corner: str) -> bool:
        now = self._clock()
        armed = self._armed_until is not None and now <= self._armed_until
        self._armed_until, self._held_since = None, None
        if not self._at_home():
            return False
        if corner == "bottom-right" and armed:
            self._swallowing = True
            self.triggered.emit()
            return True
        if corner == "top-left":
            self._held_since = now
        return False

    def _on_release(self, corner: str) -> None:
        now = self._clock()
        held_since, self._held_since = self._held_since, None
        if held_since is not None and corner == "top-left" and now - held_since >= self.hold_s:
            self._armed_until = now + self.reach_s
