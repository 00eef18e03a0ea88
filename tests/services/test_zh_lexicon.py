"""The lexicon of the word joiners: the glossary, plus pypinyin's phrases once they are loaded."""

from __future__ import annotations

from kiosk.domain.zh_words import WORD_JOINER
from kiosk.services.zh_lexicon import keep_chinese_words, lexicon


def test_the_lexicon_has_the_glossary_and_pypinyins_phrases() -> None:
    words = lexicon()
    assert "办理" in words  # the glossary: pypinyin lacks it
    assert "户口簿" in words  # pypinyin's phrase dictionary
    assert "办要" not in words


def test_once_pypinyin_is_loaded_its_phrases_keep_words_too() -> None:
    lexicon()
    assert keep_chinese_words("户口簿") == WORD_JOINER.join("户口簿")
