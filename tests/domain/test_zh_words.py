"""Chinese words kept whole on a line: segmentation, word joiners, and where a break would split a word."""

from __future__ import annotations

from kiosk.domain.zh_words import WORD_JOINER, keep_words, segment, splits_a_word, strip_joiners

WJ = WORD_JOINER


def test_the_glossary_segments_the_home_title_into_its_words() -> None:
    assert segment("请问您要办理什么") == ["请问", "您", "要", "办理", "什么"]


def test_backward_matching_wins_a_tie_of_word_counts() -> None:
    assert segment("从今天开始") == ["从", "今天", "开始"]


def test_longest_words_first() -> None:
    assert segment("已受理") == ["已受理"]
    assert segment("请记下凭证号") == ["请", "记下", "凭证号"]


def test_joiners_go_inside_words_only_and_are_idempotent() -> None:
    joined = keep_words("您好，请问您要办理什么？")
    assert joined == f"您{WJ}好，请{WJ}问您要办{WJ}理什{WJ}么？"
    assert keep_words(joined) == joined
    assert strip_joiners(joined) == "您好，请问您要办理什么？"


def test_latin_digits_and_punctuation_are_left_alone() -> None:
    assert keep_words("18 位，末位可能是 X") == f"18 位，末{WJ}位可能是 X"


def test_a_break_inside_a_word_names_the_word() -> None:
    text = keep_words("请重新办理")
    assert splits_a_word("请重新办理", 4) == "办理"
    assert splits_a_word(text, text.index("办") + 2) == "办理"  # offsets count the joiners
    assert splits_a_word("请重新办理", 3) == ""
    assert splits_a_word("请重新办理", 1) == ""


def test_a_custom_lexicon_adds_words() -> None:
    assert segment("户口簿", {"户口簿"}) == ["户口簿"]
    assert segment("户口簿", set()) == ["户", "口", "簿"]
