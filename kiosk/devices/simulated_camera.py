"""A camera that plays image files as frames: for development, demos (a folder of receipt photos) and tests."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageOps

from kiosk.devices.background import BackgroundLoop
from kiosk.devices.camera import CameraUnavailable, FrameCallback
from kiosk.devices.frames import Frame, frame_from_image

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"})
CAMERA_SIZE = (1280, 720)  # photos are shrunk to fit, as a kiosk camera would deliver them


class SimulatedCamera:
    """Plays images as grayscale frames at `fps` from its own thread, once or in a loop.

    Every image is read when the camera starts (turned upright by its EXIF orientation, shrunk to fit
    `max_size`); unreadable files are skipped with a log line. Each image is shown for `frames_per_image`
    frames, so a demo can hold a receipt in front of the "camera" for a while.
    """

    def __init__(
        self,
        image_paths: Sequence[Path | str],
        *,
        fps: float = 15,
        loop: bool = True,
        frames_per_image: int = 1,
        max_size: tuple[int, int] = CAMERA_SIZE,
    ) -> None:
        if fps <= 0 or frames_per_image < 1:
            raise ValueError("fps must be positive and frames_per_image at least 1")
        self._paths = [Path(path) for path in image_paths]
        self._interval_s = 1.0 / fps
        self._loop = loop
        self._frames_per_image = frames_per_image
        self._max_size = max_size
        self._frames_sent = 0
        self._worker = BackgroundLoop(self._play, name="simulated-camera")
        self._frames: list[Frame] = []
        self._on_frame: FrameCallback | None = None

    @classmethod
    def from_folder(
        cls, folder: Path | str, *, fps: float = 15, loop: bool = True, frames_per_image: int = 1
    ) -> SimulatedCamera:
        """A camera playing every image file in `folder`, in name order; CameraUnavailable if there is none."""
        directory = Path(folder).expanduser()
        paths = (
            sorted(p for p in directory.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            if directory.is_dir()
            else []
        )
        if not paths:
            raise CameraUnavailable(
                f"模拟摄像头的图片文件夹 {directory} 不存在或没有图片",
                f"The simulated camera's image folder {directory} does not exist or holds no images",
            )
        return cls(paths, fps=fps, loop=loop, frames_per_image=frames_per_image)

    @property
    def is_running(self) -> bool:
        """True from start() until stop(), or until a single pass (loop=False) has played."""
        return self._worker.is_alive

    @property
    def frames_sent(self) -> int:
        """How many frames were handed to the callback since the camera was made."""
        return self._frames_sent

    def start(self, on_frame: FrameCallback) -> None:
        """Read the images and start playing; CameraUnavailable when none can be read."""
        self._frames = [frame for frame in map(self._load, self._paths) if frame is not None]
        if not self._frames:
            raise CameraUnavailable(
                f"模拟摄像头没有可读取的图片（共 {len(self._paths)} 个文件）",
                f"The simulated camera has no readable image ({len(self._paths)} files given)",
            )
        self._on_frame = on_frame
        self._worker.start()
        log.info("simulated camera playing %d images at %.1f fps", len(self._frames), 1 / self._interval_s)

    def stop(self) -> None:
        """Stop playing; no frame is delivered after this returns."""
        if not self._worker.stop():
            log.warning("simulated camera did not stop within its timeout")

    def wait_until_played(self, timeout_s: float) -> bool:
        """Wait for a single pass (loop=False) to finish; False on timeout."""
        return self._worker.wait(timeout_s)

    def _load(self, path: Path) -> Frame | None:
        try:
            with Image.open(path) as opened:
                image = ImageOps.exif_transpose(opened).convert("L")
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            log.warning("simulated camera skips %s: %s", path, exc)
            return None
        image.thumbnail(self._max_size)
        return frame_from_image(image, timestamp=0.0)

    def _play(self, stop_requested: threading.Event) -> None:
        on_frame = self._on_frame
        assert on_frame is not None
        callback_failed = False
        next_due = time.monotonic()
        while not stop_requested.is_set():
            for frame in self._frames:
                for _ in range(self._frames_per_image):
                    if stop_requested.is_set():
                        return
                    try:
                        on_frame(_retimed(frame))
                    except Exception:  # a consumer's bug must not kill the camera; say it once
                        if not callback_failed:
                            log.exception("the simulated camera's frame callback failed")
                        callback_failed = True
                    self._frames_sent += 1
                    next_due = max(next_due + self._interval_s, time.monotonic() - self._interval_s)
                    stop_requested.wait(max(0.0, next_due - time.monotonic()))
            if not self._loop:
                return


def _retimed(frame: Frame) -> Frame:
    return Frame(frame.pixels, frame.width, frame.height, time.monotonic())
