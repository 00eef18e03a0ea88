"""Scanning a voucher on the real QML UI: handheld scanner (keyboard wedge), camera frames, no camera."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QThread
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat
from pytestqt.qtbot import QtBot

from kiosk.devices.camera import CameraUnavailable
from kiosk.devices.frames import Frame, frame_from_image
from kiosk.devices.qr_reader import make_qr_reader
from kiosk.devices.simulated_camera import SimulatedCamera
from kiosk.domain.zh_words import strip_joiners
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from kiosk.ui.qt_camera import QtCamera, frame_from_video_frame
from kiosk.ui.scanning import ScannerBridge, WedgeKeyFilter, text_input_has_focus
from tests.support.frames import Degradation, camera_frame

from .conftest import KioskUi

SCANNER_GAP_MS = 4  # a USB scanner types a key every few milliseconds
HUMAN_GAP_MS = 180
_clock_ms = itertools.count(1_000_000, 1)


def _file_one(kiosk: KioskRuntime) -> SubmittedFiling:
    """A filing made through the use case; its receipt QR payload is what a scanner reads."""
    service = kiosk.catalog.services[0]
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))


def _wedge(ui: KioskUi) -> WedgeKeyFilter:
    engine = ui.vm.parent()
    assert engine is not None
    found = engine.findChildren(WedgeKeyFilter)
    assert len(found) == 1
    return found[0]


def _key(kind: QEvent.Type, key: int, text: str, at_ms: int, *, shift: bool) -> QKeyEvent:
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    event = QKeyEvent(kind, key, modifiers, text)
    event.setTimestamp(at_ms)
    return event


def _needs_shift(char: str) -> bool:
    return char.isupper() or char in ':"<>?{}|~!@#$%^&*()_+'


def _type_keys(ui: KioskUi, text: str, *, gap_ms: int) -> None:
    """Press and release each key, then Enter, as a keyboard (Shift held for capitals) would send them."""
    at = next(_clock_ms) * 1000
    press, release = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
    for char in [*text, "\r"]:
        key = Qt.Key.Key_Return.value if char == "\r" else ord(char.upper())
        shift = _needs_shift(char)
        if shift:
            QGuiApplication.sendEvent(ui.window, _key(press, Qt.Key.Key_Shift.value, "", at, shift=True))
        QGuiApplication.sendEvent(ui.window, _key(press, key, char, at + 1, shift=shift))
        QGuiApplication.sendEvent(ui.window, _key(release, key, char, at + 2, shift=shift))
        at += gap_ms
    settle(30)


class KeysReachingTheWindow(QObject):
    """Counts the key presses the window itself gets (after the application's filters)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        self.count += event.type() == QEvent.Type.KeyPress
        return False


def _open_lookup_page(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "lookupTile"))
    wait_for_page(ui.window)


def _shown_voucher(ui: KioskUi) -> str:
    wait_until(lambda: bool(find_items(ui.window, "lookupResult")))
    return str(ui.vm.lookupResult.get("voucher", ""))


def test_a_scanner_burst_with_no_field_focused_looks_the_voucher_up(ui: KioskUi, qtbot: QtBot) -> None:
    filed = _file_one(ui.kiosk)
    _open_lookup_page(ui)
    assert not text_input_has_focus()
    reaching = KeysReachingTheWindow()
    ui.window.installEventFilter(reaching)
    with qtbot.waitSignal(_wedge(ui).payloadScanned, timeout=2000) as scanned:
        _type_keys(ui, filed.qr_payload, gap_ms=SCANNER_GAP_MS)
    ui.window.removeEventFilter(reaching)
    assert scanned.args == [filed.qr_payload]
    assert _shown_voucher(ui) == filed.voucher_display
    shifts = sum(map(_needs_shift, filed.qr_payload))
    assert reaching.count == shifts, "only the Shift presses reach the page; the burst itself is swallowed"
    assert ui.vm.message == ""


def test_the_same_keys_typed_into_a_focused_field_reach_the_field(ui: KioskUi, qtbot: QtBot) -> None:
    payload = _file_one(ui.kiosk).qr_payload
    _open_lookup_page(ui)
    field = find_item(ui.window, "voucherField")
    tap(ui.window, field)
    assert text_input_has_focus()
    with qtbot.assertNotEmitted(_wedge(ui).payloadScanned, wait=100):
        _type_keys(ui, payload, gap_ms=SCANNER_GAP_MS)
    assert field.property("text") == payload


def test_human_speed_typing_with_no_field_focused_looks_nothing_up(ui: KioskUi, qtbot: QtBot) -> None:
    payload = _file_one(ui.kiosk).qr_payload
    _open_lookup_page(ui)
    with qtbot.assertNotEmitted(_wedge(ui).payloadScanned, wait=100):
        _type_keys(ui, payload, gap_ms=HUMAN_GAP_MS)
    settle(100)
    assert ui.vm.lookupResult == {}
    assert find_items(ui.window, "lookupResult") == []


def test_a_foreign_qr_code_scanned_shows_a_calm_message_and_finds_nothing(ui: KioskUi) -> None:
    _open_lookup_page(ui)
    _type_keys(ui, "https://zw.example.cn/q/7K3MQ9XD2RTP", gap_ms=SCANNER_GAP_MS)
    wait_until(lambda: ui.vm.message != "")
    assert find_item(ui.window, "messageText").property("text") == strip_joiners(ui.vm.message)
    assert ui.vm.lookupResult == {}


@pytest.fixture
def qt_camera_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIANMIN_SCANNER_CAMERA", "qt")


def test_qt_camera_reports_no_camera_calmly(qapp: object) -> None:
    camera = QtCamera()
    with pytest.raises(CameraUnavailable) as info:
        camera.start(lambda frame: None)
    assert "未检测到摄像头" in info.value.zh and "No camera was found" in info.value.en
    assert "type the voucher code" in info.value.en
    assert not camera.is_running
    camera.stop()  # harmless


def test_without_a_camera_the_kiosk_still_scans_with_the_handheld_scanner(
    qt_camera_setting: None, caplog: pytest.LogCaptureFixture, ui: KioskUi
) -> None:
    assert ui.kiosk.settings.scanner_camera == "qt"
    said = " ".join(record.getMessage() for record in caplog.get_records("setup"))
    assert "No camera was found" in said and "未检测到摄像头" in said
    filed = _file_one(ui.kiosk)
    _open_lookup_page(ui)
    _type_keys(ui, filed.qr_payload, gap_ms=SCANNER_GAP_MS)
    assert _shown_voucher(ui) == filed.voucher_display


def _photograph_receipt(payload: str, folder: Path) -> Path:
    """A camera's view of a printed receipt with this payload's QR code, a little askew and noisy."""
    folder.mkdir(exist_ok=True)
    degradation = Degradation(rotation_deg=-20, tilt=0.15, blur_radius=1.2, noise=50)
    camera_frame(payload, degradation=degradation, seed=3).save(folder / "receipt.png")
    return folder


def test_camera_frames_reach_the_lookup_once_and_on_the_gui_thread(
    ui: KioskUi, qtbot: QtBot, tmp_path: Path
) -> None:
    filed = _file_one(ui.kiosk)
    camera = SimulatedCamera.from_folder(_photograph_receipt(filed.qr_payload, tmp_path / "photos"), fps=30)
    bridge = ScannerBridge(make_qr_reader("zxing"), camera, cooldown_s=60)
    threads: list[QThread] = []
    bridge.payloadScanned.connect(lambda _text: threads.append(QThread.currentThread()))
    bridge.payloadScanned.connect(ui.vm.lookup)
    _open_lookup_page(ui)
    try:
        with qtbot.waitSignal(bridge.payloadScanned, timeout=5000) as scanned:
            assert bridge.start()
        assert scanned.args == [filed.qr_payload]
        assert _shown_voucher(ui) == filed.voucher_display
        settle(500)  # the receipt stays in front of the camera: one lookup, not one per frame
        assert threads == [QGuiApplication.instance().thread()]  # type: ignore[union-attr]
    finally:
        bridge.stop()
    assert not camera.is_running and not bridge.worker.is_running


@pytest.fixture
def simulated_camera_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SubmittedFiling:
    """A filing made before the kiosk starts, and the setting that points the camera at a photo of it."""
    kiosk = open_kiosk(load_settings())
    try:
        filed = _file_one(kiosk)
    finally:
        kiosk.close()
    folder = _photograph_receipt(filed.qr_payload, tmp_path / "photos")
    monkeypatch.setenv("BIANMIN_SCANNER_CAMERA", f"simulated:{folder}")
    return filed


def test_the_camera_setting_puts_a_simulated_camera_in_front_of_the_lookup(
    simulated_camera_setting: SubmittedFiling, ui: KioskUi
) -> None:
    _open_lookup_page(ui)
    assert _shown_voucher(ui) == simulated_camera_setting.voucher_display


# -- QtMultimedia pictures to frames ------------------------------------------------------------------------
@pytest.fixture
def voucher_image() -> tuple[str, Frame]:
    payload = "BMK1:7K3MQ9XD2RTP"
    return payload, frame_from_image(camera_frame(payload, degradation=Degradation(qr_width_fraction=0.25)))


def _planar_video_frame(frame: Frame, pixel_format: QVideoFrameFormat.PixelFormat) -> QVideoFrame:
    video = QVideoFrame(QVideoFrameFormat(QSize(frame.width, frame.height), pixel_format))
    assert video.map(QVideoFrame.MapMode.WriteOnly)
    stride, plane = video.bytesPerLine(0), video.bits(0)
    packed = pixel_format in (
        QVideoFrameFormat.PixelFormat.Format_YUYV,
        QVideoFrameFormat.PixelFormat.Format_UYVY,
    )
    for row in range(frame.height):
        line = frame.pixels[row * frame.width : (row + 1) * frame.width]
        if packed:
            chroma = bytes([128]) * frame.width
            pairs = (
                (line, chroma)
                if pixel_format == QVideoFrameFormat.PixelFormat.Format_YUYV
                else (chroma, line)
            )
            line = bytes(byte for pair in zip(*pairs, strict=True) for byte in pair)
        plane[row * stride : row * stride + len(line)] = line
    video.unmap()
    return video


@pytest.mark.parametrize(
    "pixel_format",
    [
        QVideoFrameFormat.PixelFormat.Format_NV12,
        QVideoFrameFormat.PixelFormat.Format_YUV420P,
        QVideoFrameFormat.PixelFormat.Format_YUYV,
        QVideoFrameFormat.PixelFormat.Format_UYVY,
    ],
)
def test_camera_pictures_in_yuv_give_their_luminance_as_the_frame(
    qapp: object, voucher_image: tuple[str, Frame], pixel_format: QVideoFrameFormat.PixelFormat
) -> None:
    payload, original = voucher_image
    frame = frame_from_video_frame(_planar_video_frame(original, pixel_format), timestamp=1.0)
    assert frame is not None
    assert (frame.width, frame.height, frame.pixels) == (original.width, original.height, original.pixels)
    assert make_qr_reader("zxing").decode(frame) == [payload]


@pytest.mark.qt_log_ignore("No RHI backend")  # Qt says once per thread that it converts on the CPU
def test_camera_pictures_in_rgb_are_converted_to_grey(qapp: object, voucher_image: tuple[str, Frame]) -> None:
    payload, original = voucher_image
    odd_width = QImage(
        original.pixels, original.width, original.height, QImage.Format.Format_Grayscale8
    ).copy(0, 0, 1001, 700)  # an odd width: rows are padded in memory
    colour = QVideoFrame(odd_width.convertToFormat(QImage.Format.Format_RGB32))
    frame = frame_from_video_frame(colour, timestamp=1.0)
    assert frame is not None
    assert (frame.width, frame.height) == (1001, 700)
    assert make_qr_reader("zxing").decode(frame) == [payload]
