"""Where the shipped resources (QML, fonts, catalog, translations) live."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_CATALOG = RESOURCES_DIR / "catalog" / "sample_catalog.json"
CJK_FONT = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
QML_DIR = RESOURCES_DIR / "qml"
I18N_DIR = RESOURCES_DIR / "i18n"
