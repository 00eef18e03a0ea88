"""Use case: search the service catalog as the citizen types (汉字, full pinyin, initials, English).

The index is built once per catalog with pypinyin readings and reused until the kiosk swaps in another
catalog. Each character gets every reading pypinyin knows for it (heteronyms: 长 is zhang and chang),
the reading in context first (lazy_pinyin uses the phrase dictionary: 银行 is yin hang), which also
adds the few readings that only occur in phrases (乐亭 is lao ting). Initials are the first letters
of these readings (what Style.FIRST_LETTER gives), so they are not asked for separately.

pypinyin is imported on first use (its phrase dictionary takes about 0.3 s to load): the kiosk shows its
home screen first and builds the index in the background right after (`catalog_search_index`).
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.domain.catalog import Catalog, Service
from kiosk.domain.search import SearchEntry, SearchIndex, SearchText
from kiosk.services.runtime import KioskRuntime


@functools.cache
def _character_readings(char: str) -> tuple[str, ...]:
    """Every toneless reading pypinyin knows for one character (ü written v); () when it has none."""
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(readings[0]) if readings else ()


def _runs_with_readings(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each maximal run of characters that have pinyin readings."""
    runs: list[tuple[int, int]] = []
    position = 0
    for has_readings, run in itertools.groupby(text, key=lambda char: bool(_character_readings(char))):
        length = len(list(run))
        if has_readings:
            runs.append((position, position + length))
        position += length
    return runs


@functools.lru_cache(maxsize=8192)
def search_text(text: str) -> SearchText:
    """A Chinese text with its readings: the reading in context (银行 is yin hang) first, then all others."""
    from pypinyin import Style, lazy_pinyin

    readings = [_character_readings(char) for char in text]
    for start, end in _runs_with_readings(text):
        in_context = lazy_pinyin(text[start:end], style=Style.NORMAL)
        if len(in_context) == end - start:  # else keep the single-character readings
            for position, reading in enumerate(in_context, start=start):
                readings[position] = tuple(dict.fromkeys([reading, *readings[position]]))
    return SearchText(text, tuple(readings))


def search_entry(service: Service) -> SearchEntry:
    """What the index needs to know about one service."""
    guide = service.guide
    guide_texts = (
        guide.conditions,
        *(material.text for material in guide.materials),
        guide.time_limit,
        guide.fee,
        guide.legal_basis,
    )
    return SearchEntry(
        code=service.code,
        name=search_text(service.name.zh),
        name_en=service.name.en,
        keywords=tuple(search_text(keyword) for keyword in service.keywords),
        department=search_text(service.department.zh),
        department_en=service.department.en,
        guide_zh=tuple(text.zh for text in guide_texts),
        guide_en=tuple(text.en for text in guide_texts),
    )


def build_search_index(catalog: Catalog) -> SearchIndex:
    """Compile a catalog for searching, services in catalog order."""
    return SearchIndex.build(search_entry(service) for service in catalog.services)


@dataclass(frozen=True, slots=True)
class _Indexed:
    """A catalog, its search index and its services by code."""

    catalog: Catalog
    index: SearchIndex
    services: Mapping[str, Service]


class _IndexCache:
    """The index of the catalog in use; another catalog (a county refresh) gets a new one."""

    def __init__(self) -> None:
        """Start empty."""
        self._lock = threading.Lock()
        self._indexed: _Indexed | None = None

    def indexed(self, catalog: Catalog) -> _Indexed:
        """The cached index when the catalog is the same (same object, or same version and content)."""
        with self._lock:
            indexed = self._indexed
            if indexed is None or not _same_catalog(indexed.catalog, catalog):
                services = {service.code: service for service in catalog.services}
                indexed = _Indexed(catalog, build_search_index(catalog), services)
            self._indexed = indexed
            return indexed


def _same_catalog(cached: Catalog, catalog: Catalog) -> bool:
    """Same object, or an equal catalog of the same version (compared only when not the same object)."""
    return cached is catalog or (cached.version == catalog.version and cached == catalog)


_INDEXES = _IndexCache()


def catalog_search_index(kiosk: KioskRuntime) -> SearchIndex:
    """The search index of the kiosk's catalog: built on first use and after a catalog change (call it
    when the catalog is swapped in to build it before the first keystroke). Its hits name the field
    and characters that matched, for highlighting."""
    return _INDEXES.indexed(kiosk.catalog).index


def search_services(kiosk: KioskRuntime, query: str, *, limit: int = 20) -> list[Service]:
    """The services of the kiosk's catalog that best match what was typed, best first."""
    indexed = _INDEXES.indexed(kiosk.catalog)
    return [indexed.services[hit.code] for hit in indexed.index.search(query, limit=limit)]
