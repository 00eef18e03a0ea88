"""Validation of the answers given to a service form: every bad field is reported at once.

Decisions: number fields take whole numbers only (the catalog's min/max are integers) and are stored
without leading zeros; dates are written year-month-day (1- or 2-digit month and day accepted, stored
as YYYY-MM-DD); optional fields left blank are returned as "" so every shown field's key is present.
A field its condition hides (FormSchema.shown) is not checked and not kept: its key is absent from the
answers, even when it was answered before it was hidden, so what was not asked is never submitted.
Addresses lead with the kiosk's county and township (`address_area`, see kiosk.domain.address).
Multiple choices, addresses and photos are one string each (see multi_choice, address and photos): a
required one with nothing chosen, no address or no photo is "required" like a blank text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kiosk.domain.address import check_address
from kiosk.domain.catalog import DEFAULT_ADDRESS_LENGTH, DEFAULT_PHOTOS, FieldType, FormField, FormSchema
from kiosk.domain.chars import fold_fullwidth, has_forbidden_control
from kiosk.domain.credit_code import check_credit_code
from kiosk.domain.errors import ValidationError
from kiosk.domain.id_number import check_id_number
from kiosk.domain.multi_choice import check_multi_choice
from kiosk.domain.person_name import check_person_name
from kiosk.domain.phone import check_mobile
from kiosk.domain.photos import check_photos
from kiosk.domain.validation import Checked, Problem

REQUIRED = Problem("请填写此项", "This field is required")
_DATE_PATTERN = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_INTEGER_PATTERN = re.compile(r"-?\d{1,30}", re.ASCII)


class FormInvalid(ValidationError):  # noqa: N818 (the name is part of the agreed API)
    """Some answers broke the form's rules; `errors` maps each bad field key to its problem."""

    def __init__(self, errors: Mapping[str, Problem]) -> None:
        count = len(errors)
        super().__init__(f"有 {count} 项填写有误，请修改", f"{count} answer(s) need correcting.")
        self.errors: dict[str, Problem] = dict(errors)


@dataclass(frozen=True, slots=True)
class ValidatedForm:
    """Normalised answers for every field of the schema, and the warnings (which do not block)."""

    answers: Mapping[str, str]
    warnings: Mapping[str, tuple[Problem, ...]]


def validate_answers(
    schema: FormSchema, answers: Mapping[str, str], *, today: datetime.date, address_area: str = ""
) -> ValidatedForm:
    """Check the answers of the shown fields; raises FormInvalid listing every bad field."""
    errors: dict[str, Problem] = {}
    for key in answers:
        if schema.get(key) is None:
            errors[key if isinstance(key, str) else repr(key)] = Problem(
                "表单中没有这一项", "This form has no such field."
            )
    normalised: dict[str, str] = {}
    warnings: dict[str, tuple[Problem, ...]] = {}
    for form_field in schema.shown(answers):
        checked = _check_answer(form_field, answers.get(form_field.key, ""), today=today, area=address_area)
        if checked.error is not None:
            errors[form_field.key] = checked.error
            continue
        normalised[form_field.key] = checked.value
        if checked.warnings:
            warnings[form_field.key] = checked.warnings
    if errors:
        raise FormInvalid(errors)
    return ValidatedForm(answers=MappingProxyType(normalised), warnings=MappingProxyType(warnings))


def _check_answer(form_field: FormField, raw: object, *, today: datetime.date, area: str) -> Checked:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        return Checked(value="", error=Problem("答案格式无效", "The answer is malformed."))
    # An address keeps its two parts on two lines (kiosk.domain.address checks each part).
    multiline = (form_field.type is FieldType.TEXT and form_field.multiline) or (
        form_field.type is FieldType.ADDRESS
    )
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if multiline else raw
    if has_forbidden_control(text, allow_newline=multiline):
        return Checked(
            value="",
            error=Problem(
                "含有不可见的控制字符或换行，请重新输入",
                "The answer contains invisible control characters or line breaks.",
            ),
        )
    if not text.strip():
        return Checked(value="", error=REQUIRED if form_field.required else None)
    if form_field.type is FieldType.ADDRESS:
        limit = form_field.max_length or DEFAULT_ADDRESS_LENGTH
        return _required(form_field, check_address(text, max_length=limit, area=area))
    return _required(form_field, _TYPED_CHECKS[form_field.type](form_field, text, today))


def _required(form_field: FormField, checked: Checked) -> Checked:
    if checked.ok and not checked.value and form_field.required:
        return Checked(value="", error=REQUIRED)
    return checked


def check_date(raw: str, *, today: datetime.date) -> Checked:
    """Validate a year-month-day date that is not after `today`; the value is YYYY-MM-DD."""
    value = fold_fullwidth(raw).strip()
    match = _DATE_PATTERN.fullmatch(value)
    if match is None:
        return Checked(
            value=value,
            error=Problem(
                "请按“年-月-日”填写日期，例如 2024-05-01",
                "Enter the date as year-month-day, e.g. 2024-05-01.",
            ),
        )
    year, month, day = (int(part) for part in match.groups())
    try:
        parsed = datetime.date(year, month, day)
    except ValueError:
        return Checked(value=value, error=Problem("这不是有效的日期", "This is not a real date."))
    if parsed > today:
        return Checked(
            value=parsed.isoformat(), error=Problem("日期不能晚于今天", "The date cannot be after today.")
        )
    return Checked(value=parsed.isoformat())


def _check_text(form_field: FormField, text: str) -> Checked:
    value = text.strip()
    limit = form_field.max_length
    if limit is not None and len(value) > limit:
        return Checked(
            value=value,
            error=Problem(
                f"最多 {limit} 个字，现在是 {len(value)} 个",
                f"At most {limit} characters; {len(value)} given.",
            ),
        )
    return Checked(value=value)


def _check_choice(form_field: FormField, text: str) -> Checked:
    value = text.strip()
    if value not in {choice.value for choice in form_field.choices}:
        return Checked(value=value, error=Problem("请从选项中选择", "Please pick one of the options."))
    return Checked(value=value)


def _check_number(form_field: FormField, text: str) -> Checked:
    value = fold_fullwidth(text).strip()
    minimum, maximum = form_field.min_value, form_field.max_value
    unit_zh = form_field.unit.zh if form_field.unit else ""
    unit_en = f" {form_field.unit.en}" if form_field.unit else ""
    if _INTEGER_PATTERN.fullmatch(value) is None:
        return Checked(value=value, error=Problem("请输入整数", "Please enter a whole number."))
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return Checked(
            value=str(number),
            error=Problem(
                f"应在 {minimum}{unit_zh} 至 {maximum}{unit_zh} 之间",
                f"Must be between {minimum}{unit_en} and {maximum}{unit_en}.",
            ),
        )
    return Checked(value=str(number))


# Addresses are checked apart (they take the kiosk's area).
_TYPED_CHECKS: Mapping[FieldType, Callable[[FormField, str, datetime.date], Checked]] = {
    FieldType.NAME: lambda _field, text, _today: check_person_name(text),
    FieldType.ID_NUMBER: lambda _field, text, today: check_id_number(text, today=today),
    FieldType.MOBILE: lambda _field, text, _today: check_mobile(text),
    FieldType.CREDIT_CODE: lambda _field, text, _today: check_credit_code(text),
    FieldType.DATE: lambda _field, text, today: check_date(text, today=today),
    FieldType.TEXT: lambda field, text, _today: _check_text(field, text),
    FieldType.CHOICE: lambda field, text, _today: _check_choice(field, text),
    FieldType.NUMBER: lambda field, text, _today: _check_number(field, text),
    FieldType.MULTI_CHOICE: lambda field, text, _today: check_multi_choice(field, text),
    FieldType.PHOTOS: lambda field, text, _today: check_photos(
        text, max_count=field.max_count or DEFAULT_PHOTOS
    ),
}
