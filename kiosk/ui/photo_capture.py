"""Document photos for photo fields: the camera's live preview, capture, and the photo kept as an attachment.

The camera is the one the `document_camera` setting names (the shipped sample pictures by default). Frames
arrive on the camera's thread; the newest is kept and shown through `image://photo/preview/<n>`. A capture
encodes that frame as JPEG and stores it with kiosk.services.attachments (sealed at rest) on the operation
worker; its thumbnail is served as `image://photo/thumb/<sha256>` until the session ends.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.devices.camera import Camera, CameraUnavailable
from kiosk.devices.frames import Frame, frame_to_image
from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError
from kiosk.resources import RESOURCES_DIR
from kiosk.services.runtime import KioskRuntime
from kiosk.services.zh_lexicon import keep_chinese_words
from kiosk.ui.gui_thread import GuiThreadCalls
from kiosk.ui.operations import Operations
from kiosk.ui.photo_images import PhotoImages

log = logging.getLogger(__name__)

SAMPLE_DOCUMENTS = RESOURCES_DIR / "sample_documents"
JPEG_QUALITY = 85
NO_CAMERA = Text(
    zh="本机没有可用的拍照设备。请不拍照继续填写，到窗口办理时出示材料原件。",
    en="This kiosk has no camera for photos. Carry on without photos and show the originals at the counter.",
)
SAVE_FAILED = Text(
    zh="照片没有保存成功，请再拍一次或呼叫工作人员",
    en="The photo was not saved; please try again or call for help",
)


def document_camera(setting: str) -> Camera | None:
    """The camera `document_camera` names: none, qt, simulated (the shipped samples) or simulated:<folder>."""
    if setting == "none":
        return None
    if setting == "qt":  # QtMultimedia loads only when a real camera is configured
        from kiosk.ui.qt_camera import QtCamera

        return QtCamera()
    from kiosk.devices.simulated_camera import SimulatedCamera

    folder = setting.removeprefix("simulated").removeprefix(":") or str(SAMPLE_DOCUMENTS)
    return SimulatedCamera.from_folder(folder, fps=10, frames_per_image=40)


def jpeg_of(frame: Frame) -> bytes:
    """The frame encoded as a JPEG (what is kept and sent to the county)."""
    buffer = io.BytesIO()
    frame_to_image(frame).save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


class PhotoCapture(QObject):
    """Opens the document camera for one photos field, captures, stores, and tells which photo was kept."""

    changed = Signal()
    previewChanged = Signal()
    photoKept = Signal(str, str)  # field key, SHA-256 of the kept photo

    def __init__(
        self,
        kiosk: KioskRuntime,
        operations: Operations,
        *,
        language: Callable[[], str],
        images: PhotoImages,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._ops = operations
        self._language = language
        self.images = images
        self._camera: Camera | None = None
        self._field_key = ""
        self._problem: Text | None = None
        self._saving = False
        self._serial = 0
        self._frame_pending = threading.Event()
        self._gui = GuiThreadCalls(self)  # frames arrive on the camera's thread

    def _t(self, text: Text) -> str:
        return keep_chinese_words(text.zh) if self._language() == "zh_CN" else text.en

    @Property(bool, notify=changed)
    def active(self) -> bool:
        """True while the capture panel is open."""
        return bool(self._field_key)

    @Property(str, notify=changed)
    def fieldKey(self) -> str:
        """The photos field the panel takes a photo for."""
        return self._field_key

    @Property(str, notify=changed)
    def problem(self) -> str:
        """Why no photo can be taken now, in the current language; empty otherwise."""
        return self._t(self._problem) if self._problem else ""

    @Property(bool, notify=changed)
    def saving(self) -> bool:
        """True while a captured photo is being stored."""
        return self._saving

    @Property(bool, notify=previewChanged)
    def hasPreview(self) -> bool:
        """True once the camera has delivered a picture."""
        return self.images.newest_frame() is not None

    @Property(str, notify=previewChanged)
    def previewSource(self) -> str:
        """The preview's image URL; it changes with every new frame."""
        return f"image://photo/preview/{self._serial}"

    @Slot(str)
    def open(self, field_key: str) -> None:
        """Open the panel for a field and start the camera (a problem is shown when there is none)."""
        if self._field_key:
            return
        self._field_key, self._problem = field_key, None
        try:
            self._camera = document_camera(self._kiosk.settings.document_camera)
            if self._camera is None:
                self._problem = NO_CAMERA
            else:
                self._camera.start(self._on_frame)
        except CameraUnavailable as exc:
            log.warning("拍照摄像头不可用 / document camera unavailable: %s", exc.en)
            self._camera, self._problem = None, NO_CAMERA
        self.changed.emit()

    @Slot()
    def capture(self) -> None:
        """Keep the frame on screen now as a photo of the open field."""
        frame = self.images.newest_frame()
        if not self._field_key or frame is None or self._saving:
            return
        from kiosk.services.attachments import add_attachment

        self._saving = True
        self.changed.emit()
        key, kiosk = self._field_key, self._kiosk
        self._ops.run(
            lambda: add_attachment(kiosk, data=jpeg_of(frame), media_type="image/jpeg"),
            on_done=lambda sha256: self._on_kept(key, frame, sha256),
            on_error=self._on_save_failed,
        )

    @Slot()
    def close(self) -> None:
        """Stop the camera and close the panel."""
        camera, self._camera = self._camera, None
        if camera is not None and camera.is_running:
            camera.stop()
        self.images.show_frame(None)
        if self._field_key or self._problem:
            self._field_key, self._problem = "", None
            self.changed.emit()
            self.previewChanged.emit()

    def reset(self) -> None:
        """The session ended: close the camera and forget every picture."""
        self.close()
        self._saving = False
        self.images.forget()

    def _on_frame(self, frame: Frame) -> None:  # the camera's thread
        self.images.show_frame(frame)
        if not self._frame_pending.is_set():
            self._frame_pending.set()
            self._gui.post(self._on_frame_arrived)

    def _on_frame_arrived(self) -> None:
        self._frame_pending.clear()
        if self._field_key:
            self._serial += 1
            self.previewChanged.emit()

    def _on_kept(self, key: str, frame: Frame, sha256: str) -> None:
        self._saving = False
        if key != self._field_key:  # the panel was closed (or the session wiped) while saving
            self.changed.emit()
            return
        self.images.keep_thumbnail(sha256, frame)
        self.close()
        self.photoKept.emit(key, sha256)

    def _on_save_failed(self, exc: Exception) -> None:
        self._saving = False
        if isinstance(exc, KioskError):
            self._problem = Text(zh=exc.zh, en=exc.en)
        else:
            log.error("a document photo could not be stored", exc_info=exc)
            self._problem = SAVE_FAILED
        self.changed.emit()
