"""Tests for GB 32100 unified social credit code validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.credit_code import (
    CREDIT_CODE_CHARSET,
    REGISTRATION_AUTHORITIES,
    check_credit_code,
    compute_credit_check_char,
)

PROPERTY = settings(max_examples=200, deadline=None)
KNOWN_VALID = "91350100M000100Y43"
TABLE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def make_code(authority: str, organisation_type: str, division: str, organisation: str) -> str:
    """Build a credit code with a correct check character."""
    first17 = authority + organisation_type + division + organisation
    return first17 + compute_credit_check_char(first17)


valid_codes = st.builds(
    make_code,
    st.sampled_from(sorted(REGISTRATION_AUTHORITIES)),
    st.sampled_from("123456789"),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=CREDIT_CODE_CHARSET, min_size=9, max_size=9),
)


def test_known_valid_code_passes_without_warnings() -> None:
    checked = check_credit_code(KNOWN_VALID)
    assert checked.ok
    assert checked.value == KNOWN_VALID
    assert checked.warnings == ()


def test_lower_case_and_spaces_are_normalised() -> None:
    checked = check_credit_code(" 91350100m000100y43 ")
    assert checked.ok
    assert checked.value == KNOWN_VALID
    assert check_credit_code("9135 0100 M000 100Y 43").value == KNOWN_VALID


def test_wrong_check_character_only_warns() -> None:
    checked = check_credit_code("91350100M000100Y44")
    assert checked.ok
    assert checked.value == "91350100M000100Y44"
    assert len(checked.warnings) == 1
    assert "校验位" in checked.warnings[0].zh
    assert "check character" in checked.warnings[0].en


def test_village_collective_codes_are_accepted() -> None:
    first17 = "N2330102MF0000000"
    assert check_credit_code(first17 + compute_credit_check_char(first17)).warnings == ()


@pytest.mark.parametrize(
    ("raw", "zh_part", "en_part"),
    [
        ("", "请输入", "enter"),
        ("91350100M000100Y4", "18 位", "18 characters"),
        ("91350100M000100Y433", "18 位", "18 characters"),
        ("91350100M000100Yß", "不使用的字符", "never used"),
        ("91350100MO00100Y43", "不使用的字符", "never used"),
        ("91350100M000100I43", "不使用的字符", "never used"),
        ("91350100M000100S43", "不使用的字符", "never used"),
        ("9135010-M000100Y43", "不使用的字符", "never used"),
        ("H1350100M000100Y43", "登记管理部门", "registration authority"),
        ("90350100M000100Y43", "登记管理部门", "registration authority"),
        ("913501A0M000100Y43", "行政区划", "administrative division"),
    ],
)
def test_format_problems_are_errors(raw: str, zh_part: str, en_part: str) -> None:
    checked = check_credit_code(raw)
    assert not checked.ok
    assert checked.error is not None
    assert zh_part in checked.error.zh
    assert en_part in checked.error.en


def test_compute_credit_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="17"):
        compute_credit_check_char("91350100M000100")
    with pytest.raises(ValueError, match="17"):
        compute_credit_check_char("91350100M000100IO")


@PROPERTY
@given(first17=st.text(alphabet=CREDIT_CODE_CHARSET, min_size=17, max_size=17))
def test_check_char_follows_the_gb_32100_formula(first17: str) -> None:
    total = sum(CREDIT_CODE_CHARSET.index(char) * w for char, w in zip(first17, TABLE_WEIGHTS, strict=True))
    expected = 31 - total % 31
    assert compute_credit_check_char(first17) == CREDIT_CODE_CHARSET[0 if expected == 31 else expected]


@PROPERTY
@given(code=valid_codes)
def test_valid_codes_pass_cleanly_and_normalise(code: str) -> None:
    checked = check_credit_code(f" {code.lower()} ")
    assert checked.ok
    assert checked.value == code
    assert checked.warnings == ()


@PROPERTY
@given(code=valid_codes, data=st.data())
def test_wrong_check_character_warns_but_passes(code: str, data: st.DataObject) -> None:
    wrong = data.draw(st.sampled_from([char for char in CREDIT_CODE_CHARSET if char != code[17]]))
    checked = check_credit_code(code[:17] + wrong)
    assert checked.ok
    assert len(checked.warnings) == 1


@PROPERTY
@given(code=valid_codes, position=st.integers(min_value=0, max_value=16), data=st.data())
def test_a_substituted_character_never_passes_silently(code: str, position: int, data: st.DataObject) -> None:
    replacement = data.draw(st.sampled_from([char for char in CREDIT_CODE_CHARSET if char != code[position]]))
    checked = check_credit_code(code[:position] + replacement + code[position + 1 :])
    assert not checked.ok or checked.warnings


@PROPERTY
@given(code=valid_codes, position=st.integers(min_value=0, max_value=17), bad=st.sampled_from("IOZSVioszv!"))
def test_characters_outside_the_set_are_errors(code: str, position: int, bad: str) -> None:
    assert not check_credit_code(code[:position] + bad + code[position + 1 :]).ok


@PROPERTY
@given(raw=st.text(max_size=30) | st.text(alphabet=CREDIT_CODE_CHARSET + " ", max_size=20))
def test_junk_never_raises(raw: str) -> None:
    checked = check_credit_code(raw)
    if checked.ok:
        assert len(checked.value) == 18
        assert set(checked.value) <= set(CREDIT_CODE_CHARSET)
    else:
        assert checked.error is not None
        assert checked.error.zh and checked.error.en
