"""The 请核对 (please check) screen's lines: every answer in words, ID and phone numbers in full and grouped.

The review is for the person at the screen to check what they typed, so nothing on it is masked; the receipt,
the logs and every screen after submitting mask them (kiosk.domain.masking). An assisted filing's review
(帮办: a helper and the resident at the screen, the resident's numbers checked already at the consent) masks
ID, phone and credit-code numbers too (`masked`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kiosk.domain.address import format_address
from kiosk.domain.catalog import FieldType, FormField, FormSchema, Text
from kiosk.domain.digit_groups import group_id_number, group_mobile
from kiosk.domain.masking import mask_credit_code, mask_id_number, mask_mobile
from kiosk.domain.multi_choice import split_choices
from kiosk.domain.photos import split_photos

NOT_GIVEN = Text(zh="未填写", en="Not filled in")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """One answer as the review shows it; `photos` names the photo attachments of a photos field."""

    key: str
    label: Text
    value: Text
    photos: tuple[str, ...] = ()


_MASKED: dict[FieldType, Callable[[str], str]] = {
    FieldType.ID_NUMBER: mask_id_number,
    FieldType.MOBILE: mask_mobile,
    FieldType.CREDIT_CODE: mask_credit_code,
}


def review_lines(
    schema: FormSchema, answers: Mapping[str, str], *, masked: bool = False
) -> tuple[ReviewLine, ...]:
    """A line per shown field, in form order, from validated (normalised) answers (hidden ones have none);
    with `masked`, ID, phone and credit-code numbers masked."""
    lines = []
    for form_field in schema.shown(answers):
        answer = answers.get(form_field.key, "")
        photos = split_photos(answer) if form_field.type is FieldType.PHOTOS else ()
        mask = _MASKED.get(form_field.type) if masked else None
        value = NOT_GIVEN if not answer else _same(mask(answer)) if mask else _shown(form_field, answer)
        lines.append(ReviewLine(form_field.key, form_field.label, value, photos))
    return tuple(lines)


def _same(text: str) -> Text:
    return Text(zh=text, en=text)


def _choice_labels(form_field: FormField, answer: str) -> Text:
    labels = {choice.value: choice.label for choice in form_field.choices}
    chosen = [labels[value] for value in split_choices(answer) if value in labels]
    return Text(zh="、".join(label.zh for label in chosen), en=", ".join(label.en for label in chosen))


def format_date(answer: str) -> Text:
    """A YYYY-MM-DD answer in words: 1958年3月14日 / 14 March 1958."""
    date = datetime.date.fromisoformat(answer)
    return Text(
        zh=f"{date.year}年{date.month}月{date.day}日",
        en=f"{date.day} {_MONTHS_EN[date.month - 1]} {date.year}",
    )


def _number(form_field: FormField, answer: str) -> Text:
    unit = form_field.unit
    return Text(zh=f"{answer} {unit.zh}", en=f"{answer} {unit.en}") if unit else _same(answer)


def _photo_count(answer: str) -> Text:
    count = len(split_photos(answer))
    return Text(zh=f"已拍 {count} 张照片", en=f"{count} photo{'s' if count != 1 else ''} taken")


_SHOWN: Mapping[FieldType, Callable[[FormField, str], Text]] = {
    FieldType.ID_NUMBER: lambda _field, answer: _same(group_id_number(answer)),
    FieldType.MOBILE: lambda _field, answer: _same(group_mobile(answer)),
    FieldType.CHOICE: _choice_labels,
    FieldType.MULTI_CHOICE: _choice_labels,
    FieldType.DATE: lambda _field, answer: format_date(answer),
    FieldType.NUMBER: _number,
    FieldType.ADDRESS: lambda _field, answer: _same(format_address(answer)),
    FieldType.PHOTOS: lambda _field, answer: _photo_count(answer),
}


def _shown(form_field: FormField, answer: str) -> Text:
    show = _SHOWN.get(form_field.type)
    return show(form_field, answer) if show else _same(answer)
