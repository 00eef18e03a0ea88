"""Open the kiosk's local store: database (migrated), key, device identity and catalog.

Imported only when the store opens (SQLAlchemy, the ORM models and cryptography are most of a start's
imports), so the home screen can show while this runs on a background thread (kiosk.services.runtime).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.orm import Session

from db.engine import create_store_engine, make_session_factory
from db.errors import StoreError
from db.laptop_keys import LockableCipher
from db.migrate import upgrade_to_head
from db.models import Device
from db.pii import PiiCipher
from kiosk.domain.catalog import Catalog
from kiosk.domain.errors import KioskError
from kiosk.resources import SAMPLE_CATALOG
from kiosk.services.catalog_store import load_county_document, store_catalog_versions
from kiosk.services.runtime import Clock, LocalStore, make_record_id, read_catalog_file
from kiosk.settings import Settings

log = logging.getLogger(__name__)


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


def open_local_store(settings: Settings, clock: Clock) -> LocalStore:
    """Migrate the store, load the key and catalog, and make sure this device has an identity.

    The catalog is the county's latest accepted one when the kiosk has received one, else the configured
    file (or the built-in sample).
    """
    engine = create_store_engine(settings.database_path)
    try:
        upgrade_to_head(engine)
        # A helper laptop keeps no key file: its helpers' keys are wrapped under their PINs.
        cipher = (
            LockableCipher() if settings.is_helper_laptop else PiiCipher.load_or_create(settings.key_path)
        )
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
    return LocalStore(engine=engine, sessions=sessions, cipher=cipher, catalog=catalog, device_id=device_id)
