"""The camera port: something that, once started, hands grayscale frames to a callback until stopped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kiosk.devices.frames import Frame
from kiosk.domain.errors import KioskError

FrameCallback = Callable[[Frame], None]


class CameraUnavailable(KioskError):  # noqa: N818 - reads as what the technician is told
    """There is no camera to start (none attached, busy, or nothing to play); the message says which."""


class Camera(Protocol):
    """A source of frames. `on_frame` runs on the camera's own thread and must return quickly."""

    def start(self, on_frame: FrameCallback) -> None:
        """Start delivering frames; raises CameraUnavailable when there is nothing to start."""

    def stop(self) -> None:
        """Stop delivering frames; no callback runs after this returns. Stopping twice is harmless."""

    @property
    def is_running(self) -> bool:
        """True between a successful start() and stop()."""
