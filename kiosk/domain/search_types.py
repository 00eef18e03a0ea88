"""What catalog search is given and gives back: texts with their readings, entries, matched fields, hits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MatchedField(StrEnum):
    """Which text of a service a query matched; the UI highlights it."""

    NAME = "name"
    KEYWORD = "keyword"
    DEPARTMENT = "department"
    GUIDE = "guide"


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
