"""Tests for person name validation: rare characters survive, symbols and digits do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.chars import has_forbidden_control
from kiosk.domain.person_name import (
    CJK_IDEOGRAPH_BLOCKS,
    MAX_NAME_LENGTH,
    MIDDLE_DOT,
    check_person_name,
)

PROPERTY = settings(max_examples=200, deadline=None)

cjk_ideographs = st.one_of(
    [st.integers(min_value=first, max_value=last).map(chr) for first, last in CJK_IDEOGRAPH_BLOCKS]
)
cjk_names = st.text(alphabet=cjk_ideographs, min_size=1, max_size=MAX_NAME_LENGTH)
latin_words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüñøß", min_size=1, max_size=8
)


@st.composite
def separated_names(draw: st.DrawFn, words: st.SearchStrategy[str], separators: str) -> str:
    """Words joined by single separators, e.g. Anne-Marie O'Neil or 买买提·艾力."""
    parts = draw(st.lists(words, min_size=1, max_size=4))
    name = parts[0]
    for part in parts[1:]:
        name += draw(st.sampled_from(separators)) + part
    return name


@pytest.mark.parametrize(
    "name",
    [
        "张三",
        "王𠈌",  # U+2020C, Extension B
        "刘䶮",  # U+4DAE, Extension A
        "𪚥",  # U+2A6A5, Extension B
        "李𰻞",  # U+30EDE, Extension G
        "郑〇",
        "买买提·艾力",
        "阿沛·阿旺晋美",
        "José García",
        "O'Neil-Smith",
        "Anne-Marie d’Arc",
        "葛\U000e0100",  # ideograph followed by an ideographic variation selector
        "豈",  # U+F900, a compatibility ideograph that NFC would change
        "張" * MAX_NAME_LENGTH,
    ],
)
def test_names_are_accepted_unchanged(name: str) -> None:
    checked = check_person_name(name)
    assert checked.ok, checked.error
    assert checked.value == name


def test_compatibility_ideograph_keeps_its_code_point() -> None:
    checked = check_person_name("\uf900\U0002f800")
    assert [ord(char) for char in checked.value] == [0xF900, 0x2F800]


def test_trimmed_and_nfc_normalised() -> None:
    assert check_person_name("  张三\u3000").value == "张三"
    assert check_person_name("Jose\u0301").value == "José"


@pytest.mark.parametrize("variant", ["\u2022", "\u30fb", "\uff65", "\u2027", "\u00b7"])
def test_middle_dot_variants_become_the_standard_dot(variant: str) -> None:
    checked = check_person_name(f"买买提{variant}艾力")
    assert checked.ok
    assert checked.value == f"买买提{MIDDLE_DOT}艾力"


@pytest.mark.parametrize(
    ("raw", "zh_part", "en_part"),
    [
        ("", "请输入", "enter"),
        ("   ", "请输入", "enter"),
        ("张3", "数字", "digits"),
        ("张٣", "数字", "digits"),
        ("张三!", "不能包含", "cannot contain"),
        ("张三😀", "不能包含", "cannot contain"),
        ("张\ue000", "不能包含", "cannot contain"),
        ("Ｊｏｈｎ", "不能包含", "cannot contain"),
        ("张_三", "不能包含", "cannot contain"),
        ("\u0301张", "不能包含", "cannot contain"),
        ("张\x00三", "控制字符", "control"),
        ("张\u202e三", "控制字符", "control"),
        ("张\n三", "控制字符", "control"),
        ("·张三", "开头或结尾", "start or end"),
        ("张三-", "开头或结尾", "start or end"),
        ("买买提··艾力", "连续", "follow each other"),
        ("Anne  Marie", "连续", "follow each other"),
        ("张" * (MAX_NAME_LENGTH + 1), "最多", "at most"),
    ],
)
def test_rejected_names_explain_why(raw: str, zh_part: str, en_part: str) -> None:
    checked = check_person_name(raw)
    assert not checked.ok
    assert checked.error is not None
    assert zh_part in checked.error.zh
    assert en_part in checked.error.en


@PROPERTY
@given(name=cjk_names)
def test_any_cjk_ideographs_round_trip_exactly(name: str) -> None:
    checked = check_person_name(name)
    assert checked.ok, checked.error
    assert checked.value == name


@PROPERTY
@given(name=separated_names(latin_words, " -'"))
def test_latin_names_round_trip(name: str) -> None:
    checked = check_person_name(name)
    assert checked.ok, checked.error
    assert checked.value == name


@PROPERTY
@given(
    name=separated_names(st.text(alphabet=cjk_ideographs, min_size=1, max_size=6), "·•・"),
)
def test_minority_names_use_the_standard_dot(name: str) -> None:
    checked = check_person_name(name)
    assert checked.ok, checked.error
    assert checked.value == name.replace("•", MIDDLE_DOT).replace("・", MIDDLE_DOT)


@PROPERTY
@given(name=cjk_names, digit=st.characters(categories=["Nd"]), data=st.data())
def test_a_digit_anywhere_is_rejected(name: str, digit: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(name)))
    assert not check_person_name(name[:position] + digit + name[position:]).ok


@PROPERTY
@given(raw=st.text(max_size=60))
def test_junk_never_raises(raw: str) -> None:
    checked = check_person_name(raw)
    if checked.ok:
        assert 1 <= len(checked.value) <= MAX_NAME_LENGTH
        assert checked.value == checked.value.strip()
        assert not has_forbidden_control(checked.value)
        assert not any(char.isdigit() for char in checked.value)
    else:
        assert checked.error is not None
        assert checked.error.zh and checked.error.en
