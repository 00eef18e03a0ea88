"""A query compiled into patterns: which services it matches, how each scores, and the best ones ranked."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.domain.search_compiled import CONTAINS, EXACT, NO_MATCH, PREFIX, Field, Service
from kiosk.domain.search_keys import lattice_pattern, words_pattern
from kiosk.domain.search_types import MatchedField, SearchHit

MAX_QUERY_LENGTH = 200
GUIDE_MIN_HANZI = 2
GUIDE_MIN_LETTERS = 3
KEYWORD_ALSO_EXACT_BONUS = 5

_SCORES: dict[MatchedField, tuple[int, int, int, int]] = {
    # by grade: none, contains, prefix, exact
    MatchedField.NAME: (0, 80, 90, 100),
    MatchedField.KEYWORD: (0, 60, 65, 70),
    MatchedField.DEPARTMENT: (0, 30, 35, 40),
    MatchedField.GUIDE: (0, 20, 20, 20),
}


@dataclass(frozen=True, slots=True)
class Query:
    """A folded query compiled into its patterns (lattices; English words for a Latin query), and whether
    it is long enough to search guide texts too."""

    text: str
    lattice: re.Pattern[str]
    words: re.Pattern[str] | None
    guides: bool

    @classmethod
    def compile(cls, text: str) -> Query | None:
        """Compile a folded query; None when empty or longer than MAX_QUERY_LENGTH (junk, not typing)."""
        if not text or len(text) > MAX_QUERY_LENGTH:
            return None
        lattice = lattice_pattern(text)
        if not text.isascii():
            return cls(text, lattice, None, len(text) >= GUIDE_MIN_HANZI)
        return cls(text, lattice, words_pattern(text), len(text) >= GUIDE_MIN_LETTERS)

    def sort_out(self, services: Iterable[Service]) -> tuple[list[Service], list[Service]]:
        """The services (in their order) whose name the query matches, and those it matches elsewhere
        outside the guide."""
        named: list[Service] = []
        others: list[Service] = []
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

    def guide_fields(self, service: Service) -> tuple[Field, ...]:
        """The guide texts of a service in the language this query searches."""
        english = self.words is not None
        return tuple(field for field in service.guides if field.english == english)

    def guide_key(self, service: Service) -> str:
        """The joined guide texts of a service in the language this query searches."""
        return service.guides_keys[0 if self.words is None else 1]

    def grade(self, field: Field) -> int:
        """How well the query matches one text: exact, prefix, contains or none."""
        pattern = self.words if field.english else self.lattice
        return NO_MATCH if pattern is None else field.grade(pattern.search)

    def name_may_beat(self, service: Service, worst: int) -> bool:
        """False when a service whose name matched surely scores no more than `worst` (cheap tests only)."""
        if self.text[0] not in service.name_starts:
            bound = _SCORES[MatchedField.NAME][CONTAINS]
        elif len(self.text) >= service.fewest_name_units:
            bound = _SCORES[MatchedField.NAME][EXACT]
        else:
            bound = _SCORES[MatchedField.NAME][PREFIX]
        if bound > worst:
            return True
        return bound + KEYWORD_ALSO_EXACT_BONUS > worst and self.may_match_keyword_exactly(service)

    def may_match_keyword_exactly(self, service: Service) -> bool:
        """False when no keyword can be matched exactly: each of its units takes at least one letter of
        the query, and the query starts with a spelling of its first character."""
        first = self.text[0]
        for units, starts in service.short_keywords:
            if units > len(self.text):
                return False
            if first in starts:
                return True
        return False

    def name_score(self, service: Service) -> tuple[int, Field | None]:
        """The score of a service whose name matched, and the name that did (Chinese first on ties)."""
        score, field = self.best(service.names) or (0, None)
        return score + self.keyword_bonus(service), field

    def keyword_bonus(self, service: Service) -> int:
        """A name match scores a little more when a keyword is matched exactly too."""
        if self.may_match_keyword_exactly(service) and any(
            self.text[0] in keyword.starts and self.grade(keyword) == EXACT for keyword in service.keywords
        ):
            return KEYWORD_ALSO_EXACT_BONUS
        return 0

    def other_score(self, service: Service) -> tuple[int, Field | None]:
        """The best keyword, department or (when searched) guide match of a service; (0, None) if none."""
        found = self.best(service.keywords) or self.best(service.departments)
        if found is None and self.guides:
            found = self.best(self.guide_fields(service))
        return found or (0, None)

    def best(self, fields: Sequence[Field]) -> tuple[int, Field] | None:
        """The best-scoring of some texts; the first one on ties; None when none matched."""
        best: tuple[int, Field] | None = None
        for field in fields:
            grade = self.grade(field)
            if grade and (best is None or _SCORES[field.kind][grade] > best[0]):
                best = _SCORES[field.kind][grade], field
        return best

    def hit(self, service: Service, score: int, field: Field) -> SearchHit:
        """The hit shown for a service, with the matched characters of the text."""
        pattern = self.words if field.english and self.words is not None else self.lattice
        return SearchHit(service.code, score, field.kind, field.text, field.span(pattern.search))


_Kept = tuple[int, int, Service, Field]
_OTHERS_BOUND = _SCORES[MatchedField.KEYWORD][EXACT]  # the most a match outside the names scores
_CONTAINED_NAME_BOUND = _SCORES[MatchedField.NAME][CONTAINS] + KEYWORD_ALSO_EXACT_BONUS


def rank_services(
    query: Query, named: Sequence[Service], others: Sequence[Service], limit: int
) -> list[tuple[int, Service, Field]]:
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


def _keep(kept: list[_Kept], limit: int, service: Service, score: int, field: Field | None) -> None:
    """Add a scored service to the heap of the best `limit` (dropping the worst when it is full)."""
    if field is None:
        return
    row = (score, -service.rank, service, field)
    if len(kept) < limit:
        heapq.heappush(kept, row)
    else:
        heapq.heappushpop(kept, row)
