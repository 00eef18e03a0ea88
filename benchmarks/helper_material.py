"""What a village helper's filings carry: finger signatures and document photos as the kiosk itself makes them.

Signatures are drawn by the consent screen's own renderer (kiosk.ui.signature_image) at the size of its
signature area, two or three handwritten-looking characters: 20-40 KB of PNG each. Photos are the shipped
sample documents (1280x720, what the simulated document camera plays) with camera-like sensor noise, encoded
by the photo capture's own JPEG encoder: about 130 KB each. Every one is different, as every resident's is.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Iterator

from PIL import Image, ImageChops

from kiosk.devices.frames import frame_from_image
from kiosk.services.helper_signin import SignedInHelper, sign_in_helper
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.photo_capture import SAMPLE_DOCUMENTS, jpeg_of
from kiosk.ui.signature_image import signature_png

STAFF_NO, HELPER_NAME, PIN = "BB-1001", "李桂兰", "274915"  # the benchmarks' village helper
SIGNATURE_AREA = (1200, 280)  # about the consent page's: most of the width, 260 px or more high
NOISE_SIGMA = 3  # grey levels of sensor noise: what makes a camera's JPEG larger than a drawing's
_NOISE_MARGIN = 64


def _stroke(rng: random.Random, x: float, y: float, height: int) -> list[list[float]]:
    angle = rng.uniform(0, 2 * math.pi)
    points = []
    for _ in range(rng.randint(8, 30)):
        angle += rng.uniform(-0.5, 0.5)
        x, y = x + 6 * math.cos(angle), min(max(y + 6 * math.sin(angle), 2), height - 2)
        points.append([x, y])
    return points


def signatures(count: int, *, seed: int = 13) -> list[bytes]:
    """`count` different finger signatures as the consent screen stores them (PNG)."""
    rng = random.Random(seed)
    width, height = SIGNATURE_AREA
    images = []
    for _ in range(count):
        characters = rng.choice((2, 3))  # a name of two or three characters
        cell = width / (characters + 1)
        strokes = [
            _stroke(
                rng, cell * (c + 0.5) + rng.uniform(0, cell * 0.8), rng.uniform(0.15, 0.85) * height, height
            )
            for c in range(characters)
            for _ in range(rng.randint(6, 9))
        ]
        images.append(signature_png(strokes, width=width, height=height))
    return images


def document_photos(*, seed: int = 13) -> Iterator[bytes]:
    """Different document photos (JPEG), the sample documents in turn, each with its own noise."""
    rng = random.Random(seed)
    pages = [Image.open(path).convert("L") for path in sorted(SAMPLE_DOCUMENTS.glob("*.png"))]
    width, height = pages[0].size
    noise = Image.effect_noise((width + _NOISE_MARGIN, height + _NOISE_MARGIN), NOISE_SIGMA)
    offsets = [(x, y) for x in range(_NOISE_MARGIN) for y in range(_NOISE_MARGIN)]
    rng.shuffle(offsets)  # each offset once: no two photos alike (for 4,096 photos of each page)
    for x, y in offsets:
        for page in pages:
            grain = noise.crop((x, y, x + page.width, y + page.height))
            yield jpeg_of(frame_from_image(ImageChops.add(page, grain, 1, -128)))


def signed_in(kiosk: KioskRuntime) -> SignedInHelper:
    """The benchmarks' helper signed in on this kiosk with their PIN (the kiosk must hold them)."""
    result, helper = sign_in_helper(kiosk, STAFF_NO, PIN)
    assert result.ok and helper is not None, result.outcome
    return helper


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages now (another process sharing the 2 CPUs shows here)."""
    return [round(value, 2) for value in os.getloadavg()]
