"""One grayscale camera picture, the only thing that crosses from a camera to a QR reader."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow loads only where pictures are converted, not at kiosk start
    from PIL import Image


@dataclass(frozen=True, slots=True)
class Frame:
    """A grayscale picture: `width * height` bytes row by row, taken at `timestamp` (time.monotonic())."""

    pixels: bytes
    width: int
    height: int
    timestamp: float

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise ValueError(f"a frame needs a positive size, got {self.width}x{self.height}")
        if len(self.pixels) != self.width * self.height:
            raise ValueError(
                f"a {self.width}x{self.height} frame needs {self.width * self.height} bytes, "
                f"got {len(self.pixels)}"
            )


def frame_from_image(image: Image.Image, *, timestamp: float | None = None) -> Frame:
    """The grayscale frame of a Pillow image (any mode); the timestamp defaults to now."""
    gray = image if image.mode == "L" else image.convert("L")
    taken = time.monotonic() if timestamp is None else timestamp
    return Frame(gray.tobytes(), gray.width, gray.height, taken)


def frame_to_image(frame: Frame) -> Image.Image:
    """The frame as a Pillow grayscale image (for saving a frame a reader could not decode)."""
    from PIL import Image

    return Image.frombytes("L", (frame.width, frame.height), frame.pixels)
