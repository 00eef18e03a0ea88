"""Multiple choice, address, photos and dates chosen by touch: validation at the field and the editing rules."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.address import format_address, join_address, split_address
from kiosk.domain.catalog import Choice, FieldType, FormField, FormSchema, Text
from kiosk.domain.dates import EARLIEST, DatePart, step_date
from kiosk.domain.forms import FormInvalid, validate_answers
from kiosk.domain.multi_choice import toggle_choice
from kiosk.domain.photos import add_photo, remove_photo, split_photos
from kiosk.domain.review import review_lines

TODAY = datetime.date(2025, 6, 1)
PROPERTY = settings(max_examples=200, deadline=None)
LABEL = Text("标签", "Label")
SHA_A, SHA_B, SHA_C = "a" * 64, "b" * 64, "c" * 64

INCOME = FormField(
    "income",
    FieldType.MULTI_CHOICE,
    LABEL,
    required=True,
    choices=(
        Choice("farming", Text("务农", "Farming")),
        Choice("wages", Text("务工", "Wages")),
        Choice("pension", Text("养老金", "Pension")),
    ),
)
SCHEMA = FormSchema(
    fields=(
        FormField("applicant_name", FieldType.NAME, Text("姓名", "Name"), required=True),
        FormField("applicant_id_number", FieldType.ID_NUMBER, Text("身份证号", "ID number"), required=True),
        FormField("applicant_phone", FieldType.MOBILE, Text("手机", "Mobile"), required=True),
        INCOME,
        FormField("home", FieldType.ADDRESS, Text("住址", "Address"), required=True, max_length=10),
        FormField("papers", FieldType.PHOTOS, Text("照片", "Photos"), required=False, max_count=2),
        FormField("since", FieldType.DATE, Text("日期", "Date"), required=True),
    )
)
VALID = {
    "applicant_name": "张三",
    "applicant_id_number": "11010519491231002X",
    "applicant_phone": "13812345678",
    "income": "pension,farming",
    "home": "幸福村\n3组15号",
    "papers": f"{SHA_B},{SHA_A}",
    "since": "2024-05-01",
}


def _errors(**changes: str) -> dict[str, str]:
    with pytest.raises(FormInvalid) as raised:
        validate_answers(SCHEMA, VALID | changes, today=TODAY)
    return {key: problem.en for key, problem in raised.value.errors.items()}


def test_valid_answers_of_the_new_types_are_normalised() -> None:
    answers = validate_answers(SCHEMA, VALID | {"home": " 幸福村 \n ３组15号 "}, today=TODAY).answers
    assert answers["income"] == "farming,pension", "catalog order, whatever order they were tapped in"
    assert answers["home"] == "幸福村\n3组15号"
    assert answers["papers"] == f"{SHA_B},{SHA_A}", "photos keep the order they were taken in"


@pytest.mark.parametrize(
    ("key", "value", "en_part"),
    [
        ("income", "", "required"),
        ("income", ",", "required"),
        ("income", "farming,lottery", "options"),
        ("home", "", "required"),
        ("home", "\n3组15号", "village"),
        ("home", "3组15号", "village"),
        ("home", "幸福村\n", "rest of the address"),
        ("home", "幸福村\n一二三四五六七八九十十一", "at most 10"),
        ("home", "幸福村\n3组\n15号", "line breaks"),
        ("home", "幸\u202e福村\n3组", "control"),
        ("papers", "not-a-hash", "take the photo again"),
        ("papers", f"{SHA_A},{SHA_A}", "take the photo again"),
        ("papers", f"{SHA_A},{SHA_B},{SHA_C}", "At most 2"),
        ("since", "2025-02-30", "real date"),
    ],
)
def test_bad_answers_are_reported_at_their_field_in_plain_words(key: str, value: str, en_part: str) -> None:
    errors = _errors(**{key: value})
    assert set(errors) == {key}
    assert en_part.lower() in errors[key].lower()


def test_optional_photos_may_be_left_out_and_every_message_is_bilingual() -> None:
    answers = validate_answers(SCHEMA, VALID | {"papers": ""}, today=TODAY).answers
    assert answers["papers"] == ""
    with pytest.raises(FormInvalid) as raised:
        validate_answers(SCHEMA, {}, today=TODAY)
    assert {"income", "home", "since"} <= set(raised.value.errors)
    assert all(problem.zh and problem.en for problem in raised.value.errors.values())


def test_a_multiple_choice_keeps_several_values_and_a_second_tap_unchooses() -> None:
    answer = toggle_choice(INCOME, "", "pension")
    answer = toggle_choice(INCOME, answer, "farming")
    assert answer == "farming,pension"
    assert toggle_choice(INCOME, answer, "pension") == "farming"
    assert toggle_choice(INCOME, answer, "lottery") == answer, "an unknown option changes nothing"


def test_address_parts_join_and_split() -> None:
    joined = join_address(" 幸福村 ", "3组15号")
    assert joined == "幸福村\n3组15号"
    assert split_address(joined) == ("幸福村", "3组15号")
    assert format_address(joined) == "幸福村 3组15号"
    assert join_address("", "") == ""


def test_photos_are_added_once_and_removed() -> None:
    answer = add_photo(add_photo("", SHA_A), SHA_B)
    assert add_photo(answer, SHA_A) == answer
    assert split_photos(remove_photo(answer, SHA_A)) == (SHA_B,)


def test_a_date_step_keeps_a_real_day() -> None:
    may_31 = datetime.date(2024, 5, 31)
    assert step_date(may_31, DatePart.MONTH, -1, today=TODAY) == datetime.date(2024, 4, 30)
    leap_day = datetime.date(2024, 2, 29)
    assert step_date(leap_day, DatePart.YEAR, -1, today=TODAY) == datetime.date(2023, 2, 28)
    assert step_date(datetime.date(2024, 12, 31), DatePart.DAY, 1, today=TODAY) == datetime.date(2024, 12, 1)
    assert step_date(None, DatePart.YEAR, -10, today=TODAY) == datetime.date(2015, 6, 1), "from today"
    assert step_date(TODAY, DatePart.DAY, 1, today=TODAY) == TODAY, "never after today"
    assert step_date(datetime.date(1900, 3, 1), DatePart.YEAR, -10, today=TODAY) == datetime.date(1900, 3, 1)


@PROPERTY
@given(
    start=st.none() | st.dates(min_value=EARLIEST, max_value=TODAY),
    steps=st.lists(
        st.tuples(st.sampled_from(list(DatePart)), st.sampled_from([-10, -1, 1, 10])), max_size=30
    ),
)
def test_no_sequence_of_taps_gives_an_impossible_or_future_date(
    start: datetime.date | None, steps: list[tuple[DatePart, int]]
) -> None:
    date = start
    for part, delta in steps:
        date = step_date(date, part, delta, today=TODAY)
        assert EARLIEST <= date <= TODAY
        answers = validate_answers(SCHEMA, VALID | {"since": date.isoformat()}, today=TODAY).answers
        assert answers["since"] == date.isoformat()


def test_the_review_shows_id_and_phone_numbers_in_full_grouped_and_counts_photos() -> None:
    answers = validate_answers(SCHEMA, VALID, today=TODAY).answers
    lines = {line.key: line for line in review_lines(SCHEMA, answers)}
    assert lines["applicant_id_number"].value.zh == "110105 19491231 002X"
    assert lines["applicant_phone"].value.en == "138 1234 5678"
    assert lines["income"].value.zh == "务农、养老金"
    assert lines["income"].value.en == "Farming, Pension"
    assert lines["home"].value.zh == "幸福村 3组15号"
    assert lines["since"].value.zh == "2024年5月1日"
    assert lines["since"].value.en == "1 May 2024"
    assert lines["papers"].photos == (SHA_B, SHA_A)
    assert "2" in lines["papers"].value.zh and "2 photos" in lines["papers"].value.en
    every_text = " ".join(f"{line.value.zh} {line.value.en}" for line in lines.values())
    assert "11010519491231002X" not in every_text and "13812345678" not in every_text


def test_an_assisted_filings_review_masks_the_residents_numbers() -> None:
    answers = validate_answers(SCHEMA, VALID, today=TODAY).answers
    lines = {line.key: line for line in review_lines(SCHEMA, answers, masked=True)}
    assert lines["applicant_id_number"].value.zh == "110***********002X"
    assert lines["applicant_phone"].value.zh == "138****5678"
    assert lines["income"].value.zh == "务农、养老金", "other answers in words as ever"
