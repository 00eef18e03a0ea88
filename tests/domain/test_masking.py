"""Tests for masking identity data on screens and receipts."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.id_number import PROVINCE_CODES, compute_check_char
from kiosk.domain.masking import mask_credit_code, mask_id_number, mask_mobile, mask_name

PROPERTY = settings(max_examples=200, deadline=None)


def make_id(province: str, county: str, birth: datetime.date, sequence: int) -> str:
    """Build a valid 18-character ID number from its parts."""
    first17 = f"{province}{county}{birth:%Y%m%d}{sequence:03d}"
    return first17 + compute_check_char(first17)


valid_ids = st.builds(
    make_id,
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.text(alphabet="0123456789", min_size=4, max_size=4),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 1, 1)),
    st.integers(min_value=0, max_value=999),
)


def test_examples() -> None:
    assert mask_id_number("33010619900101123X") == "330***********123X"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_credit_code("91350100M000100Y43") == "9135**********0Y43"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("张") == "*"
    assert mask_name("") == ""
    assert mask_name("买买提·艾力") == "买*****"


def test_astral_characters_and_selectors_are_never_split() -> None:
    assert mask_name("𠈌𠈌") == "𠈌*"
    assert mask_name("葛\U000e0100三") == "葛\U000e0100*"
    assert mask_name("e\u0301va") == "e\u0301**"


@pytest.mark.parametrize(
    ("masker", "raw"),
    [
        (mask_id_number, "3301061990"),
        (mask_id_number, "33010619900101123"),
        (mask_mobile, "1381234567"),
        (mask_credit_code, "91350100M000100Y4"),
    ],
)
def test_too_short_values_are_masked_completely(masker: Callable[[str], str], raw: str) -> None:
    assert masker(raw) == "*" * len(raw)


@PROPERTY
@given(id_number=valid_ids)
def test_masked_id_never_shows_the_birth_date(id_number: str) -> None:
    masked = mask_id_number(id_number)
    assert len(masked) == len(id_number)
    assert masked[6:14] == "********"
    assert id_number[6:14] not in masked
    assert masked[:3] == id_number[:3]
    assert masked[-4:] == id_number[-4:]


@PROPERTY
@given(raw=st.text(max_size=40))
def test_any_input_keeps_its_length_and_hides_the_middle(raw: str) -> None:
    masked_id = mask_id_number(raw)
    masked_mobile = mask_mobile(raw)
    if raw.isascii():  # one code point per character, so positions can be compared directly
        assert len(masked_id) == len(masked_mobile) == len(raw)
        assert set(masked_id[6:14]) <= {"*"}
        assert set(masked_mobile[3:-4]) <= {"*"}
    else:  # combining marks stay with their base, so the result can only be shorter, never longer
        assert len(masked_id) <= len(raw)
        assert len(masked_mobile) <= len(raw)


@PROPERTY
@given(
    name=st.text(
        alphabet=st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF), min_size=1, max_size=10
    )
)
def test_masked_name_keeps_whole_characters(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name)
    if len(name) > 1:
        assert masked[0] == name[0]
        assert masked[1:] == "*" * (len(name) - 1)
    else:
        assert masked == "*"
