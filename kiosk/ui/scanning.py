"""Scanning on the Qt side: camera frames to payloads on the GUI thread, and the wedge-scanner key filter."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication, QInputMethodQueryEvent, QKeyEvent, QWindow

from kiosk.devices.camera import Camera, CameraUnavailable
from kiosk.devices.decode_worker import DecodeWorker
from kiosk.devices.qr_reader import QrReader, QrReaderUnavailable, make_qr_reader
from kiosk.devices.wedge import ENTER, WedgeDetector, is_printable_ascii
from kiosk.domain.errors import KioskError
from kiosk.settings import Settings

log = logging.getLogger(__name__)


@functools.cache
def _special_keys() -> tuple[frozenset[int], frozenset[int]]:
    """The modifier keys and the Enter keys (built on the first key: see kiosk.ui.gui_thread for why)."""
    key = QtCore.Qt.Key
    modifiers = (key.Key_Shift, key.Key_Control, key.Key_Alt, key.Key_Meta, key.Key_AltGr, key.Key_CapsLock)
    return frozenset(k.value for k in modifiers), frozenset({key.Key_Return.value, key.Key_Enter.value})


class ScannerBridge(QObject):
    """Owns the decode worker that reads camera frames, and announces payloads on the GUI thread."""

    payloadScanned = Signal(str)
    _decodedOffThread = Signal(str)

    def __init__(
        self,
        reader: QrReader,
        camera: Camera | None,
        *,
        cooldown_s: float = 3.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._camera = camera
        self._worker = DecodeWorker(reader, self._decodedOffThread.emit, cooldown_s=cooldown_s)
        self._decodedOffThread.connect(self._announce, QtCore.Qt.ConnectionType.QueuedConnection)
        self.camera_problem: KioskError | None = None
        self._stopped = False

    @property
    def worker(self) -> DecodeWorker:
        """The decode worker (frames may also be submitted to it directly)."""
        return self._worker

    def start(self) -> bool:
        """Start decoding and the camera; False (with `camera_problem` set and logged) when it cannot run."""
        self._stopped = False
        self._worker.start()
        if self._camera is None:
            return True
        try:
            self._camera.start(self._worker.submit)
        except CameraUnavailable as exc:
            self.camera_problem = exc
            log.warning("%s / %s", exc.zh, exc.en)
            self._worker.stop()
            return False
        return True

    def stop(self) -> None:
        """Stop the camera, then the decoding; nothing is announced afterwards."""
        if self._camera is not None and self._camera.is_running:
            self._camera.stop()
        self._worker.stop()
        self._stopped = True

    @Slot(str)
    def _announce(self, payload: str) -> None:
        if not self._stopped:  # a payload still queued when stop() ran is dropped
            self.payloadScanned.emit(payload)


def text_input_has_focus() -> bool:
    """True when the focused item takes text (a TextField, TextInput, TextEdit): typing belongs to it."""
    focus = QGuiApplication.focusObject()
    if focus is None:
        return False
    query = QInputMethodQueryEvent(QtCore.Qt.InputMethodQuery.ImEnabled)
    QCoreApplication.sendEvent(focus, query)
    return bool(query.value(QtCore.Qt.InputMethodQuery.ImEnabled))


class WedgeKeyFilter(QObject):
    """An application event filter that recognises a handheld scanner typing while no text field has focus.

    Key presses reaching a window with no text input focused are fed to a WedgeDetector (timed by the
    events' own timestamps) and swallowed: they would go nowhere else. A finished burst is announced as
    `payloadScanned`. With a text field focused, every key goes to the field untouched.
    """

    payloadScanned = Signal(str)

    def __init__(self, detector: WedgeDetector | None = None, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._detector = detector or WedgeDetector()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow (True) the keys of a possible scanner burst; let everything else through."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QKeyEvent)
        if text_input_has_focus() or event.isAutoRepeat():
            self._detector.reset()
            return False
        return self._take(event)

    def _take(self, event: QKeyEvent) -> bool:
        key, at = event.key(), event.timestamp() / 1000
        modifier_keys, enter_keys = _special_keys()
        if key in modifier_keys:  # scanners hold Shift for capitals
            return False
        if key in enter_keys:
            return self._finish_burst(at)
        text = event.text()
        if is_printable_ascii(text):
            self._detector.feed(text, at)
            return True
        self._detector.reset()
        return False

    def _finish_burst(self, at: float) -> bool:
        payload = self._detector.feed(ENTER, at)
        if payload is None:
            return self._detector.last_burst_refused
        self.payloadScanned.emit(payload)
        return True


def camera_from_setting(value: str) -> Camera | None:
    """The camera the `scanner_camera` setting names: "none", "qt" or "simulated:<folder>"."""
    if value == "none":
        return None
    if value == "qt":  # QtMultimedia and Pillow load only when a camera is configured
        from kiosk.ui.qt_camera import QtCamera

        return QtCamera()
    from kiosk.devices.simulated_camera import SimulatedCamera

    return SimulatedCamera.from_folder(value.removeprefix("simulated:"), frames_per_image=30)


@dataclass
class Scanning:
    """Both ways a voucher can be scanned, wired to one callback."""

    wedge: WedgeKeyFilter
    bridge: ScannerBridge | None

    def close(self) -> None:
        """Remove the key filter and stop the camera and decoding."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
        if self.bridge is not None:
            self.bridge.stop()


def start_scanning(settings: Settings, *, on_payload: Callable[[str], None], parent: QObject) -> Scanning:
    """Install the wedge filter and, when a camera is configured, start it; problems are logged, never fatal."""
    wedge = WedgeKeyFilter(parent=parent)
    wedge.payloadScanned.connect(on_payload)
    app = QCoreApplication.instance()
    if app is not None:
        app.installEventFilter(wedge)
    bridge = None
    try:
        camera = camera_from_setting(settings.scanner_camera)
        if camera is not None:
            bridge = ScannerBridge(make_qr_reader(settings.qr_reader), camera, parent=parent)
            bridge.payloadScanned.connect(on_payload)
            bridge.start()
    except (CameraUnavailable, QrReaderUnavailable) as exc:  # the kiosk serves on: the code can be typed
        log.error("扫码摄像头未启用 / camera scanning is off: %s / %s", exc.zh, exc.en)
    return Scanning(wedge, bridge)
