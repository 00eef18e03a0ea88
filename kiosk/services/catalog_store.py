"""The catalog in the local store: every version of every service ever used, and the county's document."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CatalogDocument, CatalogItem, Filing
from kiosk.domain.catalog import Catalog, Service, parse_catalog
from kiosk.domain.errors import KioskError


def _definitions(raw: Mapping[str, Any]) -> dict[str, str]:
    services = raw.get("services")
    if not isinstance(services, list):
        return {}
    return {
        str(item["code"]): json.dumps(item, ensure_ascii=False, sort_keys=True)
        for item in services
        if isinstance(item, Mapping) and "code" in item
    }


def _versions_in_use(session: Session) -> set[tuple[str, int]]:
    return set(session.execute(select(Filing.service_code, Filing.service_version).distinct()).tuples())


def versions_in_use_that_differ(session: Session, catalog: Catalog, raw: Mapping[str, Any]) -> list[str]:
    """`CODE vN` of services this catalog redefines although filings on this kiosk were made with them."""
    definitions = _definitions(raw)
    used = _versions_in_use(session)
    differing = []
    for service in catalog.services:
        key = (service.code, service.version)
        row = session.get(CatalogItem, key) if key in used else None
        if row is not None and row.definition_json != definitions[service.code]:
            differing.append(f"{service.code} v{service.version}")
    return differing


def store_catalog_versions(session: Session, catalog: Catalog, raw: Mapping[str, Any], *, now: str) -> int:
    """Add every service version not stored yet; returns how many were new.

    A stored version no filing uses yet takes the new definition; one that filings were made with is
    never changed (they must keep meaning what they meant).
    """
    definitions = _definitions(raw)
    used = _versions_in_use(session)
    added = 0
    for service in catalog.services:
        key = (service.code, service.version)
        row = session.get(CatalogItem, key)
        if row is None:
            added += 1
            row = CatalogItem(code=service.code, version=service.version)
            session.add(row)
        elif row.definition_json == definitions[service.code] or key in used:
            continue
        row.category = service.category
        row.name_zh, row.name_en = service.name.zh, service.name.en
        row.catalog_version = catalog.version
        row.definition_json = definitions[service.code]
        row.loaded_at = now
    return added


def save_county_document(
    session: Session, raw: Mapping[str, Any], *, catalog_version: str, seq: int, now: str
) -> None:
    """Keep the county's catalog document: the kiosk starts on it from now on."""
    row = session.get(CatalogDocument, 1)
    if row is None:
        row = CatalogDocument(slot=1)
        session.add(row)
    row.catalog_version = catalog_version
    row.document_json = json.dumps(raw, ensure_ascii=False)
    row.change_seq = seq
    row.received_at = now


def load_county_document(session: Session) -> tuple[Catalog, dict[str, Any]] | None:
    """The county's catalog last accepted (parsed and raw), or None when the kiosk never got one."""
    row = session.get(CatalogDocument, 1)
    if row is None:
        return None
    raw = json.loads(row.document_json)
    return parse_catalog(raw), raw


def stored_service(session: Session, *, code: str, version: int) -> Service:
    """One stored version of a service, rebuilt from its definition; KioskError when it is not stored."""
    row = session.get(CatalogItem, (code, version))
    if row is None:
        raise KioskError(
            f"未找到事项 {code} 的第 {version} 版", f"Version {version} of service {code} is not known"
        )
    document = {
        "catalog_version": row.catalog_version,
        "sample": False,
        "notice": {"zh": "历史版本", "en": "An earlier version"},
        "categories": [{"code": row.category, "name": {"zh": row.category, "en": row.category}}],
        "services": [json.loads(row.definition_json)],
    }
    return parse_catalog(document).services[0]
