"""The kiosk camera through QtMultimedia: camera pictures become grayscale frames for the QR decoder."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoSink,
)

from kiosk.devices.camera import CameraUnavailable, FrameCallback
from kiosk.devices.frames import Frame

log = logging.getLogger(__name__)

_Y = QVideoFrameFormat.PixelFormat
# Formats whose first plane is 8-bit luminance, row by row: that plane is the grayscale picture.
_LUMINANCE_FIRST = {
    _Y.Format_Y8,
    _Y.Format_NV12,
    _Y.Format_NV21,
    _Y.Format_YUV420P,
    _Y.Format_YUV422P,
    _Y.Format_YV12,
    _Y.Format_IMC1,
    _Y.Format_IMC2,
    _Y.Format_IMC3,
    _Y.Format_IMC4,
}
# Packed formats with luminance in every other byte: (offset of the first Y byte).
_PACKED_LUMINANCE = {_Y.Format_YUYV: 0, _Y.Format_UYVY: 1}


def no_camera() -> CameraUnavailable:
    """The calm message for a machine without a camera."""
    return CameraUnavailable(
        "未检测到摄像头：请使用扫码枪扫描凭证，或在屏幕上输入凭证号",
        "No camera was found: scan the voucher with the handheld scanner, or type the voucher code",
    )


def frame_from_qimage(image: QImage, *, timestamp: float) -> Frame:
    """The grayscale frame of a QImage (any format; row padding is dropped)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return Frame(
        _rows(gray.constBits(), gray.bytesPerLine(), gray.width(), gray.height()),
        gray.width(),
        gray.height(),
        timestamp,
    )


def frame_from_video_frame(video_frame: QVideoFrame, *, timestamp: float) -> Frame | None:
    """The grayscale frame of a camera picture: the luminance plane when there is one, else via QImage."""
    pixel_format = video_frame.pixelFormat()
    width, height = video_frame.width(), video_frame.height()
    if width <= 0 or height <= 0:
        return None
    if (pixel_format in _LUMINANCE_FIRST or pixel_format in _PACKED_LUMINANCE) and video_frame.map(
        QVideoFrame.MapMode.ReadOnly
    ):
        try:
            data, stride = video_frame.bits(0), video_frame.bytesPerLine(0)
            offset = _PACKED_LUMINANCE.get(pixel_format)
            if offset is None:
                pixels = _rows(data, stride, width, height)
            else:
                pixels = b"".join(
                    bytes(data[row * stride + offset : row * stride + 2 * width : 2]) for row in range(height)
                )
        finally:
            video_frame.unmap()
        return Frame(pixels, width, height, timestamp)
    image = video_frame.toImage()
    return None if image.isNull() else frame_from_qimage(image, timestamp=timestamp)


def _rows(data: bytes | bytearray | memoryview, stride: int, width: int, height: int) -> bytes:
    if stride == width:
        return bytes(data[: width * height])
    return b"".join(bytes(data[row * stride : row * stride + width]) for row in range(height))


class QtCamera(QObject):
    """The kiosk's camera through QtMultimedia; frames arrive on the GUI thread at most `max_fps` a second."""

    def __init__(self, *, max_fps: float = 15, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._min_interval_s = 1.0 / max_fps
        self._last_frame_at = float("-inf")
        self._on_frame: FrameCallback | None = None
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None

    @property
    def is_running(self) -> bool:
        """True between a successful start() and stop()."""
        return self._camera is not None

    def start(self, on_frame: FrameCallback) -> None:
        """Open the default camera; CameraUnavailable (calm, bilingual) when the machine has none."""
        if self._camera is not None:
            raise RuntimeError("the camera is already running")
        device = self._choose_device()
        self._on_frame = on_frame
        self._camera = QCamera(device, self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self.deliver)
        self._camera.errorOccurred.connect(self._on_error)
        self._camera.start()
        log.info("camera %s started", device.description())

    def stop(self) -> None:
        """Close the camera; no frame is delivered after this returns."""
        self._on_frame = None
        camera, session, sink = self._camera, self._session, self._sink
        self._camera = self._session = self._sink = None
        if camera is not None and session is not None and sink is not None:
            sink.videoFrameChanged.disconnect(self.deliver)
            camera.stop()
            for owned in (session, camera, sink):
                owned.deleteLater()

    @Slot(QVideoFrame)
    def deliver(self, video_frame: QVideoFrame) -> None:
        """Hand one camera picture on as a grayscale frame (dropping pictures beyond `max_fps`)."""
        on_frame = self._on_frame
        now = time.monotonic()
        if on_frame is None or now - self._last_frame_at < self._min_interval_s:
            return
        self._last_frame_at = now
        frame = frame_from_video_frame(video_frame, timestamp=now)
        if frame is not None:
            on_frame(frame)

    def _choose_device(self) -> QCameraDevice:
        devices = QMediaDevices.videoInputs()
        if not devices:
            raise no_camera()
        default = QMediaDevices.defaultVideoInput()
        return devices[0] if default.isNull() else default

    def _on_error(self, error: QCamera.Error, description: str) -> None:
        log.warning("摄像头出错 / camera error (%s): %s", error, description)
