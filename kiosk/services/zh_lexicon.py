"""The lexicon that keeps Chinese words whole on wrapped lines: the kiosk's glossary plus pypinyin's phrases.

pypinyin's phrase dictionary (47,000 phrases, about 0.7 s and 50 MB to load) is in memory anyway once the
catalog search index is built in the background after start; this lexicon reuses it rather than loading a
word list of its own. Until then (the first second after start) the texts shown use the glossary alone.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Container, Mapping

from kiosk.domain.zh_words import GLOSSARY, keep_words


class Lexicon(Container[str]):
    """A word is in the lexicon when the glossary or pypinyin's phrase dictionary has it."""

    def __init__(self, phrases: Mapping[str, object]) -> None:
        self._phrases = phrases

    def __contains__(self, word: object) -> bool:
        return word in GLOSSARY or word in self._phrases


@functools.cache
def lexicon() -> Lexicon:
    """The whole lexicon, pypinyin imported on first use (build steps and tests)."""
    from pypinyin.constants import PHRASES_DICT

    return Lexicon(PHRASES_DICT)


def keep_chinese_words(text: str) -> str:
    """``text`` with word joiners inside its words; never loads pypinyin itself (see the module's docstring)."""
    loaded = getattr(sys.modules.get("pypinyin.constants"), "PHRASES_DICT", None)
    return keep_words(text, lexicon() if loaded else GLOSSARY)
