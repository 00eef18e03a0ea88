"""Tests for the 好差评 rating levels, reasons and rating validation."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.errors import ValidationError
from kiosk.domain.rating import (
    BAD_RATING_REASONS,
    CALLBACK_WORKING_DAYS,
    MAX_COMMENT_LENGTH,
    RatingLevel,
    ValidRating,
    counter_words,
    rating_what_next,
    validate_counter,
    validate_rating,
)

PROPERTY = settings(max_examples=200, deadline=None)
REASON_CODES = [reason.code for reason in BAD_RATING_REASONS]


def test_levels_values_and_labels() -> None:
    assert [(level.value, level.zh, level.en) for level in sorted(RatingLevel, reverse=True)] == [
        (5, "非常满意", "Very satisfied"),
        (4, "满意", "Satisfied"),
        (3, "基本满意", "Fairly satisfied"),
        (2, "不满意", "Dissatisfied"),
        (1, "非常不满意", "Very dissatisfied"),
    ]
    assert [level.value for level in RatingLevel if level.is_bad] == [2, 1]


def test_reason_tags() -> None:
    assert len(set(REASON_CODES)) == len(REASON_CODES)
    assert {"long_wait", "unclear_guide", "too_many_materials", "device_fault", "staff_attitude"} <= set(
        REASON_CODES
    )
    assert {"not_done", "other"} <= set(REASON_CODES)
    by_code = {reason.code: reason for reason in BAD_RATING_REASONS}
    assert by_code["long_wait"].zh == "等候时间长"
    assert by_code["other"].en == "Other"
    assert all(reason.zh and reason.en for reason in BAD_RATING_REASONS)


def test_good_rating_without_details() -> None:
    rating = validate_rating(level=5, reasons=[], comment="  很方便  ", callback_phone=None)
    assert rating == ValidRating(RatingLevel.VERY_SATISFIED, (), "很方便", None)


def test_bad_rating_with_reasons_comment_and_callback() -> None:
    rating = validate_rating(
        level=1,
        reasons=["long_wait", "device_fault", "long_wait"],
        comment="打印机卡纸\r\n等了很久",
        callback_phone="+86 138-1234-5678",
    )
    assert rating.level is RatingLevel.VERY_DISSATISFIED
    assert rating.reasons == ("long_wait", "device_fault")
    assert rating.comment == "打印机卡纸\n等了很久"
    assert rating.callback_phone == "13812345678"


def test_blank_callback_phone_means_none() -> None:
    assert (
        validate_rating(level=2, reasons=["not_done"], comment="", callback_phone="  ").callback_phone is None
    )
    assert validate_rating(level=4, reasons=[], comment="", callback_phone="").callback_phone is None


def test_comment_of_exactly_the_limit_is_accepted() -> None:
    comment = "𠈌" * MAX_COMMENT_LENGTH
    assert validate_rating(level=3, reasons=[], comment=comment, callback_phone=None).comment == comment


@pytest.mark.parametrize(
    ("kwargs", "field", "en_part"),
    [
        ({"level": 0}, "level", "1 to 5"),
        ({"level": 6}, "level", "1 to 5"),
        ({"level": True}, "level", "1 to 5"),
        ({"level": "5"}, "level", "1 to 5"),
        ({"level": 2, "reasons": []}, "reasons", "at least one"),
        ({"level": 1, "reasons": ["rude_robot"]}, "reasons", "Unknown"),
        ({"level": 1, "reasons": "long_wait"}, "reasons", "malformed"),
        ({"level": 5, "reasons": ["long_wait"]}, "reasons", "only chosen"),
        ({"level": 3, "comment": "好" * (MAX_COMMENT_LENGTH + 1)}, "comment", "at most"),
        ({"level": 3, "comment": "ok\x07"}, "comment", "control"),
        ({"level": 1, "reasons": ["other"], "comment": "  "}, "comment", "describe"),
        ({"level": 1, "reasons": ["long_wait"], "callback_phone": "12345"}, "callback_phone", "11 digits"),
        ({"level": 4, "callback_phone": "13812345678"}, "callback_phone", "bad rating"),
    ],
)
def test_rules_raise_bilingual_validation_errors(kwargs: dict[str, object], field: str, en_part: str) -> None:
    arguments: dict[str, object] = {"level": 5, "reasons": [], "comment": "", "callback_phone": None} | kwargs
    with pytest.raises(ValidationError) as raised:
        validate_rating(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert en_part in raised.value.en
    assert raised.value.zh


@PROPERTY
@given(
    level=st.integers(min_value=-2, max_value=7),
    reasons=st.lists(st.sampled_from([*REASON_CODES, "bogus", ""]), max_size=4),
    comment=st.text(max_size=320),
    callback_phone=st.none() | st.just("13812345678") | st.text(max_size=15),
)
def test_any_input_gives_a_valid_rating_or_a_validation_error(
    level: int, reasons: Sequence[str], comment: str, callback_phone: str | None
) -> None:
    try:
        rating = validate_rating(level=level, reasons=reasons, comment=comment, callback_phone=callback_phone)
    except ValidationError as error:
        assert error.field in {"level", "reasons", "comment", "callback_phone"}
        assert error.zh and error.en
        return
    assert 1 <= level <= 5
    assert rating.level.is_bad == bool(rating.reasons)
    assert set(rating.reasons) <= set(REASON_CODES)
    assert len(rating.comment) <= MAX_COMMENT_LENGTH
    if rating.callback_phone is not None:
        assert rating.level.is_bad
        assert len(rating.callback_phone) == 11


@PROPERTY
@given(level=st.sampled_from([1, 2]), reasons=st.lists(st.sampled_from(REASON_CODES[:-1]), min_size=1))
def test_bad_ratings_with_known_reasons_are_accepted(level: int, reasons: list[str]) -> None:
    rating = validate_rating(level=level, reasons=reasons, comment="", callback_phone="13900001111")
    assert list(rating.reasons) == list(dict.fromkeys(reasons))
    assert rating.callback_phone == "13900001111"


def test_a_good_rating_is_thanked_without_promising_a_call() -> None:
    thanks = rating_what_next(validate_rating(level=4, reasons=[], comment="", callback_phone=None))
    assert "感谢" in thanks.zh and "Thank you" in thanks.en
    assert "回访" not in thanks.zh and "call you" not in thanks.en


def test_a_bad_rating_with_a_phone_promises_a_call_back_on_the_masked_number() -> None:
    bad = validate_rating(level=1, reasons=["long_wait"], comment="", callback_phone="13800001234")
    thanks = rating_what_next(bad)
    assert f"{CALLBACK_WORKING_DAYS} 个工作日内拨打 138****1234 回访" in thanks.zh
    assert f"call you on 138****1234 within {CALLBACK_WORKING_DAYS} working days" in thanks.en
    assert "13800001234" not in thanks.zh + thanks.en, "the number is masked on screen"


def test_a_bad_rating_without_a_phone_promises_no_call_and_names_the_hotline() -> None:
    thanks = rating_what_next(validate_rating(level=2, reasons=["not_done"], comment="", callback_phone=""))
    assert "回访" not in thanks.zh and "call you" not in thanks.en
    assert "12345" in thanks.zh and "12345" in thanks.en


def test_a_filing_number_chosen_for_the_call_back_is_promised_masked() -> None:
    bad = validate_rating(level=2, reasons=["not_done"], comment="", callback_phone=None)
    thanks = rating_what_next(bad, masked_phone="139****0000")
    assert "拨打 139****0000 回访" in thanks.zh and "call you on 139****0000" in thanks.en


@pytest.mark.parametrize(
    ("window_no", "staff_no", "expected"),
    [
        ("3", "", ("3", None)),
        (" 12 ", "", ("12", None)),
        ("05", "00123", ("5", "00123")),
        ("999", "1234567890", ("999", "1234567890")),
    ],
)
def test_a_counter_is_a_window_number_and_maybe_a_staff_number(
    window_no: str, staff_no: str, expected: tuple[str, str | None]
) -> None:
    counter = validate_counter(window_no=window_no, staff_no=staff_no)
    assert (counter.window_no, counter.staff_no) == expected


@pytest.mark.parametrize(
    ("window_no", "staff_no", "field"),
    [
        ("", "", "window_no"),
        ("0", "", "window_no"),
        ("000", "", "window_no"),
        ("1000", "", "window_no"),
        ("3a", "", "window_no"),
        ("３", "", "window_no"),  # a full-width digit is not typed on the keypad
        ("-1", "", "window_no"),
        ("3", "12", "staff_no"),
        ("3", "12345678901", "staff_no"),
        ("3", "12 34", "staff_no"),
        ("3", "A1234", "staff_no"),
    ],
)
def test_a_malformed_counter_is_refused_in_both_languages(window_no: str, staff_no: str, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_counter(window_no=window_no, staff_no=staff_no)
    assert info.value.field == field and info.value.zh and info.value.en


def test_the_counter_is_named_in_words() -> None:
    assert counter_words(validate_counter(window_no="3")).zh == "3 号窗口"
    both = counter_words(validate_counter(window_no="3", staff_no="10086"))
    assert (both.zh, both.en) == ("3 号窗口 · 工号 10086", "Counter 3 · staff no. 10086")
