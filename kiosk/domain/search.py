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
A keystroke compiles the query into a regular expression (two for a Latin query: lattices and words)
and runs it over each service's texts joined, one search per service; the position of the leftmost
match tells whether the name matched. Only as many matched services as the ranking needs are graded
text by text (see `_rank`). A query that extends a recent one, or one of the short first keystrokes
typed before (remembered for the life of the index), only searches that one's hits; the same query
again (backspace) searches nothing. Guide texts, the longest, are only searched when fewer than
`limit` services matched elsewhere, since they could not reach the list otherwise.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_QUERY_LENGTH = 200
GUIDE_MIN_HANZI = 2
GUIDE_MIN_LETTERS = 3
KEYWORD_ALSO_EXACT_BONUS = 5
REMEMBERED_QUERIES = 64
SHORT_QUERY_LENGTH = 3  # the first keystrokes, shared by most searches: remembered for good
REMEMBERED_SHORT_QUERIES = 1024

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
_STOP_WORD_MARK = re.compile(f"\\^(?=(?:{'|'.join(sorted(ENGLISH_STOP_WORDS))})(?:\\^|$))")

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


class _OwnGroups(dict[int, str]):
    """A `str.translate` table from a character to its lattice group when it has no readings (",社;"),
    filled as characters come: guide texts are long, and translating is fast."""

    def __missing__(self, code: int) -> str:
        """Compute and keep the group of a character met for the first time."""
        group = self[code] = _group(chr(code), ())
        return group


_OWN_GROUPS = _OwnGroups()


def _lattice_key(text: str, readings: Iterable[tuple[str, ...]]) -> str:
    """The lattice of a Chinese text: the groups of its characters, one after the other."""
    return "".join(map(_group, text, readings))


def _lattice_pieces(text: str, readings: Iterable[tuple[str, ...]]) -> Iterator[tuple[int, str]]:
    """(position, lattice group) for each character of a Chinese text."""
    return enumerate(map(_group, text, readings))


def _words(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, marker, folded word) for each word of an English text; the marker is "~" for a stop
    word after the first (no match starts there), else "^"."""
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        folded = word.lower() if word.isascii() else "".join(_fold_char(char) for char in word)
        marker = _STOP_WORD_START if index and folded in ENGLISH_STOP_WORDS else _WORD_START
        yield match.start(), match.end(), marker, folded


def _words_key(text: str) -> str:
    """The marked words of an English text: "^social^security~of…" (what `_words` gives, joined)."""
    if not text.isascii():
        return "".join(marker + folded for _, _, marker, folded in _words(text))
    words = _WORD.findall(text.lower())  # the same words, faster: this runs for every guide text
    if not words:
        return ""
    rest = _STOP_WORD_MARK.sub(_STOP_WORD_START, _WORD_START + _WORD_START.join(words[1:]))
    return _WORD_START + words[0] + (rest if len(words) > 1 else "")


def _word_pieces(text: str) -> Iterator[tuple[int, str]]:
    """(position, piece) for each word marker and letter of an English text (as in `_words_key`)."""
    for start, end, marker, folded in _words(text):
        yield start, marker
        if len(folded) == end - start:
            yield from zip(range(start, end), folded, strict=True)
        else:
            yield start, folded


_Search = Callable[[str], "re.Match[str] | None"]


@dataclass(frozen=True, slots=True)
class _Field:
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
    def chinese(cls, kind: MatchedField, source: SearchText) -> _Field:
        """Compile a Chinese text into its lattice."""
        return cls._of_lattice(kind, source.text, source.readings, _lattice_key(source.text, source.readings))

    @classmethod
    def characters(cls, kind: MatchedField, text: str) -> _Field:
        """Compile a Chinese text searched by its characters only (no readings): a guide text."""
        return cls._of_lattice(kind, text, (), text.translate(_OWN_GROUPS))

    @classmethod
    def _of_lattice(
        cls, kind: MatchedField, text: str, readings: tuple[tuple[str, ...], ...], key: str
    ) -> _Field:
        """A Chinese text with its lattice key (readings () when it has none)."""
        first_unit_end = key.find(_GROUP_END)
        return cls(
            kind,
            text,
            readings,
            key=key,
            first_unit_end=first_unit_end,
            last_unit_start=key.rfind(_GROUP_END, 0, len(key) - 1) + 1,
            units=key.count(_GROUP_END),
            starts="".join(spelling[:1] for spelling in key[:first_unit_end].split(_GROUP_START)),
        )

    @classmethod
    def english_words(cls, kind: MatchedField, text: str) -> _Field:
        """Compile an English text into its marked words."""
        key = _words_key(text)
        last_word_start = max(key.rfind(_WORD_START), key.rfind(_STOP_WORD_START))
        units = key.count(_WORD_START) + key.count(_STOP_WORD_START)
        return cls(kind, text, None, key, 1, last_word_start, units, key[1:2])

    @property
    def english(self) -> bool:
        """True for an English text (its key is marked words, not a lattice)."""
        return self.readings is None

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
        pieces = (
            _word_pieces(self.text)
            if self.readings is None
            else _lattice_pieces(self.text, self.readings or itertools.repeat(()))
        )
        origin = [position for position, piece in pieces for _ in piece]
        return origin[found.start()], origin[found.end() - 1] + 1


class _FieldCompiler:
    """Compiles the texts of one build, each distinct text of a kind once (departments repeat a lot)."""

    def __init__(self) -> None:
        """Start with no compiled text."""
        self._chinese: dict[tuple[MatchedField, SearchText], _Field] = {}
        self._english: dict[tuple[MatchedField, str], _Field] = {}

    def chinese(self, kind: MatchedField, source: SearchText) -> _Field:
        """The compiled Chinese text."""
        field = self._chinese.get((kind, source))
        if field is None:
            field = self._chinese[kind, source] = _Field.chinese(kind, source)
        return field

    def english(self, kind: MatchedField, text: str) -> _Field:
        """The compiled English text."""
        field = self._english.get((kind, text))
        if field is None:
            field = self._english[kind, text] = _Field.english_words(kind, text)
        return field


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
    """An entry compiled: its texts by kind, and the keys of its texts joined (names first, then the
    keywords and department; the guide apart), so that one search tells whether a service matches, and
    whether in its name (where the leftmost match starts)."""

    rank: int
    code: str
    names: tuple[_Field, ...]
    keywords: tuple[_Field, ...]
    departments: tuple[_Field, ...]
    guides: tuple[_Field, ...]
    main_keys: _Keys
    name_key_ends: tuple[int, int]
    guides_keys: _Keys
    name_starts: str
    fewest_name_units: int
    short_keywords: tuple[tuple[int, str], ...]

    @classmethod
    def compile(cls, rank: int, entry: SearchEntry, fields: _FieldCompiler) -> _Service:
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
        guides = tuple(_Field.characters(MatchedField.GUIDE, text) for text in entry.guide_zh) + tuple(
            _Field.english_words(MatchedField.GUIDE, text) for text in entry.guide_en
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


@dataclass(frozen=True, slots=True)
class _Query:
    """A folded query compiled into its patterns (lattices; English words for a Latin query), and whether
    it is long enough to search guide texts too."""

    text: str
    lattice: re.Pattern[str]
    words: re.Pattern[str] | None
    guides: bool

    @classmethod
    def compile(cls, text: str) -> _Query | None:
        """Compile a folded query; None when empty or longer than MAX_QUERY_LENGTH (junk, not typing)."""
        if not text or len(text) > MAX_QUERY_LENGTH:
            return None
        lattice = re.compile(_GROUP_START + _NEXT_GROUP.join(re.escape(char) for char in text))
        if not text.isascii():
            return cls(text, lattice, None, len(text) >= GUIDE_MIN_HANZI)
        words = re.compile(re.escape(_WORD_START) + _MAYBE_NEXT_WORD.join(re.escape(char) for char in text))
        return cls(text, lattice, words, len(text) >= GUIDE_MIN_LETTERS)

    def sort_out(self, services: Iterable[_Service]) -> tuple[list[_Service], list[_Service]]:
        """The services (in their order) whose name the query matches, and those it matches elsewhere
        outside the guide."""
        named: list[_Service] = []
        others: list[_Service] = []
        lattice = self.lattice.search
        words = None if self.words is None else self.words.search
        for service in services:
            lattice_keys, words_keys = service.main_keys
            in_lattice = lattice(lattice_keys)
            if in_lattice is not None and in_lattice.start() < service.name_key_ends[0]:
                named.append(service)
                continue
            in_words = None if words is None else words(words_keys)
            if in_words is not None and in_words.start() < service.name_key_ends[1]:
                named.append(service)
            elif in_lattice is not None or in_words is not None:
                others.append(service)
        return named, others

    @property
    def guide_pattern(self) -> re.Pattern[str]:
        """Guide texts are searched in one language: English words for a Latin query, else characters."""
        return self.lattice if self.words is None else self.words

    def guide_fields(self, service: _Service) -> tuple[_Field, ...]:
        """The guide texts of a service in the language this query searches."""
        english = self.words is not None
        return tuple(field for field in service.guides if field.english == english)

    def guide_key(self, service: _Service) -> str:
        """The joined guide texts of a service in the language this query searches."""
        return service.guides_keys[0 if self.words is None else 1]

    def grade(self, field: _Field) -> int:
        """How well the query matches one text: exact, prefix, contains or none."""
        pattern = self.words if field.english else self.lattice
        return _NONE if pattern is None else field.grade(pattern.search)

    def name_may_beat(self, service: _Service, worst: int) -> bool:
        """False when a service whose name matched surely scores no more than `worst` (cheap tests only)."""
        if self.text[0] not in service.name_starts:
            bound = _SCORES[MatchedField.NAME][_CONTAINS]
        elif len(self.text) >= service.fewest_name_units:
            bound = _SCORES[MatchedField.NAME][_EXACT]
        else:
            bound = _SCORES[MatchedField.NAME][_PREFIX]
        if bound > worst:
            return True
        return bound + KEYWORD_ALSO_EXACT_BONUS > worst and self.may_match_keyword_exactly(service)

    def may_match_keyword_exactly(self, service: _Service) -> bool:
        """False when no keyword can be matched exactly: each of its units takes at least one letter of
        the query, and the query starts with a spelling of its first character."""
        first = self.text[0]
        for units, starts in service.short_keywords:
            if units > len(self.text):
                return False
            if first in starts:
                return True
        return False

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
            found = self.best(self.guide_fields(service))
        return found or (0, None)

    def best(self, fields: Sequence[_Field]) -> tuple[int, _Field] | None:
        """The best-scoring of some texts; the first one on ties; None when none matched."""
        best: tuple[int, _Field] | None = None
        for field in fields:
            grade = self.grade(field)
            if grade and (best is None or _SCORES[field.kind][grade] > best[0]):
                best = _SCORES[field.kind][grade], field
        return best

    def hit(self, service: _Service, score: int, field: _Field) -> SearchHit:
        """The hit shown for a service, with the matched characters of the text."""
        pattern = self.words if field.english and self.words is not None else self.lattice
        return SearchHit(service.code, score, field.kind, field.text, field.span(pattern.search))


_Kept = tuple[int, int, _Service, _Field]
_OTHERS_BOUND = _SCORES[MatchedField.KEYWORD][_EXACT]  # the most a match outside the names scores
_CONTAINED_NAME_BOUND = _SCORES[MatchedField.NAME][_CONTAINS] + KEYWORD_ALSO_EXACT_BONUS


def _rank(
    query: _Query, named: Sequence[_Service], others: Sequence[_Service], limit: int
) -> list[tuple[int, _Service, _Field]]:
    """The best `limit` matched services as (score, service, field), best first.

    Both sequences are in rank order, so a service that cannot score more than the worst one kept so
    far cannot displace it: cheap upper bounds spare grading most services.
    """
    kept: list[_Kept] = []  # a heap, worst on top: lowest score, then latest rank
    first = query.text[0]
    for service in named:
        if len(kept) == limit:
            worst = kept[0][0]
            if worst >= _CONTAINED_NAME_BOUND and first not in service.name_starts:
                continue
            if not query.name_may_beat(service, worst):
                continue
        _keep(kept, limit, service, *query.name_score(service))
    for service in others:
        if len(kept) == limit and kept[0][0] >= _OTHERS_BOUND:
            break
        _keep(kept, limit, service, *query.other_score(service))
    kept.sort(reverse=True)
    return [(score, service, field) for score, _, service, field in kept]


def _keep(kept: list[_Kept], limit: int, service: _Service, score: int, field: _Field | None) -> None:
    """Add a scored service to the heap of the best `limit` (dropping the worst when it is full)."""
    if field is None:
        return
    row = (score, -service.rank, service, field)
    if len(kept) < limit:
        heapq.heappush(kept, row)
    else:
        heapq.heappushpop(kept, row)


@dataclass(frozen=True, slots=True)
class _Remembered:
    """A recent query and the services it matched: by name (`named`), by keyword or department (`others`)
    and by guide text (`guided`, None when it did not search guides; in English or not), each in rank
    order. A query extending it only searches those; the same query again searches nothing."""

    text: str
    named: tuple[_Service, ...]
    others: tuple[_Service, ...]
    guided: tuple[_Service, ...] | None
    english_guides: bool

    @property
    def main(self) -> tuple[_Service, ...]:
        """Every service matched outside the guide, in rank order."""
        return tuple(sorted((*self.named, *self.others), key=operator.attrgetter("rank")))


@dataclass(frozen=True, slots=True)
class _AllGuides:
    """Every service's guide keys in one string per language, so that a query searching guides for the
    first time scans them all in one go (guide texts are long) rather than service by service."""

    keys: _Keys
    starts: tuple[tuple[int, ...], tuple[int, ...]]

    @classmethod
    def of(cls, services: Sequence[_Service]) -> _AllGuides:
        """Join the guide keys; the separator keeps every match inside one service's texts."""
        lattices = [service.guides_keys[0] for service in services]
        words = [service.guides_keys[1] for service in services]
        return cls(
            (_FIELD_SEPARATOR.join(lattices), _FIELD_SEPARATOR.join(words)),
            (_starts(lattices), _starts(words)),
        )

    def matching(self, query: _Query, services: Sequence[_Service]) -> tuple[_Service, ...]:
        """The services whose guide texts the query matches, in rank order."""
        part = 0 if query.words is None else 1
        starts = self.starts[part]
        found = {
            bisect.bisect_right(starts, match.start()) - 1
            for match in query.guide_pattern.finditer(self.keys[part])
        }
        return tuple(services[index] for index in sorted(found))


def _starts(strings: Sequence[str]) -> tuple[int, ...]:
    """Where each string starts once they are joined with a one-character separator."""
    return tuple(itertools.accumulate((len(string) + 1 for string in strings[:-1]), initial=0))


class SearchIndex:
    """The catalog compiled for searching as you type.

    One index serves one catalog version. It remembers the hits of the last queries, and of the first
    `REMEMBERED_SHORT_QUERIES` queries of up to `SHORT_QUERY_LENGTH` characters (the first keystrokes of
    most searches, few and often repeated), so that a query extending one of them, or repeating it,
    searches only those hits. The memory is made of immutable records, swapped in whole, so concurrent
    callers stay correct; at worst they miss the shortcut.
    """

    def __init__(self, services: tuple[_Service, ...]) -> None:
        """Use `SearchIndex.build`."""
        self._services = services
        self._all_guides = _AllGuides.of(services)
        self._recent: tuple[_Remembered, ...] = ()
        self._short: dict[str, _Remembered] = {}

    @classmethod
    def build(cls, entries: Iterable[SearchEntry]) -> SearchIndex:
        """Compile the entries, given in catalog order (the last tie-break)."""
        fields = _FieldCompiler()
        ranked = sorted(enumerate(entries), key=lambda item: (len(item[1].name.text), item[0]))
        return cls(tuple(_Service.compile(rank, entry, fields) for rank, (_, entry) in enumerate(ranked)))

    def __len__(self) -> int:
        """The number of services indexed."""
        return len(self._services)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """The best `limit` services for what was typed, best first; [] for an empty or junk query."""
        compiled = _Query.compile(normalise_query(query))
        if compiled is None or limit < 1:
            return []
        named, others = self._sorted_out(compiled)
        # Guide matches (score 20) only count when fewer than `limit` services matched elsewhere.
        guided = self._guided(compiled) if compiled.guides and len(named) + len(others) < limit else None
        self._remember(_Remembered(compiled.text, named, others, guided, compiled.words is not None))
        if guided:
            in_main = {service.rank for service in named} | {service.rank for service in others}
            others = tuple(
                sorted(
                    (*others, *(service for service in guided if service.rank not in in_main)),
                    key=operator.attrgetter("rank"),
                )
            )
        return [
            compiled.hit(service, score, field)
            for score, service, field in _rank(compiled, named, others, limit)
        ]

    def _sorted_out(self, query: _Query) -> tuple[tuple[_Service, ...], tuple[_Service, ...]]:
        """The services matched by name, and those matched by keyword or department (`_Query.sort_out`),
        among the hits of the longest recent query this one extends, else among every service."""
        extended = self._extended(query, guides=False)
        if extended is not None and extended.text == query.text:
            return extended.named, extended.others
        named, others = query.sort_out(self._services if extended is None else extended.main)
        return tuple(named), tuple(others)

    def _guided(self, query: _Query) -> tuple[_Service, ...]:
        """The services whose guide texts match, narrowed from a recent query when there is one."""
        extended = self._extended(query, guides=True)
        if extended is None or extended.guided is None:
            return self._all_guides.matching(query, self._services)
        search, key = query.guide_pattern.search, query.guide_key
        return tuple(service for service in extended.guided if search(key(service)))

    def _extended(self, query: _Query, *, guides: bool) -> _Remembered | None:
        """The longest recent query this one extends (among those that searched guides alike, if asked)."""
        short = (self._short.get(query.text[:length]) for length in range(1, SHORT_QUERY_LENGTH + 1))
        extended = [
            recent
            for recent in (*self._recent, *filter(None, short))
            if query.text.startswith(recent.text)
            and (
                not guides
                or (recent.guided is not None and recent.english_guides == (query.words is not None))
            )
        ]
        return max(extended, key=lambda recent: len(recent.text), default=None)

    def _remember(self, result: _Remembered) -> None:
        """Keep the latest results, most recent last, one per query text; and those of short queries."""
        kept = tuple(recent for recent in self._recent if recent.text != result.text)
        self._recent = (*kept, result)[-REMEMBERED_QUERIES:]
        if len(result.text) <= SHORT_QUERY_LENGTH and len(self._short) < REMEMBERED_SHORT_QUERIES:
            self._short[result.text] = result
