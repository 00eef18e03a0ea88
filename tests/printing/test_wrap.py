"""Tests for mixed Chinese/Latin line wrapping."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from printing.wrap import wrap_text


def cells(text: str) -> float:
    """Measure like a terminal: wide characters take two cells, others one."""
    return float(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text))


def wrap(text: str, width: float) -> list[str]:
    return wrap_text(text, width=width, measure=cells)


def test_cjk_wraps_per_character() -> None:
    assert wrap("城乡居民基本养老保险", 8) == ["城乡居民", "基本养老", "保险"]


def test_latin_wraps_per_word() -> None:
    assert wrap("Enrolment in basic pension insurance", 16) == ["Enrolment in", "basic pension", "insurance"]


def test_mixed_text_breaks_between_scripts_but_not_inside_words() -> None:
    assert wrap("5个工作日 / 5 working days", 12) == ["5个工作日 /", "5 working", "days"]


def test_closing_punctuation_never_starts_a_line() -> None:
    assert wrap("请妥善保管本回执，扫码", 16) == ["请妥善保管本回", "执，扫码"]
    assert wrap("一二三四，五", 8) == ["一二三", "四，五"]


def test_opening_punctuation_never_ends_a_line() -> None:
    assert wrap("一二三（四）", 8) == ["一二三", "（四）"]


def test_latin_words_may_break_after_a_hyphen() -> None:
    assert wrap("QS-KIOSK-03", 8) == ["QS-", "KIOSK-03"]
    assert wrap("7K3M-Q9XD-2RTP", 10) == ["7K3M-Q9XD-", "2RTP"]
    assert wrap("-5 -6", 2) == ["-5", "-6"]


def test_a_word_wider_than_the_line_is_broken_per_character() -> None:
    assert wrap("id https://zw.example.cn/q/7K3M", 10) == ["id", "https://zw", ".example.c", "n/q/7K3M"]


def test_hard_line_breaks_are_kept_and_empty_text_gives_no_lines() -> None:
    assert wrap("第一行\n第二行", 40) == ["第一行", "第二行"]
    assert wrap("", 40) == []
    assert wrap("   ", 40) == []


def test_width_must_be_positive() -> None:
    with pytest.raises(ValueError):
        wrap("x", 0)


_pieces = st.sampled_from(["城", "乡", "，", "。", "（", "）", " ", "ab", "c", "Enrolment", "5", "/", "*"])


@given(st.lists(_pieces, max_size=40).map("".join), st.integers(min_value=4, max_value=30))
def test_lines_fit_and_no_text_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert all(line == line.strip() and line for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
