"""Sentinel personal data never appears in clear in the database file, its WAL, attachment files or logs."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.domain.catalog import FieldType
from kiosk.logs import configure_logging
from kiosk.services.attachments import add_attachment
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import open_kiosk
from kiosk.settings import load_settings
from tests.support.sentinels import (
    SENTINEL_CALLBACK,
    SENTINEL_COMMENT,
    SENTINEL_ID,
    SENTINEL_NAME,
    SENTINEL_PHONE,
    SENTINEL_TEXT,
    encodings,
    rate_with_sentinels,
)


def test_sentinels_are_nowhere_in_clear(tmp_path: Path) -> None:
    settings = load_settings()
    handler = configure_logging(log_path=settings.log_path, level="DEBUG", max_bytes=10_000_000, backups=1)
    kiosk = open_kiosk(settings)
    try:
        text_services = [
            s for s in kiosk.catalog.services if any(f.type == FieldType.TEXT for f in s.form.fields[3:])
        ]
        assert text_services, "the sample catalog needs a service with a free-text field"
        for service in (kiosk.catalog.services[0], text_services[0]):
            overrides = {
                "applicant_name": SENTINEL_NAME,
                "applicant_id_number": SENTINEL_ID,
                "applicant_phone": SENTINEL_PHONE,
            }
            for field in service.form.fields[3:]:
                if field.type == FieldType.TEXT:
                    overrides[field.key] = SENTINEL_TEXT
            photo = add_attachment(kiosk, data=f"身份证照片 {SENTINEL_ID}".encode(), media_type="image/jpeg")
            result = submit_filing(
                kiosk,
                service_code=service.code,
                answers=demo_answers(service, overrides),
                attachments=[photo],
            )
            rate_with_sentinels(kiosk, result.filing_id)
        logging.getLogger("test").info("done filing for %s", SENTINEL_ID)
        handler.flush()
        files = [p for p in settings.data_dir.rglob("*") if p.is_file() and p.suffix != ".key"]
        names = {p.name for p in files}
        assert {"kiosk.db", "kiosk.db-wal", "kiosk.log"} <= names, names
        for path in files:
            content = path.read_bytes()
            for sentinel in (
                SENTINEL_NAME,
                SENTINEL_ID,
                SENTINEL_PHONE,
                SENTINEL_TEXT,
                SENTINEL_COMMENT,
                SENTINEL_CALLBACK,
                SENTINEL_ID[6:14],
            ):
                for encoded in encodings(sentinel):
                    assert encoded not in content, f"{sentinel!r} found in clear in {path.name}"
    finally:
        kiosk.close()
        logging.getLogger().removeHandler(handler)
        handler.close()
