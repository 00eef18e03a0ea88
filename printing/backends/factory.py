"""Make the backend the `printer` setting names (the grammar is in printing.backends.spec).

Each backend's module is imported only when named: the kiosk starts without the ones it does not use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from printing.backends.spec import check_printer_charset, parse_printer_setting

if TYPE_CHECKING:
    from printing.backends.base import PrinterBackend
    from printing.backends.cups import Paper
    from printing.backends.file import FileFormat

__all__ = ["backend_from_settings"]


def backend_from_settings(
    printer: str,
    *,
    default_directory: Path,
    width_dots: int = 576,
    charset: str = "GBK",
    timeout_s: float = 5.0,
) -> PrinterBackend:
    """The backend a `printer` setting names; `default_directory` serves a bare "file" / "file-escpos"."""
    spec = parse_printer_setting(printer)
    charset = check_printer_charset(charset)
    if spec.kind == "simulated":
        from printing.backends.simulated import SimulatedBackend

        return SimulatedBackend(width_dots=width_dots, charset=charset)
    if spec.kind in ("file", "file-escpos"):
        from printing.backends.file import FileBackend

        directory = Path(spec.target) if spec.target else default_directory
        file_format: FileFormat = "pdf" if spec.kind == "file" else "escpos"
        return FileBackend(directory, format=file_format, width_dots=width_dots, charset=charset)
    if spec.kind in ("cups", "cups-a4"):
        from printing.backends.cups import CupsBackend

        paper: Paper = "80mm" if spec.kind == "cups" else "A4"
        # lp and lpstat are whole programs talking to the scheduler: give them at least 10 s.
        return CupsBackend(spec.target, paper=paper, timeout_s=max(timeout_s, 10.0))
    if spec.kind == "escpos-tcp":
        from printing.backends.escpos_tcp import EscposNetworkBackend

        return EscposNetworkBackend(
            spec.target, spec.number or 9100, timeout_s=timeout_s, width_dots=width_dots, charset=charset
        )
    if spec.kind == "escpos-serial":
        from printing.backends.escpos_serial import EscposSerialBackend

        return EscposSerialBackend(
            spec.target, spec.number or 19200, timeout_s=timeout_s, width_dots=width_dots, charset=charset
        )
    from printing.backends.escpos_usb import EscposUsbBackend

    return EscposUsbBackend(spec.target, timeout_s=timeout_s, width_dots=width_dots, charset=charset)
