"""Search-as-you-type over the catalog: debounced, run on the operations worker, ranked by kiosk.services."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.domain.catalog import Service
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.operations import Operations
from kiosk.ui.session_helper import SessionHelper

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
RESULT_LIMIT = 20
PINYIN_SEPARATORS = str.maketrans("", "", "' ")  # the pinyin keyboard's preedit reads s'b'k


class CatalogSearch(SessionHelper):
    """The query the citizen is typing and the services that match it, best first."""

    changed = Signal()

    def __init__(
        self, kiosk: KioskRuntime, operations: Operations, *, language: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(kiosk, operations, language=language, parent=parent)
        self._query = ""
        self._searched = ""
        self._results: list[Service] = []
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run)

    @Slot(str)
    def setQuery(self, text: str) -> None:
        """What the search field shows (committed text plus the pinyin being composed)."""
        query = text.translate(PINYIN_SEPARATORS) if text.isascii() else text.strip()
        if query == self._query:
            return
        self._query = query
        if not query:
            self._debounce.stop()
            self._searched, self._results = "", []
        else:
            self._debounce.start()
        self.changed.emit()

    def warm(self) -> threading.Thread:
        """Build the search index on a thread of its own (after the home screen shows) so that the first
        keystroke does not wait for it; the operations worker stays free for the citizen."""
        from kiosk.services.catalog_search import catalog_search_index

        builder = threading.Thread(
            target=catalog_search_index, args=(self._kiosk,), name="search-index", daemon=True
        )
        builder.start()
        return builder

    @Slot()
    def clear(self) -> None:
        """Forget the query and the results (a new citizen)."""
        self.setQuery("")

    def _run(self) -> None:
        from kiosk.services.catalog_search import search_services

        kiosk, query = self._kiosk, self._query
        self._ops.run(
            lambda: search_services(kiosk, query, limit=RESULT_LIMIT),
            on_done=lambda services: self._on_found(query, services),
            on_error=self._on_failed,
            background=True,
        )

    def _on_found(self, query: str, services: list[Service]) -> None:
        if query != self._query:  # typed on meanwhile: a newer search is coming
            return
        self._searched, self._results = query, services
        self.changed.emit()

    def _on_failed(self, exc: Exception) -> None:
        log.error("catalog search failed: %s", exc)

    @Property(str, notify=changed)
    def query(self) -> str:
        """The normalised query; empty when not searching."""
        return self._query

    @Property(bool, notify=changed)
    def searching(self) -> bool:
        """True while there is a query."""
        return bool(self._query)

    @Property(bool, notify=changed)
    def noMatch(self) -> bool:
        """True when the current query was searched and found nothing."""
        return bool(self._query) and self._searched == self._query and not self._results

    @Property(list, notify=changed)
    def results(self) -> list[dict[str, Any]]:
        """The matching services, best first, in the current language."""
        return [
            {"code": s.code, "name": self._t(s.name), "department": self._t(s.department)}
            for s in self._results
        ]

    def language_changed(self) -> None:
        """Show the results in the new language."""
        self.changed.emit()
