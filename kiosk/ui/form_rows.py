"""What the form page shows for each field of a service: labels, values, errors and per-type parts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kiosk.domain.address import split_address
from kiosk.domain.catalog import FieldType, FormField, Service, Text
from kiosk.domain.dates import parse_iso_date
from kiosk.domain.digit_groups import group_id_number, group_mobile
from kiosk.domain.multi_choice import split_choices
from kiosk.domain.photos import split_photos
from kiosk.domain.review import ReviewLine, format_date

Translate = Callable[[Text], str]

# Which fields are typed on the page's own large keypad instead of the on-screen keyboard.
KEYPAD_ID = "id"  # digits and X (ID numbers end in X)
KEYPAD_DIGITS = "digits"


def keypad_of(form_field: FormField) -> str:
    """The page keypad a field is typed on: "id", "digits", or "" for the on-screen keyboard."""
    if form_field.type is FieldType.ID_NUMBER:
        return KEYPAD_ID
    if form_field.type is FieldType.MOBILE:
        return KEYPAD_DIGITS
    if form_field.type is FieldType.NUMBER and (form_field.min_value or 0) >= 0:
        return KEYPAD_DIGITS
    return ""


def shown_as_typed(form_field: FormField, value: str) -> str:
    """An answer as its entry shows it while typed: ID and mobile numbers grouped, the rest unchanged."""
    if form_field.type is FieldType.ID_NUMBER:
        return group_id_number(value)
    if form_field.type is FieldType.MOBILE:
        return group_mobile(value)
    return value


def field_row(
    form_field: FormField,
    value: str,
    error: Text | None,
    *,
    t: Translate,
    places: Sequence[str],
    area: str = "",
) -> dict[str, Any]:
    """One field as the form page's delegate reads it (every role present, whatever the type)."""
    chosen = set(split_choices(value)) if form_field.type is FieldType.MULTI_CHOICE else {value}
    date = parse_iso_date(value) if form_field.type is FieldType.DATE else None
    place, detail = split_address(value) if form_field.type is FieldType.ADDRESS else ("", "")
    return {
        "key": form_field.key,
        "type": str(form_field.type),
        "label": t(form_field.label),
        "hint": t(form_field.hint) if form_field.hint else "",
        "required": form_field.required,
        "mandatory": form_field.required,  # the QML role (`required` is a QML keyword)
        "value": shown_as_typed(form_field, value),
        "error": t(error) if error else "",
        "keypad": keypad_of(form_field),
        "unit": t(form_field.unit) if form_field.unit else "",
        "choices": [
            {"value": choice.value, "label": t(choice.label), "selected": choice.value in chosen}
            for choice in form_field.choices
        ],
        "year": date.year if date else 0,
        "month": date.month if date else 0,
        "day": date.day if date else 0,
        "dateText": t(format_date(date.isoformat())) if date else "",
        "place": place,
        "detail": detail,
        "places": list(places),
        "area": area if form_field.type is FieldType.ADDRESS else "",
        "photos": list(split_photos(value)) if form_field.type is FieldType.PHOTOS else [],
        "maxPhotos": form_field.max_count or 0,
    }


def field_rows(
    service: Service | None,
    answers: Mapping[str, str],
    errors: Mapping[str, Text],
    *,
    t: Translate,
    places: Sequence[str],
    area: str = "",
) -> list[dict[str, Any]]:
    """The fields these answers make the form ask for, in order (a hidden field has no row).

    `places` are the township's villages an address picks from, `area` its county and township.
    """
    if service is None:
        return []
    return [
        field_row(f, answers.get(f.key, ""), errors.get(f.key), t=t, places=places, area=area)
        for f in service.form.shown(answers)
    ]


def review_rows(lines: Sequence[ReviewLine], *, t: Translate) -> list[dict[str, Any]]:
    """The review page's lines: label, the value in words (masked where needed), photo hashes."""
    return [
        {"key": line.key, "label": t(line.label), "value": t(line.value), "photos": list(line.photos)}
        for line in lines
    ]


def places_of(setting: str) -> list[str]:
    """The township's villages and communities from the `township_places` setting."""
    return [place.strip() for place in setting.split(",") if place.strip()]
