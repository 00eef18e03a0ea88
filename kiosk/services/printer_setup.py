"""Use case: open the receipt printer the settings name (no store needed: the kiosk does it before home shows)."""

from __future__ import annotations

from kiosk.settings import Settings
from printing.backends.base import PrinterBackend
from printing.backends.factory import backend_from_settings

PRINTOUTS_DIR_NAME = "printed"
"""Folder under the data directory where the default `file` printer puts its PDFs."""


def open_printer_from_settings(settings: Settings) -> PrinterBackend:
    """The backend the `printer` setting names (validated when the settings were loaded)."""
    return backend_from_settings(
        settings.printer,
        default_directory=settings.data_dir / PRINTOUTS_DIR_NAME,
        width_dots=settings.printer_width_dots,
        charset=settings.printer_charset,
        timeout_s=settings.printer_timeout_s,
    )
