"""Catalog search as you type: 汉字, full pinyin, pinyin initials and English words, ranked for touch typing.

Matching. A query is folded by `normalise_query` (NFKC, lower case, tone marks, spaces, apostrophes and
punctuation dropped). Then:
- it is typed over consecutive characters of a Chinese text (punctuation skipped): each character takes
  one whole "spelling" of it — the character itself, any reading pypinyin knows (长 is chang or zhang),
  or a reading's initial (s, and sh for she) — and the last character may take just the start of one.
  汉字 (`社保卡`), full pinyin (`shebaoka`), initials (`sbk`, `shbzk`), a mix (`shebk`, `社bk`) and a
  query that stops mid-syllable (`shebaok`) all follow from that one rule;
- a Latin query is also matched against English words: it starts at the start of a word that is not a
  stop word ("and", "of", …), and may run on into the following words (`socialsec`).
Department texts are always searched; guide texts (by their characters and English words, not by
pinyin) only for queries of at least 3 Latin letters or 2 other characters: shorter ones match every
guide.

Ranking (higher score first): name exact 100 > name prefix 90 > name contains 80 > keyword exact 70 >
keyword prefix 65 > keyword contains 60 > department exact 40 > prefix 35 > contains 30 > guide 20.
"Exact" means the query covers every character (or English word) of the text. A name match gets +5
when a keyword also matches exactly. Ties: shorter Chinese name first, then catalog order.
An empty query finds nothing (the screen shows the categories instead).

Speed. Every text is compiled once into a plain string: a Chinese text into a "lattice" with one group
of spellings per character (",社,she,s,sh;"), an English text into marked words ("^social^security").
A keystroke compiles one regular expression for the query and runs it over those strings: first over
each service's names joined, then its other texts joined; only the services that matched are graded
text by text, and only as many as the ranking needs (see `_rank`). A query that extends one typed just
before (with the same guide scope) only searches that query's hits.
"""

from __future__ import annotations

import functools
import heapq
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_QUERY_LENGTH = 200
GUIDE_MIN_HANZI = 2
GUIDE_MIN_LETTERS = 3
KEYWORD_ALSO_EXACT_BONUS = 5
REMEMBERED_QUERIES = 16

ENGLISH_STOP_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"]
)

_GROUP_START, _GROUP_END, _FIELD_SEPARATOR = ",", ";", "|"
_WORD_START, _STOP_WORD_START = "^", "~"
# Between two query characters: stay in the spelling, or (once it is whole) go on to the next group.
_NEXT_GROUP = "(?:(?=[,;])[^;|]*;[^;|]*,)??"
# Between two query characters typed over English words: the same word, or the next one.
_MAYBE_NEXT_WORD = "[\\^~]?"
_DOUBLE_INITIALS = frozenset({"zh", "ch", "sh"})
_WORD = re.compile(r"[^\W_]+")

_NONE, _CONTAINS, _PREFIX, _EXACT = 0, 1, 2, 3  # grades of a match, worst to best


class MatchedField(StrEnum):
    """Which text of a service a query matched; the UI highlights it."""

    NAME = "name"
    KEYWORD = "keyword"
    DEPARTMENT = "department"
    GUIDE = "guide"


_SCORES: dict[MatchedField, tuple[int, int, int, int]] = {
    # by grade: none, contains, prefix, exact
    MatchedField.NAME: (0, 80, 90, 100),
    MatchedField.KEYWORD: (0, 60, 65, 70),
    MatchedField.DEPARTMENT: (0, 30, 35, 40),
    MatchedField.GUIDE: (0, 20, 20, 20),
}


@dataclass(frozen=True, slots=True)
class SearchText:
    """A Chinese text and the toneless pinyin readings of each of its characters (empty for punctuation)."""

    text: str
    readings: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        """Refuse readings that do not line up with the characters."""
        if len(self.readings) != len(self.text):
            raise ValueError(f"{len(self.readings)} readings for {len(self.text)} characters: {self.text!r}")

    @classmethod
    def without_pinyin(cls, text: str) -> SearchText:
        """A text searched by its characters only (no pinyin readings)."""
        return cls(text, ((),) * len(text))


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """What the index knows about one service: its code and its texts, pinyin readings included."""

    code: str
    name: SearchText
    name_en: str
    keywords: tuple[SearchText, ...] = ()
    department: SearchText | None = None
    department_en: str = ""
    guide_zh: tuple[str, ...] = ()
    guide_en: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One found service: its score, the text that matched and which characters of it (for highlighting)."""

    code: str
    score: int
    field: MatchedField
    text: str
    span: tuple[int, int]


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
    return _GROUP_START + _GROUP_START.join(spellings) + _GROUP_END if spellings else ""


def _lattice_pieces(source: SearchText) -> Iterator[tuple[int, str]]:
    """(position, lattice group) for each character of a Chinese text."""
    for position, (char, readings) in enumerate(zip(source.text, source.readings, strict=True)):
        yield position, _group(char, readings)


def _word_pieces(source: SearchText) -> Iterator[tuple[int, str]]:
    """(position, piece) for each word marker ("^", or "~" for a stop word after the first) and letter."""
    for index, match in enumerate(_WORD.finditer(source.text)):
        word = match.group()
        folded = word.lower() if word.isascii() else "".join(_fold_char(char) for char in word)
        yield match.start(), _STOP_WORD_START if index and folded in ENGLISH_STOP_WORDS else _WORD_START
        if len(folded) == len(word):
            yield from zip(range(match.start(), match.end()), folded, strict=True)
        else:
            yield match.start(), folded


@dataclass(frozen=True, slots=True)
class _Field:
    """One text of a service compiled into its key: the string searched, where its units (character
    groups or words) start, so that a match tells whether it starts the text and reaches its end, and
    the letters a query starting the text can begin with."""

    kind: MatchedField
    source: SearchText
    english: bool
    key: str
    first_unit_end: int
    last_unit_start: int
    units: int
    starts: str

    @classmethod
    def chinese(cls, kind: MatchedField, source: SearchText) -> _Field:
        """Compile a Chinese text into its lattice."""
        key = "".join(piece for _, piece in _lattice_pieces(source))
        first_unit_end = key.find(_GROUP_END)
        return cls(
            kind,
            source,
            english=False,
            key=key,
            first_unit_end=first_unit_end,
            last_unit_start=key.rfind(_GROUP_END, 0, len(key) - 1) + 1,
            units=key.count(_GROUP_END),
            starts="".join(spelling[:1] for spelling in key[:first_unit_end].split(_GROUP_START)),
        )

    @classmethod
    def english_words(cls, kind: MatchedField, text: str) -> _Field:
        """Compile an English text into its marked words."""
        source = SearchText.without_pinyin(text)
        key = "".join(piece for _, piece in _word_pieces(source))
        last_word_start = max(key.rfind(_WORD_START), key.rfind(_STOP_WORD_START))
        units = key.count(_WORD_START) + key.count(_STOP_WORD_START)
        return cls(kind, source, True, key, 1, last_word_start, units, key[1:2])

    @property
    def text(self) -> str:
        """The text as written."""
        return self.source.text

    def grade(self, search: _Search) -> int:
        """Prefix when the leftmost match starts in the first unit, exact when it also ends in the last."""
        found = search(self.key)
        if found is None:
            return _NONE
        if found.start() >= self.first_unit_end:
            return _CONTAINS
        return _EXACT if found.end() > self.last_unit_start else _PREFIX

    def span(self, search: _Search) -> tuple[int, int]:
        """The characters of the text the leftmost match covers."""
        found = search(self.key)
        if found is None:
            return 0, 0
        pieces = _word_pieces(self.source) if self.english else _lattice_pieces(self.source)
        origin = [position for position, piece in pieces for _ in piece]
        return origin[found.start()], origin[found.end() - 1] + 1


_Search = Callable[[str], "re.Match[str] | None"]


class _FieldCompiler:
    """Compiles the texts of one build, each distinct text of a kind once (departments repeat a lot)."""

    def __init__(self) -> None:
        """Start with no compiled text."""
        self._chinese: dict[tuple[MatchedField, SearchText], _Field] = {}
        self._english: dict[tuple[MatchedField, str], _Field] = {}

    def chinese(self, kind: MatchedField, source: SearchText) -> _Field:
        """The compiled Chinese text."""
        if (kind, source) not in self._chinese:
            self._chinese[kind, source] = _Field.chinese(kind, source)
        return self._chinese[kind, source]

    def english(self, kind: MatchedField, text: str) -> _Field:
        """The compiled English text."""
        if (kind, text) not in self._english:
            self._english[kind, text] = _Field.english_words(kind, text)
        return self._english[kind, text]


_Keys = tuple[str, str]  # Chinese texts' lattices, English texts' words


def _joined(fields: Iterable[_Field]) -> _Keys:
    """The keys of several texts, Chinese and English apart; no match crosses from one text into the next."""
    fields = tuple(fields)
    return (
        _FIELD_SEPARATOR.join(field.key for field in fields if not field.english),
        _FIELD_SEPARATOR.join(field.key for field in fields if field.english),
    )


@dataclass(frozen=True, slots=True)
class _Service:
    """An entry compiled: its texts by kind, and the keys of its names, its other texts and its guide
    joined, so that one search tells whether a service matches at all."""

    order: int
    code: str
    name_length: int
    names: tuple[_Field, ...]
    keywords: tuple[_Field, ...]
    departments: tuple[_Field, ...]
    guides: tuple[_Field, ...]
    names_keys: _Keys
    others_keys: _Keys
    guides_keys: _Keys
    name_starts: str
    fewest_keyword_units: int

    @classmethod
    def compile(cls, order: int, entry: SearchEntry, fields: _FieldCompiler) -> _Service:
        """Compile every text of an entry; Chinese before English, so that Chinese wins ties."""
        names = (
            fields.chinese(MatchedField.NAME, entry.name),
            fields.english(MatchedField.NAME, entry.name_en),
        )
        keywords = tuple(fields.chinese(MatchedField.KEYWORD, keyword) for keyword in entry.keywords)
        departments = tuple(
            fields.chinese(MatchedField.DEPARTMENT, text) for text in (entry.department,) if text is not None
        ) + tuple(fields.english(MatchedField.DEPARTMENT, text) for text in (entry.department_en,) if text)
        guides = tuple(
            _Field.chinese(MatchedField.GUIDE, SearchText.without_pinyin(text)) for text in entry.guide_zh
        ) + tuple(_Field.english_words(MatchedField.GUIDE, text) for text in entry.guide_en)
        return cls(
            order=order,
            code=entry.code,
            name_length=len(entry.name.text),
            names=names,
            keywords=keywords,
            departments=departments,
            guides=guides,
            names_keys=_joined(names),
            others_keys=_joined(keywords + departments),
            guides_keys=_joined(guides),
            name_starts="".join(name.starts for name in names),
            fewest_keyword_units=min((keyword.units for keyword in keywords), default=MAX_QUERY_LENGTH + 1),
        )


@dataclass(frozen=True, slots=True)
class _Query:
    """A folded query compiled into one regular expression, and whether it searches guide texts too."""

    text: str
    lattice: _Search
    words: _Search | None
    guides: bool

    @classmethod
    def compile(cls, text: str) -> _Query | None:
        """The query's patterns: over lattices, and over English words when it is all ASCII."""
        if not text or len(text) > MAX_QUERY_LENGTH:
            return None
        lattice = re.compile(_GROUP_START + _NEXT_GROUP.join(re.escape(char) for char in text)).search
        if not text.isascii():
            return cls(text, lattice, None, len(text) >= GUIDE_MIN_HANZI)
        words = re.compile(re.escape(_WORD_START) + _MAYBE_NEXT_WORD.join(re.escape(char) for char in text))
        return cls(text, lattice, words.search, len(text) >= GUIDE_MIN_LETTERS)

    def found(self, keys: _Keys) -> bool:
        """True when the query matches any of the texts whose keys these are."""
        return self.lattice(keys[0]) is not None or (
            self.words is not None and self.words(keys[1]) is not None
        )

    def grade(self, field: _Field) -> int:
        """How well the query matches one text: exact, prefix, contains or none."""
        search = self.words if field.english else self.lattice
        return _NONE if search is None else field.grade(search)

    def may_start_name(self, service: _Service) -> bool:
        """False when the query surely does not start a name (then a name match only "contains")."""
        return self.text[0] in service.name_starts

    def may_match_keyword_exactly(self, service: _Service) -> bool:
        """False when no keyword can be matched exactly (each character takes at least one query letter)."""
        return len(self.text) >= service.fewest_keyword_units

    def name_score(self, service: _Service) -> tuple[int, _Field | None]:
        """The score of a service whose name matched, and the name that did (Chinese first on ties)."""
        score, field = self.best(service.names) or (0, None)
        return score + self.keyword_bonus(service), field

    def keyword_bonus(self, service: _Service) -> int:
        """A name match scores a little more when a keyword is matched exactly too."""
        if self.may_match_keyword_exactly(service) and any(
            self.text[0] in keyword.starts and self.grade(keyword) == _EXACT for keyword in service.keywords
        ):
            return KEYWORD_ALSO_EXACT_BONUS
        return 0

    def other_score(self, service: _Service) -> tuple[int, _Field | None]:
        """The best keyword, department or (when searched) guide match of a service; (0, None) if none."""
        found = self.best(service.keywords) or self.best(service.departments)
        if found is None and self.guides:
            found = self.best(service.guides)
        return found or (0, None)

    def best(self, fields: Sequence[_Field]) -> tuple[int, _Field] | None:
        """The best-scoring of some texts; the first one on ties; None when none matched."""
        best: tuple[int, _Field] | None = None
        for field in fields:
            grade = self.grade(field)
            if grade and (best is None or _SCORES[field.kind][grade] > best[0]):
                best = _SCORES[field.kind][grade], field
        return best

    def hit(self, service: _Service, score: int, field: _Field | None) -> SearchHit:
        """The hit shown for a service, with the matched characters of the text (a name when not given)."""
        if field is None:
            field = next(name for name in service.names if self.grade(name))
        search = self.words if field.english and self.words is not None else self.lattice
        return SearchHit(service.code, score, field.kind, field.text, field.span(search))


_Ranked = tuple[int, int, int, _Service, _Field | None]  # the field is found later when None


def _ranked(service: _Service, score: int, field: _Field | None) -> _Ranked:
    """A sort key, best first: higher score, shorter name, earlier in the catalog (then the hit's parts)."""
    return -score, service.name_length, service.order, service, field


def _rank(query: _Query, named: Sequence[_Service], others: Sequence[_Service], limit: int) -> list[_Ranked]:
    """Enough of the matched services, scored, to hold the best `limit`, tier by tier.

    Names first: those the query may start are graded fully; when at least `limit` of them score a
    name prefix (90) or better, nothing else can reach the top. The other name matches score 80, or 85
    with a keyword bonus. Keyword, department and guide matches are scored only while still needed.
    """
    may_start = [service for service in named if query.may_start_name(service)]
    ranked = [_ranked(service, *query.name_score(service)) for service in may_start]
    if sum(1 for row in ranked if -row[0] >= _SCORES[MatchedField.NAME][_PREFIX]) >= limit:
        return ranked
    started = {service.order for service in may_start}
    contains = _SCORES[MatchedField.NAME][_CONTAINS]
    ranked += [
        _ranked(service, contains + query.keyword_bonus(service), None)
        for service in named
        if service.order not in started
    ]
    if len(ranked) < limit:
        ranked += [_ranked(service, *query.other_score(service)) for service in others]
    return ranked


@dataclass(frozen=True, slots=True)
class _Remembered:
    """A recent query and every service it matched: a query extending it only searches those."""

    text: str
    guides: bool
    matched: tuple[_Service, ...]


class SearchIndex:
    """The catalog compiled for searching as you type.

    One index serves one catalog version. It remembers the hits of recent queries (an immutable tuple
    replaced whole), so concurrent callers stay correct; they only lose the narrowing shortcut.
    """

    def __init__(self, services: tuple[_Service, ...]) -> None:
        """Use `SearchIndex.build`."""
        self._services = services
        self._recent: tuple[_Remembered, ...] = ()

    @classmethod
    def build(cls, entries: Iterable[SearchEntry]) -> SearchIndex:
        """Compile the entries, in catalog order (ties rank in this order)."""
        fields = _FieldCompiler()
        return cls(tuple(_Service.compile(order, entry, fields) for order, entry in enumerate(entries)))

    def __len__(self) -> int:
        """The number of services indexed."""
        return len(self._services)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """The best `limit` services for what was typed, best first; [] for an empty or junk query."""
        compiled = _Query.compile(normalise_query(query))
        if compiled is None or limit < 1:
            return []
        found, guides = compiled.found, compiled.guides
        named: list[_Service] = []
        others: list[_Service] = []
        for service in self._candidates(compiled):
            if found(service.names_keys):
                named.append(service)
            elif found(service.others_keys) or (guides and found(service.guides_keys)):
                others.append(service)
        self._remember(_Remembered(compiled.text, guides, (*named, *others)))
        best = heapq.nsmallest(limit, _rank(compiled, named, others, limit))
        return [compiled.hit(service, -negated, field) for negated, _, _, service, field in best if negated]

    def _candidates(self, query: _Query) -> tuple[_Service, ...]:
        """The hits of the longest recent query this one extends (same guide scope), else every service."""
        extended = [
            recent
            for recent in self._recent
            if recent.guides == query.guides and query.text.startswith(recent.text)
        ]
        if not extended:
            return self._services
        return max(extended, key=lambda recent: len(recent.text)).matched

    def _remember(self, result: _Remembered) -> None:
        """Keep the latest results, most recent last, one per query text."""
        kept = tuple(recent for recent in self._recent if recent.text != result.text)
        self._recent = (*kept, result)[-REMEMBERED_QUERIES:]
