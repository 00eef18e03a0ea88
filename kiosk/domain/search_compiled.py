"""Search entries compiled for the index: each text into its key, each entry into a service."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kiosk.domain.search_keys import (
    FIELD_SEPARATOR,
    GROUP_END,
    GROUP_START,
    STOP_WORD_START,
    WORD_START,
    characters_key,
    lattice_key,
    lattice_pieces,
    word_pieces,
    words_key,
)
from kiosk.domain.search_types import MatchedField, SearchEntry, SearchText

NO_MATCH, CONTAINS, PREFIX, EXACT = 0, 1, 2, 3  # grades of a match, worst to best

_Search = Callable[[str], "re.Match[str] | None"]


@dataclass(frozen=True, slots=True)
class Field:
    """One text of a service compiled into its key: the string searched, where its units (character
    groups or words) start, so that a match tells whether it starts the text and reaches its end, and
    the letters a query starting the text can begin with. English texts have readings None, Chinese texts
    searched by their characters only ()."""

    kind: MatchedField
    text: str
    readings: tuple[tuple[str, ...], ...] | None
    key: str
    first_unit_end: int
    last_unit_start: int
    units: int
    starts: str

    @classmethod
    def chinese(cls, kind: MatchedField, source: SearchText) -> Field:
        """Compile a Chinese text into its lattice."""
        return cls._of_lattice(kind, source.text, source.readings, lattice_key(source.text, source.readings))

    @classmethod
    def characters(cls, kind: MatchedField, text: str) -> Field:
        """Compile a Chinese text searched by its characters only (no readings): a guide text."""
        return cls._of_lattice(kind, text, (), characters_key(text))

    @classmethod
    def _of_lattice(
        cls, kind: MatchedField, text: str, readings: tuple[tuple[str, ...], ...], key: str
    ) -> Field:
        """A Chinese text with its lattice key (readings () when it has none)."""
        first_unit_end = key.find(GROUP_END)
        return cls(
            kind,
            text,
            readings,
            key=key,
            first_unit_end=first_unit_end,
            last_unit_start=key.rfind(GROUP_END, 0, len(key) - 1) + 1,
            units=key.count(GROUP_END),
            starts="".join(spelling[:1] for spelling in key[:first_unit_end].split(GROUP_START)),
        )

    @classmethod
    def english_words(cls, kind: MatchedField, text: str) -> Field:
        """Compile an English text into its marked words."""
        key = words_key(text)
        last_word_start = max(key.rfind(WORD_START), key.rfind(STOP_WORD_START))
        units = key.count(WORD_START) + key.count(STOP_WORD_START)
        return cls(kind, text, None, key, 1, last_word_start, units, key[1:2])

    @property
    def english(self) -> bool:
        """True for an English text (its key is marked words, not a lattice)."""
        return self.readings is None

    def grade(self, search: _Search) -> int:
        """Prefix when the leftmost match starts in the first unit, exact when it also ends in the last."""
        found = search(self.key)
        if found is None:
            return NO_MATCH
        if found.start() >= self.first_unit_end:
            return CONTAINS
        return EXACT if found.end() > self.last_unit_start else PREFIX

    def span(self, search: _Search) -> tuple[int, int]:
        """The characters of the text the leftmost match covers."""
        found = search(self.key)
        if found is None:
            return 0, 0
        pieces = (
            word_pieces(self.text)
            if self.readings is None
            else lattice_pieces(self.text, self.readings or itertools.repeat(()))
        )
        origin = [position for position, piece in pieces for _ in piece]
        return origin[found.start()], origin[found.end() - 1] + 1


class _FieldCompiler:
    """Compiles the texts of one build, each distinct text of a kind once (departments repeat a lot)."""

    def __init__(self) -> None:
        """Start with no compiled text."""
        self._chinese: dict[tuple[MatchedField, SearchText], Field] = {}
        self._english: dict[tuple[MatchedField, str], Field] = {}

    def chinese(self, kind: MatchedField, source: SearchText) -> Field:
        """The compiled Chinese text."""
        field = self._chinese.get((kind, source))
        if field is None:
            field = self._chinese[kind, source] = Field.chinese(kind, source)
        return field

    def english(self, kind: MatchedField, text: str) -> Field:
        """The compiled English text."""
        field = self._english.get((kind, text))
        if field is None:
            field = self._english[kind, text] = Field.english_words(kind, text)
        return field


Keys = tuple[str, str]  # Chinese texts' lattices, English texts' words


def _joined(fields: Iterable[Field]) -> Keys:
    """The keys of several texts, Chinese and English apart; no match crosses from one text into the next."""
    fields = tuple(fields)
    return (
        FIELD_SEPARATOR.join(field.key for field in fields if not field.english),
        FIELD_SEPARATOR.join(field.key for field in fields if field.english),
    )


@dataclass(frozen=True, slots=True)
class Service:
    """An entry compiled: its texts by kind, and the keys of its texts joined (names first, then the
    keywords and department; the guide apart), so that one search tells whether a service matches, and
    whether in its name (where the leftmost match starts)."""

    rank: int
    code: str
    names: tuple[Field, ...]
    keywords: tuple[Field, ...]
    departments: tuple[Field, ...]
    guides: tuple[Field, ...]
    main_keys: Keys
    name_key_ends: tuple[int, int]
    guides_keys: Keys
    name_starts: str
    fewest_name_units: int
    short_keywords: tuple[tuple[int, str], ...]

    @classmethod
    def compile(cls, rank: int, entry: SearchEntry, fields: _FieldCompiler) -> Service:
        """Compile every text of an entry; Chinese before English, so that Chinese wins ties.

        `rank` orders services of equal score: shorter Chinese name first, then catalog order.
        """
        names = (
            fields.chinese(MatchedField.NAME, entry.name),
            fields.english(MatchedField.NAME, entry.name_en),
        )
        keywords = tuple(fields.chinese(MatchedField.KEYWORD, keyword) for keyword in entry.keywords)
        departments = tuple(
            fields.chinese(MatchedField.DEPARTMENT, text) for text in (entry.department,) if text is not None
        ) + tuple(fields.english(MatchedField.DEPARTMENT, text) for text in (entry.department_en,) if text)
        guides = tuple(Field.characters(MatchedField.GUIDE, text) for text in entry.guide_zh) + tuple(
            Field.english_words(MatchedField.GUIDE, text) for text in entry.guide_en
        )
        return cls(
            rank=rank,
            code=entry.code,
            names=names,
            keywords=keywords,
            departments=departments,
            guides=guides,
            main_keys=_joined(names + keywords + departments),
            name_key_ends=(len(names[0].key), len(names[1].key)),
            guides_keys=_joined(guides),
            name_starts="".join(name.starts for name in names),
            fewest_name_units=min((name.units for name in names if name.units), default=0),
            short_keywords=tuple(sorted((keyword.units, keyword.starts) for keyword in keywords)),
        )


def compile_services(entries: Iterable[SearchEntry]) -> tuple[Service, ...]:
    """Compile the entries, given in catalog order, into services in rank order (see `Service.compile`)."""
    fields = _FieldCompiler()
    ranked = sorted(enumerate(entries), key=lambda item: (len(item[1].name.text), item[0]))
    return tuple(Service.compile(rank, entry, fields) for rank, (_, entry) in enumerate(ranked))
