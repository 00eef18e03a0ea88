"""Open the kiosk's local world: settings, database (migrated), key, device identity and catalog."""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.engine import create_store_engine, make_session_factory
from db.errors import StoreError
from db.migrate import upgrade_to_head
from db.models import Device
from db.pii import PiiCipher
from kiosk import __version__
from kiosk.domain.catalog import Catalog, parse_catalog
from kiosk.domain.errors import KioskError
from kiosk.domain.identifiers import new_record_id
from kiosk.resources import SAMPLE_CATALOG
from kiosk.services.catalog_store import load_county_document, store_catalog_versions
from kiosk.settings import Settings

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
APP_VERSION = __version__


def local_now() -> datetime:
    """The wall clock with the local UTC offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


def make_record_id() -> str:
    """A fresh time-ordered UUIDv7 for a record created on this kiosk."""
    return new_record_id(now_ms=time.time_ns() // 1_000_000, random_bytes=secrets.token_bytes(10))


@dataclass(slots=True)
class KioskRuntime:
    """Everything the use cases need; built once at start by `open_kiosk`."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    cipher: PiiCipher
    catalog: Catalog
    device_id: str
    clock: Clock = local_now

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


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


def _ensure_device(session: Session, *, now: str) -> str:
    device = session.get(Device, 1)
    if device is None:
        device = Device(slot=1, device_id=make_record_id(), next_seq=1, created_at=now)
        session.add(device)
    return device.device_id


def _start_catalog(session: Session, settings: Settings) -> tuple[Catalog, dict[str, object]]:
    try:
        county = load_county_document(session)
    except KioskError as exc:  # cannot happen for a document accepted once; fall back rather than not start
        log.error("stored county catalog unusable, using the catalog file: %s", exc.en)
        county = None
    if county is not None:
        return county
    catalog_path = Path(settings.catalog_file) if settings.catalog_file else SAMPLE_CATALOG
    return read_catalog_file(catalog_path)


def open_kiosk(settings: Settings, *, clock: Clock = local_now) -> KioskRuntime:
    """Migrate the store, load the key and catalog, and make sure this device has an identity.

    The catalog is the county's latest accepted one when the kiosk has received one, else the configured
    file (or the built-in sample).
    """
    engine = create_store_engine(settings.database_path)
    try:
        upgrade_to_head(engine)
        cipher = PiiCipher.load_or_create(settings.key_path)
        sessions = make_session_factory(engine)
        now = clock().isoformat()
        with sessions.begin() as session:
            catalog, raw_catalog = _start_catalog(session, settings)
            store_catalog_versions(session, catalog, raw_catalog, now=now)
            device_id = _ensure_device(session, now=now)
    except (StoreError, KioskError):
        engine.dispose()
        raise
    log.info("kiosk opened: %d services, catalog %s", len(catalog.services), catalog.version)
    return KioskRuntime(
        settings=settings,
        engine=engine,
        sessions=sessions,
        cipher=cipher,
        catalog=catalog,
        device_id=device_id,
        clock=clock,
    )
