"""Valid example answers for any service form: demos, the end-to-end test and the benchmarks use them.

A required photos field names DEMO_PHOTO_SHA256: call `store_demo_photo(kiosk)` before submitting such a
form (the sample catalog's photo fields are all optional, and optional ones are left without a photo).
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Callable, Mapping

from kiosk.domain.address import join_address
from kiosk.domain.catalog import FieldType, FormField, Service
from kiosk.domain.id_number import compute_check_char
from kiosk.domain.multi_choice import SEPARATOR
from kiosk.services.attachments import add_attachment
from kiosk.services.runtime import KioskRuntime

DEMO_APPLICANT = {
    "applicant_name": "张晓梅",
    "applicant_id_number": "11010519491231002X",
    "applicant_phone": "13812345678",
}
DEMO_PLACE = "幸福村"
DEMO_ADDRESS_DETAIL = "3组15号"


def demo_id_number(*, region: str = "330106", birth: str = "19580314", serial: str = "123") -> str:
    """A well-formed 18-digit ID number for the given region, birth date and serial."""
    first17 = f"{region}{birth}{serial}"
    return first17 + compute_check_char(first17)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _demo_photo_png(width: int = 64, height: int = 40) -> bytes:
    """A small grey card with a dark frame: stands in for a document photo (no personal data)."""
    rows = b"".join(
        b"\x00"
        + bytes(
            40 if x in (2, width - 3) or y in (2, height - 3) else 220 - (x + y) % 24 for x in range(width)
        )
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 9))
        + _png_chunk(b"IEND", b"")
    )


DEMO_PHOTO = _demo_photo_png()
DEMO_PHOTO_SHA256 = hashlib.sha256(DEMO_PHOTO).hexdigest()

_FIXED_ANSWERS = {
    FieldType.DATE: "2024-05-01",
    FieldType.NAME: "李建国",
    FieldType.MOBILE: "13912345678",
    FieldType.CREDIT_CODE: "91350100M000100Y43",
    FieldType.ADDRESS: join_address(DEMO_PLACE, DEMO_ADDRESS_DETAIL),
}


def store_demo_photo(kiosk: KioskRuntime) -> str:
    """Keep the demo photo as an attachment (once); returns DEMO_PHOTO_SHA256."""
    return add_attachment(kiosk, data=DEMO_PHOTO, media_type="image/png")


_ANSWER_OF_TYPE: dict[FieldType, Callable[[FormField], str]] = {
    FieldType.CHOICE: lambda field: field.choices[0].value,
    FieldType.MULTI_CHOICE: lambda field: SEPARATOR.join(choice.value for choice in field.choices[:2]),
    FieldType.PHOTOS: lambda field: DEMO_PHOTO_SHA256 if field.required else "",
    FieldType.NUMBER: lambda field: str(field.min_value if field.min_value is not None else 1),
    FieldType.ID_NUMBER: lambda _field: demo_id_number(birth="19800101", serial="234"),
}


def demo_answer(field: FormField) -> str:
    """A value every validator of this field accepts."""
    if field.type in _FIXED_ANSWERS:
        return _FIXED_ANSWERS[field.type]
    answer_of_type = _ANSWER_OF_TYPE.get(field.type)
    return answer_of_type(field) if answer_of_type else "示例内容"[: field.max_length or 4]


def demo_answers(service: Service, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Answers for every field these answers show (applicant fields from DEMO_APPLICANT), overrides last.

    A field hidden by its condition gets no answer, unless the overrides give one (or show it: an override
    of a choice brings the fields it shows, with their demo answers).
    """
    answers = {field.key: demo_answer(field) for field in service.form.fields}
    answers.update(DEMO_APPLICANT)
    answers.update(overrides or {})
    shown = {field.key for field in service.form.shown(answers)}
    return {key: answer for key, answer in answers.items() if key in shown or key in (overrides or {})}
