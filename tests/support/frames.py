"""Synthetic 1280×720 grayscale camera frames: a receipt with a QR code in a cluttered scene, degraded on demand.

Every picture is deterministic for a given seed. The scene is a grey gradient with clutter; the receipt is a
white sheet with text bars and the QR code; degradations are applied the way a camera would meet them:
the sheet is rotated and tilted (perspective), the light is dull (low contrast) or reflects (glare), the
lens is out of focus (blur) and the sensor adds noise.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import qrcode
import qrcode.constants
from PIL import Image, ImageChops, ImageDraw, ImageFilter

FRAME_SIZE = (1280, 720)
_ERROR_CORRECTION = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
# The most a QR code holds (version 40, level L): 2,953 bytes, or 4,296 characters of the alphanumeric set.
QR_ALPHANUMERIC = string.digits + string.ascii_uppercase + " $%*+-./:"
QR_MAX_ALPHANUMERIC_CHARS = 4296


# Voucher-like payloads of the lengths the kiosk prints: the short BMK1 form and longer signed forms.
SAMPLE_PAYLOADS = (
    "BMK1:7K3MQ9XD2RTP",
    "BMK2:01J9ZQ4T8X3V6M2K5N7P9R1S3T.q5Xv8Kz2Lm4Np6Rs8Tu0Wy2Ab4Cd6Ef8Gh0J",
    "BMK1:0000000000Z4",
    "BMK2:01J9ZQ4T8X3V6M2K5N7P9R1S3T.Ab4Cd6Ef8Gh0Jk2",
)


@dataclass(frozen=True, slots=True)
class Degradation:
    """How far a frame is from a perfect, frontal, sharp, evenly lit picture."""

    qr_width_fraction: float = 0.3  # the QR code's width (quiet zone included) over the frame width
    rotation_deg: float = 0.0
    tilt: float = 0.0  # 0 = frontal; 0.3 = corners pulled in by 30 % of the sheet size (perspective)
    blur_radius: float = 0.0  # Gaussian blur radius in pixels
    noise: int = 0  # peak-to-peak sensor noise in grey levels
    glare: float = 0.0  # 0..1: strength of a bright reflection over part of the code
    contrast: float = 1.0  # 1 = black on white; 0.2 = dark grey on light grey


@dataclass(frozen=True, slots=True)
class LabelledFrame:
    """A synthetic frame and what is in it."""

    name: str
    payload: str | None
    image: Image.Image


def qr_image(content: str | bytes, *, error_correction: str = "M") -> Image.Image:
    """The QR code of `content` at one pixel per module, with the standard four-module quiet zone."""
    code = qrcode.QRCode(error_correction=_ERROR_CORRECTION[error_correction], box_size=1, border=4)
    code.add_data(content)
    code.make(fit=True)
    return code.make_image().get_image().convert("L")


def camera_frame(
    content: str | bytes | None,
    *,
    degradation: Degradation = Degradation(),
    seed: int = 0,
    error_correction: str = "M",
) -> Image.Image:
    """A 1280×720 grayscale frame of a receipt holding the QR code of `content` (None: a receipt without)."""
    rng = random.Random(seed)
    frame = _scene(rng)
    qr = qr_image(content, error_correction=error_correction) if content is not None else None
    layers = _receipt(qr, degradation, rng)
    layers = _rotate(layers, degradation.rotation_deg)
    layers = _tilt(layers, degradation.tilt, rng)
    _place(frame, layers, rng)
    frame = _light(frame, degradation, rng)
    if degradation.blur_radius > 0:
        frame = frame.filter(ImageFilter.GaussianBlur(degradation.blur_radius))
    if degradation.noise > 0:
        frame = _add_noise(frame, degradation.noise, rng)
    return frame


# -- named degradations, several strengths each --------------------------------------------------------------
Degrade = Callable[[random.Random], Degradation]
DEGRADATIONS: dict[str, Degrade] = {
    "tilt": lambda r: Degradation(tilt=r.uniform(0.3, 0.45), rotation_deg=r.uniform(-15, 15)),
    "rotation": lambda r: Degradation(rotation_deg=r.choice([1, -1]) * r.uniform(20, 170)),
    "blur": lambda r: Degradation(blur_radius=r.uniform(3.0, 4.0)),
    "noise": lambda r: Degradation(noise=r.randint(150, 190)),
    "glare": lambda r: Degradation(glare=r.uniform(0.5, 0.7)),
    "low_contrast": lambda r: Degradation(contrast=r.uniform(0.1, 0.14)),
    "small_modules": lambda r: Degradation(qr_width_fraction=r.uniform(0.14, 0.16), blur_radius=0.8),
    "combined": lambda r: Degradation(
        qr_width_fraction=r.uniform(0.17, 0.22),
        rotation_deg=r.uniform(-40, 40),
        tilt=r.uniform(0.15, 0.25),
        blur_radius=r.uniform(1.0, 1.5),
        noise=r.randint(50, 80),
        glare=r.uniform(0.3, 0.5),
        contrast=r.uniform(0.35, 0.5),
    ),
}


def degraded_set(
    payloads: Sequence[str] = SAMPLE_PAYLOADS, *, per_kind: int = 3, seed: int = 2024
) -> list[LabelledFrame]:
    """`per_kind` frames of every named degradation, cycling through the payloads."""
    frames = []
    for kind_index, (kind, degrade) in enumerate(DEGRADATIONS.items()):
        for copy in range(per_kind):
            frame_seed = seed * 1000 + kind_index * 100 + copy
            payload = payloads[(kind_index * per_kind + copy) % len(payloads)]
            degradation = degrade(random.Random(frame_seed))
            image = camera_frame(payload, degradation=degradation, seed=frame_seed)
            frames.append(LabelledFrame(f"{kind}-{copy}", payload, image))
    return frames


def frames_without_qr(count: int, *, seed: int = 7) -> list[LabelledFrame]:
    """Frames of receipts and clutter with no QR code at all, some degraded."""
    kinds = list(DEGRADATIONS.values())
    return [
        LabelledFrame(
            f"no-qr-{index}",
            None,
            camera_frame(
                None, degradation=kinds[index % len(kinds)](random.Random(seed + index)), seed=index
            ),
        )
        for index in range(count)
    ]


def junk_alphanumeric(length: int = 4096, *, seed: int = 3) -> str:
    """`length` random characters of the QR alphanumeric set (4 KB fits only in that mode, level L)."""
    if length > QR_MAX_ALPHANUMERIC_CHARS:
        raise ValueError(f"a QR code holds at most {QR_MAX_ALPHANUMERIC_CHARS} alphanumeric characters")
    rng = random.Random(seed)
    return "".join(rng.choice(QR_ALPHANUMERIC) for _ in range(length))


# Contents that are not vouchers. Texts must come back as they are; bytes must never come back.
NON_VOUCHER_TEXTS = {
    "url": "https://zw.example.cn/q/7K3MQ9XD2RTP?from=kiosk",
    "sql_injection": "BMK1:'; DROP TABLE filing; --",
    "script": "<script>alert('x')</script>",
    "other_version": "BMK9:7K3MQ9XD2RTP",
}
NON_VOUCHER_BYTES = {
    "binary": bytes(range(256)),
    "utf8_chinese": "凭证BMK1:7K3MQ9XD2RTP".encode(),
    "control_chars": b"BMK1:7K3M\x00\x1b[2J\x07",
}


def non_voucher_frame(content: str | bytes, *, seed: int = 11) -> Image.Image:
    """A mildly degraded frame of a QR code with foreign content; large contents get a large code."""
    size = len(content)
    big = size > 500
    degradation = Degradation(
        qr_width_fraction=0.55 if big else 0.3, rotation_deg=0 if big else 12, blur_radius=0 if big else 0.8
    )
    return camera_frame(content, degradation=degradation, seed=seed, error_correction="L" if big else "M")


# -- drawing -------------------------------------------------------------------------------------------------
def _scene(rng: random.Random) -> Image.Image:
    width, height = FRAME_SIZE
    top, bottom = rng.randint(60, 110), rng.randint(110, 170)
    column = Image.linear_gradient("L").resize((1, height)).point(lambda v: top + (bottom - top) * v // 255)
    frame = column.resize(FRAME_SIZE)
    draw = ImageDraw.Draw(frame)
    for _ in range(rng.randint(6, 14)):  # a desk with things on it: boxes, pens, shadows
        x, y = rng.randrange(width), rng.randrange(height)
        draw.rectangle((x, y, x + rng.randint(20, 300), y + rng.randint(5, 120)), fill=rng.randint(20, 230))
    return frame


# A receipt travels as three layers of one size: the sheet, its outline (mask) and where the code is.
Layers = tuple[Image.Image, Image.Image, Image.Image]


def _receipt(qr: Image.Image | None, degradation: Degradation, rng: random.Random) -> Layers:
    qr_px = round(FRAME_SIZE[0] * degradation.qr_width_fraction)
    width, height = round(qr_px * 1.3), round(qr_px * 1.9)
    paper = rng.randint(232, 250)
    sheet = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(sheet)
    margin, line = max(4, qr_px // 12), max(3, qr_px // 30)
    for row in range(6):  # lines of printed text above the code
        y = margin + row * line * 3
        draw.rectangle((margin, y, margin + rng.randint(width // 3, width - 2 * margin), y + line), fill=40)
    qr_left, qr_top = (width - qr_px) // 2, height - qr_px - margin
    if qr is not None:
        code = qr.resize((qr_px, qr_px), Image.Resampling.NEAREST).point(lambda v: paper if v else 0)
        sheet.paste(code, (qr_left, qr_top))
    if degradation.glare > 0:  # a reflection on the glossy paper, somewhere over the code
        centre = (
            qr_left + rng.randint(qr_px // 4, 3 * qr_px // 4),
            qr_top + rng.randint(qr_px // 4, 3 * qr_px // 4),
        )
        sheet = _add_glare(sheet, centre, round(qr_px * rng.uniform(0.3, 0.45)), degradation.glare)
    code_area = Image.new("L", sheet.size, 0)
    if qr is not None:
        code_area.paste(255, (qr_left, qr_top, qr_left + qr_px, qr_top + qr_px))
    return sheet, Image.new("L", sheet.size, 255), code_area


def _add_glare(image: Image.Image, centre: tuple[int, int], diameter: int, strength: float) -> Image.Image:
    """Brighten a soft round spot: `strength` 1 turns its middle fully white."""
    blob = ImageChops.invert(Image.radial_gradient("L")).resize((diameter, diameter))
    blob = blob.point(lambda v: min(255, round(v * strength * 1.6)))
    glow = Image.new("L", image.size, 0)
    glow.paste(blob, (centre[0] - diameter // 2, centre[1] - diameter // 2))
    return ImageChops.add(image, glow)


def _rotate(layers: Layers, degrees: float) -> Layers:
    if not degrees:
        return layers
    sheet, mask, code_area = (
        layer.rotate(degrees, Image.Resampling.BICUBIC, expand=True) for layer in layers
    )
    return sheet, mask, code_area


def _tilt(layers: Layers, tilt: float, rng: random.Random) -> Layers:
    """Perspective: one side of the sheet leans away from the camera and looks shorter."""
    if not tilt:
        return layers
    width, height = layers[0].size
    shrink_x, shrink_y = tilt * width / 2, tilt * height / 2
    corners = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]
    leaning = [
        [(0, shrink_y), (width, 0), (width, height), (0, height - shrink_y)],  # left side away
        [(0, 0), (width, shrink_y), (width, height - shrink_y), (0, height)],  # right side away
        [(shrink_x, 0), (width - shrink_x, 0), (width, height), (0, height)],  # top away
        [(0, 0), (width, 0), (width - shrink_x, height), (shrink_x, height)],  # bottom away
    ][rng.randrange(4)]
    coefficients = _perspective_coefficients(leaning, corners)
    sheet, mask, code_area = (
        layer.transform(layer.size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC)
        for layer in layers
    )
    return sheet, mask, code_area


def _perspective_coefficients(
    target: list[tuple[float, float]], source: list[tuple[float, float]]
) -> tuple[float, ...]:
    """The 8 coefficients Pillow's PERSPECTIVE transform needs to send `source` corners to `target` ones."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    return tuple(_solve(rows))


def _solve(rows: list[list[float]]) -> list[float]:
    """Gauss-Jordan elimination with partial pivoting of an n×(n+1) augmented matrix."""
    size = len(rows)
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        rows[column] = [value / lead for value in rows[column]]
        for other in range(size):
            if other != column and rows[other][column]:
                factor = rows[other][column]
                rows[other] = [a - factor * b for a, b in zip(rows[other], rows[column], strict=True)]
    return [row[-1] for row in rows]


def _place(frame: Image.Image, layers: Layers, rng: random.Random) -> None:
    """Paste the sheet somewhere near the middle, always with the whole code (if any) inside the frame."""
    sheet, mask, code_area = layers
    width, height = FRAME_SIZE
    left = (width - sheet.width) // 2 + rng.randint(-width // 6, width // 6)
    top = (height - sheet.height) // 2 + rng.randint(-height // 10, height // 10)
    box = code_area.getbbox()
    if box is not None:
        margin = 8
        left = min(max(left, margin - box[0]), width - margin - box[2])
        top = min(max(top, margin - box[1]), height - margin - box[3])
    frame.paste(sheet, (left, top), mask)


def _light(frame: Image.Image, degradation: Degradation, rng: random.Random) -> Image.Image:
    if degradation.contrast < 1.0:
        span = 255 * degradation.contrast
        floor = rng.uniform(40, 215 - span) if span < 175 else (255 - span) / 2
        frame = frame.point(lambda v: round(floor + v * span / 255))
    return frame


def _add_noise(frame: Image.Image, amplitude: int, rng: random.Random) -> Image.Image:
    noise = Image.frombytes("L", frame.size, rng.randbytes(frame.width * frame.height))
    noise = noise.point(lambda v: v * amplitude // 255)
    return ImageChops.add(frame, noise, offset=-(amplitude // 2))
