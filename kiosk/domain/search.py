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
text by text (see `search_matching.rank_services`). A query that extends a recent one, or one of the
short first keystrokes typed before (remembered for the life of the index), only searches that one's
hits; the same query again (backspace) searches nothing. Guide texts, the longest, are only searched
when fewer than `limit` services matched elsewhere, since they could not reach the list otherwise.

Modules. `search_types` holds what the index takes and gives, `search_keys` how texts and queries are
spelled, `search_compiled` the entries compiled, `search_matching` the query, its scores and the ranking;
this module holds the index and its memory of recent queries.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.domain.search_compiled import Keys, Service, compile_services
from kiosk.domain.search_keys import ENGLISH_STOP_WORDS, FIELD_SEPARATOR, normalise_query
from kiosk.domain.search_matching import (
    GUIDE_MIN_HANZI,
    GUIDE_MIN_LETTERS,
    KEYWORD_ALSO_EXACT_BONUS,
    MAX_QUERY_LENGTH,
    Query,
    rank_services,
)
from kiosk.domain.search_types import MatchedField, SearchEntry, SearchHit, SearchText

__all__ = [
    "ENGLISH_STOP_WORDS",
    "GUIDE_MIN_HANZI",
    "GUIDE_MIN_LETTERS",
    "KEYWORD_ALSO_EXACT_BONUS",
    "MAX_QUERY_LENGTH",
    "REMEMBERED_QUERIES",
    "REMEMBERED_SHORT_QUERIES",
    "SHORT_QUERY_LENGTH",
    "MatchedField",
    "SearchEntry",
    "SearchHit",
    "SearchIndex",
    "SearchText",
    "normalise_query",
]

REMEMBERED_QUERIES = 64
SHORT_QUERY_LENGTH = 3  # the first keystrokes, shared by most searches: remembered for good
REMEMBERED_SHORT_QUERIES = 1024


@dataclass(frozen=True, slots=True)
class _Remembered:
    """A recent query and the services it matched: by name (`named`), by keyword or department (`others`)
    and by guide text (`guided`, None when it did not search guides; in English or not), each in rank
    order. A query extending it only searches those; the same query again searches nothing."""

    text: str
    named: tuple[Service, ...]
    others: tuple[Service, ...]
    guided: tuple[Service, ...] | None
    english_guides: bool

    @property
    def main(self) -> tuple[Service, ...]:
        """Every service matched outside the guide, in rank order."""
        return tuple(sorted((*self.named, *self.others), key=operator.attrgetter("rank")))


@dataclass(frozen=True, slots=True)
class _AllGuides:
    """Every service's guide keys in one string per language, so that a query searching guides for the
    first time scans them all in one go (guide texts are long) rather than service by service."""

    keys: Keys
    starts: tuple[tuple[int, ...], tuple[int, ...]]

    @classmethod
    def of(cls, services: Sequence[Service]) -> _AllGuides:
        """Join the guide keys; the separator keeps every match inside one service's texts."""
        lattices = [service.guides_keys[0] for service in services]
        words = [service.guides_keys[1] for service in services]
        return cls(
            (FIELD_SEPARATOR.join(lattices), FIELD_SEPARATOR.join(words)),
            (_starts(lattices), _starts(words)),
        )

    def matching(self, query: Query, services: Sequence[Service]) -> tuple[Service, ...]:
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

    def __init__(self, services: tuple[Service, ...]) -> None:
        """Use `SearchIndex.build`."""
        self._services = services
        self._all_guides = _AllGuides.of(services)
        self._recent: tuple[_Remembered, ...] = ()
        self._short: dict[str, _Remembered] = {}

    @classmethod
    def build(cls, entries: Iterable[SearchEntry]) -> SearchIndex:
        """Compile the entries, given in catalog order (the last tie-break)."""
        return cls(compile_services(entries))

    def __len__(self) -> int:
        """The number of services indexed."""
        return len(self._services)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """The best `limit` services for what was typed, best first; [] for an empty or junk query."""
        compiled = Query.compile(normalise_query(query))
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
            for score, service, field in rank_services(compiled, named, others, limit)
        ]

    def _sorted_out(self, query: Query) -> tuple[tuple[Service, ...], tuple[Service, ...]]:
        """The services matched by name, and those matched by keyword or department (`Query.sort_out`),
        among the hits of the longest recent query this one extends, else among every service."""
        extended = self._extended(query, guides=False)
        if extended is not None and extended.text == query.text:
            return extended.named, extended.others
        named, others = query.sort_out(self._services if extended is None else extended.main)
        return tuple(named), tuple(others)

    def _guided(self, query: Query) -> tuple[Service, ...]:
        """The services whose guide texts match, narrowed from a recent query when there is one."""
        extended = self._extended(query, guides=True)
        if extended is None or extended.guided is None:
            return self._all_guides.matching(query, self._services)
        search, key = query.guide_pattern.search, query.guide_key
        return tuple(service for service in extended.guided if search(key(service)))

    def _extended(self, query: Query, *, guides: bool) -> _Remembered | None:
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
