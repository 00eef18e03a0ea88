"""The kiosk's local world for the use cases: settings, clock, and the store (database, key, device, catalog).

The store may open on a background thread (`kiosk_opened_later`) while the home screen is drawn; its
parts wait for it when first used. `open_kiosk` opens it before returning (tools, tests, benchmarks).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.domain.catalog import Catalog, parse_catalog
from kiosk.domain.errors import KioskError
from kiosk.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from db.pii import PiiCipher

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
APP_VERSION = __version__


def local_now() -> datetime:
    """The wall clock with the local UTC offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


def make_record_id(*, issuer_tag: bytes = b"") -> str:
    """A fresh time-ordered UUIDv7 for a record created on this kiosk (ending in `issuer_tag` if given)."""
    import secrets  # here, not at the top: records are made after home shows (about 10 ms of imports)

    from kiosk.domain.identifiers import new_record_id

    return new_record_id(
        now_ms=time.time_ns() // 1_000_000, random_bytes=secrets.token_bytes(10), issuer_tag=issuer_tag
    )


@dataclass(slots=True)
class LocalStore:
    """The opened store: database engine and sessions, the PII key, the catalog and this device's id."""

    engine: Engine
    sessions: sessionmaker[Session]
    cipher: PiiCipher
    catalog: Catalog
    device_id: str


class KioskRuntime:
    """Everything the use cases need: settings and clock at once, the store's parts once it has opened."""

    __slots__ = ("_store", "clock", "settings")

    def __init__(self, settings: Settings, store: Future[LocalStore], *, clock: Clock = local_now) -> None:
        self.settings = settings
        self.clock = clock
        self._store = store

    @property
    def store(self) -> LocalStore:
        """The opened store; waits while it is still opening, and raises what stopped it from opening."""
        return self._store.result()

    def is_open(self) -> bool:
        """True once the store has opened (False while it is opening, and when it could not open)."""
        store = self._store
        return store.done() and not store.cancelled() and store.exception() is None

    def when_opened(self, callback: Callable[[BaseException | None], None]) -> None:
        """Call ``callback`` with None, or with what stopped the store, once it has opened (on any thread);
        never when the kiosk stopped before the store began to open."""

        def tell(done: Future[LocalStore]) -> None:
            if not done.cancelled():
                callback(done.exception())

        self._store.add_done_callback(tell)

    @property
    def engine(self) -> Engine:
        return self.store.engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.store.sessions

    @property
    def cipher(self) -> PiiCipher:
        return self.store.cipher

    @property
    def catalog(self) -> Catalog:
        return self.store.catalog

    @catalog.setter
    def catalog(self, catalog: Catalog) -> None:
        self.store.catalog = catalog

    @property
    def device_id(self) -> str:
        return self.store.device_id

    def close(self) -> None:
        """Release the database connections (after waiting for a store that is opening; one that has not
        begun to open never will)."""
        if self._store.cancel():
            return
        try:
            store = self.store
        except Exception:  # never opened: nothing to release
            return
        store.engine.dispose()


def read_catalog_file(path: Path) -> tuple[Catalog, dict[str, object]]:
    """Load and check a catalog JSON file (parsed catalog and raw data); problems raise KioskError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KioskError(
            f"无法读取事项目录 {path}：{exc.strerror}",
            f"Cannot read the service catalog {path}: {exc.strerror}",
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KioskError(
            f"事项目录 {path} 不是有效的 JSON：{exc}", f"The service catalog {path} is not valid JSON: {exc}"
        ) from None
    return parse_catalog(data), data


def _open_into(store: Future[LocalStore], settings: Settings, clock: Clock, warm: Callable[[], None]) -> None:
    if not store.set_running_or_notify_cancel():  # the kiosk stopped before the store began to open
        return
    try:
        from kiosk.services.local_store import open_local_store

        opened = open_local_store(settings, clock)
    except BaseException as exc:  # handed to whoever uses the store; the opener thread ends quietly
        store.set_exception(exc)
        return
    try:
        warm()
    except BaseException as exc:  # a broken import is a bug: the start fails as a failed open would
        opened.engine.dispose()
        store.set_exception(exc)
        return
    store.set_result(opened)


def open_kiosk(settings: Settings, *, clock: Clock = local_now) -> KioskRuntime:
    """Open the store now; StoreError or KioskError when it cannot be opened."""
    from kiosk.services.local_store import open_local_store

    store: Future[LocalStore] = Future()
    store.set_result(open_local_store(settings, clock))
    return KioskRuntime(settings, store, clock=clock)


def kiosk_opened_later(
    settings: Settings, *, clock: Clock = local_now, warm: Callable[[], None] = lambda: None
) -> tuple[KioskRuntime, Callable[[], None]]:
    """A runtime whose store opens on a background thread, then runs ``warm`` there (the imports the screens
    will use), once the returned function is called (a second call does nothing)."""
    store: Future[LocalStore] = Future()
    opener = threading.Thread(
        target=_open_into, args=(store, settings, clock, warm), name="open-store", daemon=True
    )

    def start() -> None:
        if opener.ident is None:
            opener.start()

    return KioskRuntime(settings, store, clock=clock), start
