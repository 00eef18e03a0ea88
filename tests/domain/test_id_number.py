"""Tests for GB 11643 citizen ID number validation."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.errors import ValidationError
from kiosk.domain.id_number import (
    PROVINCE_CODES,
    birth_date_of,
    check_id_number,
    compute_check_char,
)

TODAY = datetime.date(2025, 6, 1)
PROPERTY = settings(max_examples=200, deadline=None)
KNOWN_VALID = "11010519491231002X"
# Weights from the GB 11643 table, written out independently of the implementation.
TABLE_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(province: str, county: str, birth: datetime.date, sequence: int) -> str:
    """Build a valid 18-character ID number from its parts."""
    first17 = f"{province}{county}{birth:%Y%m%d}{sequence:03d}"
    return first17 + compute_check_char(first17)


valid_ids = st.builds(
    make_id,
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.text(alphabet="0123456789", min_size=4, max_size=4),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


def test_known_valid_number_is_accepted() -> None:
    checked = check_id_number(KNOWN_VALID, today=TODAY)
    assert checked.ok
    assert checked.value == KNOWN_VALID
    assert checked.warnings == ()


def test_lowercase_x_spaces_and_fullwidth_digits_are_normalised() -> None:
    assert check_id_number(" 110105 19491231 002x ", today=TODAY).value == KNOWN_VALID
    assert check_id_number("１１０１０５１９４９１２３１００２ｘ", today=TODAY).value == KNOWN_VALID
    assert check_id_number("11010519491231002x", today=TODAY).ok


def test_compute_check_char_known_values() -> None:
    assert compute_check_char("11010519491231002") == "X"
    assert compute_check_char("44052418800101001") == "4"


@pytest.mark.parametrize(
    "bad", ["", "1101051949123100", "110105194912310021", "1101051949123100X", "1101051949123100２", "١" * 17]
)
def test_compute_check_char_rejects_anything_but_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="17"):
        compute_check_char(bad)


def test_birth_date_of() -> None:
    assert birth_date_of(KNOWN_VALID) == datetime.date(1949, 12, 31)
    with pytest.raises(ValidationError) as raised:
        birth_date_of("110105194902300021")
    assert raised.value.zh and raised.value.en
    with pytest.raises(ValidationError):
        birth_date_of("short")


def test_fifteen_digit_legacy_number_is_rejected_with_advice() -> None:
    checked = check_id_number("110105491231002", today=TODAY)
    assert not checked.ok
    assert checked.error is not None
    assert "18" in checked.error.zh and "二代" in checked.error.zh
    assert "second-generation" in checked.error.en


@pytest.mark.parametrize(
    ("raw", "zh_part", "en_part"),
    [
        ("", "请输入", "enter"),
        ("1101051949123100", "18 位", "18 characters"),
        ("11010519491231002X1", "18 位", "18 characters"),
        ("1101051949A231002X", "只能是数字", "digits"),
        ("11010519491231002Y", "只能是数字", "digits"),
        ("99010519491231002X", "省级", "province"),
        ("00010519491231002X", "省级", "province"),
        ("110105194902300021", "不是有效日期", "not a real date"),
        ("110105194913010021", "不是有效日期", "not a real date"),
        ("110105189912310021", "1900", "1900"),
        ("110105202506020021", "晚于今天", "after today"),
        ("110105194912310021", "校验位", "check character"),
    ],
)
def test_each_failure_has_its_own_bilingual_message(raw: str, zh_part: str, en_part: str) -> None:
    checked = check_id_number(raw, today=TODAY)
    assert not checked.ok
    assert checked.error is not None
    assert zh_part in checked.error.zh
    assert en_part in checked.error.en


def test_birth_date_boundaries() -> None:
    assert check_id_number(make_id("11", "0105", TODAY, 1), today=TODAY).ok
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert not check_id_number(make_id("11", "0105", tomorrow, 1), today=TODAY).ok
    assert check_id_number(make_id("11", "0105", datetime.date(1900, 1, 1), 1), today=TODAY).ok
    assert check_id_number(make_id("83", "0000", datetime.date(2000, 2, 29), 5), today=TODAY).ok


@PROPERTY
@given(first17=st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_char_matches_the_gb_11643_table(first17: str) -> None:
    total = sum(int(digit) * weight for digit, weight in zip(first17, TABLE_WEIGHTS, strict=True))
    assert compute_check_char(first17) == "10X98765432"[total % 11]


@PROPERTY
@given(id_number=valid_ids, data=st.data())
def test_valid_numbers_are_accepted_and_normalised(id_number: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(min_value=0, max_value=18))
    decorated = " " + id_number[:cut] + " " + id_number[cut:].lower() + "\u3000"
    checked = check_id_number(decorated, today=TODAY)
    assert checked.ok, checked.error
    assert checked.value == id_number
    assert birth_date_of(checked.value) <= TODAY


@PROPERTY
@given(id_number=valid_ids, position=st.integers(min_value=0, max_value=17), data=st.data())
def test_any_single_substitution_is_rejected(id_number: str, position: int, data: st.DataObject) -> None:
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([char for char in alphabet if char != id_number[position]]))
    corrupted = id_number[:position] + replacement + id_number[position + 1 :]
    assert not check_id_number(corrupted, today=TODAY).ok


@PROPERTY
@given(id_number=valid_ids, position=st.integers(min_value=0, max_value=16))
def test_adjacent_transpositions_are_rejected(id_number: str, position: int) -> None:
    swapped = id_number[:position] + id_number[position + 1] + id_number[position] + id_number[position + 2 :]
    if swapped != id_number:
        assert not check_id_number(swapped, today=TODAY).ok


@PROPERTY
@given(raw=st.text(max_size=30) | st.text(alphabet="0123456789Xx ", max_size=20))
def test_junk_never_raises(raw: str) -> None:
    checked = check_id_number(raw, today=TODAY)
    if checked.ok:
        assert len(checked.value) == 18
        assert checked.value[17] == compute_check_char(checked.value[:17])
    else:
        assert checked.error is not None
        assert checked.error.zh and checked.error.en
