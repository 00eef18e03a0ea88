"""Make the backend the `printer` setting names (the grammar is in printing.backends.spec)."""

from __future__ import annotations

from pathlib import Path

from printing.backends.base import PrinterBackend
from printing.backends.cups import CupsBackend, Paper
from printing.backends.escpos_serial import EscposSerialBackend
from printing.backends.escpos_tcp import EscposNetworkBackend
from printing.backends.escpos_usb import EscposUsbBackend
from printing.backends.file import FileBackend, FileFormat
from printing.backends.simulated import SimulatedBackend
from printing.backends.spec import check_printer_charset, parse_printer_setting

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
        return SimulatedBackend(width_dots=width_dots, charset=charset)
    if spec.kind in ("file", "file-escpos"):
        directory = Path(spec.target) if spec.target else default_directory
        file_format: FileFormat = "pdf" if spec.kind == "file" else "escpos"
        return FileBackend(directory, format=file_format, width_dots=width_dots, charset=charset)
    if spec.kind in ("cups", "cups-a4"):
        paper: Paper = "80mm" if spec.kind == "cups" else "A4"
        # lp and lpstat are whole programs talking to the scheduler: give them at least 10 s.
        return CupsBackend(spec.target, paper=paper, timeout_s=max(timeout_s, 10.0))
    if spec.kind == "escpos-tcp":
        return EscposNetworkBackend(
            spec.target, spec.number or 9100, timeout_s=timeout_s, width_dots=width_dots, charset=charset
        )
    if spec.kind == "escpos-serial":
        return EscposSerialBackend(
            spec.target, spec.number or 19200, timeout_s=timeout_s, width_dots=width_dots, charset=charset
        )
    return EscposUsbBackend(spec.target, timeout_s=timeout_s, width_dots=width_dots, charset=charset)
