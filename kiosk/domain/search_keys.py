"""How search spells texts and queries: folded queries, Chinese lattices, marked English words, patterns."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

ENGLISH_STOP_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"]
)

GROUP_START, GROUP_END, FIELD_SEPARATOR = ",", ";", "|"
WORD_START, STOP_WORD_START = "^", "~"
# Between two query characters: stay in the spelling, or (once it is whole) go on to the next group.
_NEXT_GROUP = "(?:(?=[,;])[^;|]*;[^;|]*,)??"
# Between two query characters typed over English words: the same word, or the next one.
_MAYBE_NEXT_WORD = "[\\^~]?"
_DOUBLE_INITIALS = frozenset({"zh", "ch", "sh"})
_WORD = re.compile(r"[^\W_]+")
_STOP_WORD_MARK = re.compile(f"\\^(?=(?:{'|'.join(sorted(ENGLISH_STOP_WORDS))})(?:\\^|$))")


def normalise_query(text: str) -> str:
    """Fold typed text for matching: NFKC (full width to ASCII), lower case, no tone marks; only letters,
    digits and 汉字 are kept (spaces, apostrophes, punctuation and emoji are dropped)."""
    if text.isascii():
        return "".join(char for char in text.lower() if char.isalnum())
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    return unicodedata.normalize("NFC", "".join(char for char in folded if char.isalnum()))


@functools.cache
def _fold_char(char: str) -> str:
    """`normalise_query` of one character, cached: texts are folded character by character."""
    return normalise_query(char)


@functools.lru_cache(maxsize=65536)
def _group(char: str, readings: tuple[str, ...]) -> str:
    """The lattice group of a character: ",社,she,s,sh;" (itself, its readings, their initials); "" if none."""
    own = _fold_char(char)
    spellings = [own] if own else []
    for reading in readings:
        initials = (reading[:1], reading[:2]) if reading[:2] in _DOUBLE_INITIALS else (reading[:1],)
        spellings.extend(
            spelling for spelling in (reading, *initials) if spelling and spelling not in spellings
        )
    return GROUP_START + GROUP_START.join(spellings) + GROUP_END if spellings else ""


class _OwnGroups(dict[int, str]):
    """A `str.translate` table from a character to its lattice group when it has no readings (",社;"),
    filled as characters come: guide texts are long, and translating is fast."""

    def __missing__(self, code: int) -> str:
        """Compute and keep the group of a character met for the first time."""
        group = self[code] = _group(chr(code), ())
        return group


_OWN_GROUPS = _OwnGroups()


def lattice_key(text: str, readings: Iterable[tuple[str, ...]]) -> str:
    """The lattice of a Chinese text: the groups of its characters, one after the other."""
    return "".join(map(_group, text, readings))


def characters_key(text: str) -> str:
    """The lattice of a Chinese text searched by its characters only (no readings): ",社;,保;"."""
    return text.translate(_OWN_GROUPS)


def lattice_pieces(text: str, readings: Iterable[tuple[str, ...]]) -> Iterator[tuple[int, str]]:
    """(position, lattice group) for each character of a Chinese text."""
    return enumerate(map(_group, text, readings))


def _words(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, marker, folded word) for each word of an English text; the marker is "~" for a stop
    word after the first (no match starts there), else "^"."""
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        folded = word.lower() if word.isascii() else "".join(_fold_char(char) for char in word)
        marker = STOP_WORD_START if index and folded in ENGLISH_STOP_WORDS else WORD_START
        yield match.start(), match.end(), marker, folded


def words_key(text: str) -> str:
    """The marked words of an English text: "^social^security~of…" (what `_words` gives, joined)."""
    if not text.isascii():
        return "".join(marker + folded for _, _, marker, folded in _words(text))
    words = _WORD.findall(text.lower())  # the same words, faster: this runs for every guide text
    if not words:
        return ""
    rest = _STOP_WORD_MARK.sub(STOP_WORD_START, WORD_START + WORD_START.join(words[1:]))
    return WORD_START + words[0] + (rest if len(words) > 1 else "")


def word_pieces(text: str) -> Iterator[tuple[int, str]]:
    """(position, piece) for each word marker and letter of an English text (as in `words_key`)."""
    for start, end, marker, folded in _words(text):
        yield start, marker
        if len(folded) == end - start:
            yield from zip(range(start, end), folded, strict=True)
        else:
            yield start, folded


def lattice_pattern(query: str) -> re.Pattern[str]:
    """The pattern typing a folded query over consecutive groups of a lattice."""
    return re.compile(GROUP_START + _NEXT_GROUP.join(re.escape(char) for char in query))


def words_pattern(query: str) -> re.Pattern[str]:
    """The pattern typing a folded Latin query from the start of a word over marked English words."""
    return re.compile(re.escape(WORD_START) + _MAYBE_NEXT_WORD.join(re.escape(char) for char in query))
