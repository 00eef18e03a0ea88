"""Catalog publication: a whole catalog document becomes a global ``catalog`` change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from county.changes import append_change


class CatalogError(ValueError):
    """The document is not a catalog; ``zh`` and ``en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        """Keep both messages."""
        super().__init__(en)
        self.zh = zh
        self.en = en


def check_catalog(document: Any) -> dict[str, Any]:
    """Return ``document`` if it is a JSON object with a catalog_version and a list of services."""
    if not isinstance(document, dict):
        raise CatalogError("目录文件必须是 JSON 对象", "the catalog must be a JSON object")
    version = document.get("catalog_version")
    if not isinstance(version, str) or not version.strip():
        raise CatalogError("目录缺少 catalog_version", "the catalog has no catalog_version")
    services = document.get("services")
    if not isinstance(services, list) or not all(isinstance(item, dict) for item in services):
        raise CatalogError("目录缺少 services 列表", "the catalog has no list of services")
    return document


def publish_catalog(session: Session, document: Any, *, now: datetime) -> int:
    """Check the document and add it as a global catalog change; return its seq."""
    return append_change(session, type_="catalog", data=check_catalog(document), now=now)
