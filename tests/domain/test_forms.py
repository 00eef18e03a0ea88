"""Tests for validating the answers to a service form."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.catalog import Choice, FieldType, FormField, FormSchema, Text
from kiosk.domain.errors import ValidationError
from kiosk.domain.forms import FormInvalid, ValidatedForm, check_date, validate_answers
from kiosk.domain.id_number import compute_check_char

TODAY = datetime.date(2025, 6, 1)
PROPERTY = settings(max_examples=150, deadline=None)
LABEL = Text("标签", "Label")

SCHEMA = FormSchema(
    fields=(
        FormField("applicant_name", FieldType.NAME, LABEL, required=True),
        FormField("applicant_id_number", FieldType.ID_NUMBER, LABEL, required=True),
        FormField("applicant_phone", FieldType.MOBILE, LABEL, required=True),
        FormField("credit_code", FieldType.CREDIT_CODE, LABEL, required=False),
        FormField("start_date", FieldType.DATE, LABEL, required=False),
        FormField("remarks", FieldType.TEXT, LABEL, required=False, max_length=10, multiline=True),
        FormField("shop_name", FieldType.TEXT, LABEL, required=True, max_length=5),
        FormField(
            "grade",
            FieldType.CHOICE,
            LABEL,
            required=True,
            choices=(Choice("200", Text("200 元", "CNY 200")), Choice("500", Text("500 元", "CNY 500"))),
        ),
        FormField(
            "household_size",
            FieldType.NUMBER,
            LABEL,
            required=False,
            min_value=1,
            max_value=20,
            unit=Text("人", "people"),
        ),
    )
)

VALID_ANSWERS = {
    "applicant_name": " 张三 ",
    "applicant_id_number": "11010519491231002x",
    "applicant_phone": "+86 138 1234 5678",
    "credit_code": "91350100m000100y43",
    "start_date": "2024-5-1",
    "remarks": "第一行\r\n第二行",
    "shop_name": "小卖部",
    "grade": "500",
    "household_size": "007",
}


def test_valid_answers_are_normalised() -> None:
    form = validate_answers(SCHEMA, VALID_ANSWERS, today=TODAY)
    assert isinstance(form, ValidatedForm)
    assert dict(form.answers) == {
        "applicant_name": "张三",
        "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13812345678",
        "credit_code": "91350100M000100Y43",
        "start_date": "2024-05-01",
        "remarks": "第一行\n第二行",
        "shop_name": "小卖部",
        "grade": "500",
        "household_size": "7",
    }
    assert dict(form.warnings) == {}


def test_blank_optional_fields_are_returned_empty() -> None:
    answers = {key: VALID_ANSWERS[key] for key in SCHEMA.keys if key not in {"credit_code", "remarks"}}
    answers["start_date"] = "   "
    form = validate_answers(SCHEMA, answers, today=TODAY)
    assert form.answers["credit_code"] == ""
    assert form.answers["remarks"] == ""
    assert form.answers["start_date"] == ""
    assert set(form.answers) == set(SCHEMA.keys)


def test_credit_code_check_warning_is_passed_on() -> None:
    form = validate_answers(SCHEMA, VALID_ANSWERS | {"credit_code": "91350100M000100Y44"}, today=TODAY)
    assert form.answers["credit_code"] == "91350100M000100Y44"
    assert len(form.warnings["credit_code"]) == 1


def test_every_bad_field_is_reported_at_once() -> None:
    answers = {
        "applicant_name": "张3",
        "applicant_id_number": "110105491231002",
        "applicant_phone": "",
        "credit_code": "91350100MO00100Y43",
        "start_date": "2025-06-02",
        "remarks": "一二三四五六七八九十十一",
        "shop_name": "a\x07",
        "grade": "300",
        "household_size": "21",
        "favourite_colour": "blue",
    }
    with pytest.raises(FormInvalid) as raised:
        validate_answers(SCHEMA, answers, today=TODAY)
    errors = raised.value.errors
    assert set(errors) == set(answers)
    assert isinstance(raised.value, ValidationError)
    assert errors["applicant_phone"].zh == "请填写此项"
    assert errors["applicant_phone"].en == "This field is required"
    assert "数字" in errors["applicant_name"].zh
    assert "二代" in errors["applicant_id_number"].zh
    assert "never used" in errors["credit_code"].en
    assert "after today" in errors["start_date"].en
    assert "At most 10" in errors["remarks"].en
    assert "control" in errors["shop_name"].en
    assert "options" in errors["grade"].en
    assert "between 1 people and 20 people" in errors["household_size"].en
    assert "no such field" in errors["favourite_colour"].en
    assert "10" in raised.value.zh


def test_missing_required_fields() -> None:
    with pytest.raises(FormInvalid) as raised:
        validate_answers(SCHEMA, {}, today=TODAY)
    required = {"applicant_name", "applicant_id_number", "applicant_phone", "shop_name", "grade"}
    assert set(raised.value.errors) == required
    assert all(problem.en == "This field is required" for problem in raised.value.errors.values())


@pytest.mark.parametrize(
    ("key", "value", "en_part"),
    [
        ("shop_name", "小卖部\n二店", "control"),
        ("grade", "500\t", "control"),
        ("applicant_name", "张\u202e三", "control"),
        ("remarks", "a\x00", "control"),
        ("shop_name", "超过五个字了", "At most 5"),
        ("grade", " 200元", "options"),
        ("household_size", "1.5", "whole number"),
        ("household_size", "ten", "whole number"),
        ("household_size", "٣", "whole number"),
        ("household_size", "9" * 5000, "whole number"),
        ("household_size", "0", "between"),
        ("household_size", "-3", "between"),
        ("start_date", "2024/05/01", "year-month-day"),
        ("start_date", "20240501", "year-month-day"),
        ("start_date", "2024-W01-1", "year-month-day"),
        ("start_date", "2023-02-29", "real date"),
        ("start_date", "2025-06-02", "after today"),
    ],
)
def test_single_bad_answers(key: str, value: str, en_part: str) -> None:
    with pytest.raises(FormInvalid) as raised:
        validate_answers(SCHEMA, VALID_ANSWERS | {key: value}, today=TODAY)
    assert set(raised.value.errors) == {key}
    assert en_part in raised.value.errors[key].en


def test_non_string_answers_are_errors_not_crashes() -> None:
    with pytest.raises(FormInvalid) as raised:
        validate_answers(SCHEMA, VALID_ANSWERS | {"household_size": 5}, today=TODAY)  # type: ignore[dict-item]
    assert set(raised.value.errors) == {"household_size"}


def test_check_date_accepts_today_and_fullwidth_digits() -> None:
    assert check_date("2025-06-01", today=TODAY).value == "2025-06-01"
    assert check_date("２０２４－０１－０９", today=TODAY).value == "2024-01-09"


def make_id(birth: datetime.date, sequence: int) -> str:
    """A valid ID number born on `birth`."""
    first17 = f"330106{birth:%Y%m%d}{sequence:03d}"
    return first17 + compute_check_char(first17)


@PROPERTY
@given(
    birth=st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
    size=st.integers(min_value=1, max_value=20),
    remarks=st.text(alphabet="abc 中文\n", max_size=10),
    started=st.dates(max_value=TODAY),
)
def test_generated_valid_answers_are_accepted(
    birth: datetime.date, sequence: int, size: int, remarks: str, started: datetime.date
) -> None:
    answers = VALID_ANSWERS | {
        "applicant_id_number": make_id(birth, sequence),
        "household_size": str(size),
        "remarks": remarks,
        "start_date": started.isoformat(),
    }
    form = validate_answers(SCHEMA, answers, today=TODAY)
    assert form.answers["applicant_id_number"] == answers["applicant_id_number"]
    assert form.answers["household_size"] == str(size)
    assert form.answers["remarks"] == remarks.strip()
    assert form.answers["start_date"] == started.isoformat()


@PROPERTY
@given(
    answers=st.dictionaries(
        st.sampled_from([*SCHEMA.keys, "extra"]) | st.text(max_size=5),
        st.text(max_size=20) | st.sampled_from(list(VALID_ANSWERS.values())),
        max_size=12,
    )
)
def test_random_answers_give_a_form_or_form_invalid(answers: dict[str, str]) -> None:
    try:
        form = validate_answers(SCHEMA, answers, today=TODAY)
    except FormInvalid as error:
        assert error.errors
        assert set(error.errors) <= set(SCHEMA.keys) | set(answers)
        assert all(problem.zh and problem.en for problem in error.errors.values())
        return
    assert set(form.answers) == set(SCHEMA.keys)
    assert set(answers) <= set(SCHEMA.keys)
