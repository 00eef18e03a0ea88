"""Printer errors, each with a message in Chinese and in English and a short state code for the heartbeat.

PrinterError                      the printer cannot print now (state "error")
├── PrinterOfflineError           switched off, unplugged, no answer, CUPS queue stopped ("offline")
├── PaperOutError                 paper roll empty ("paper_out")
├── CoverOpenError                paper cover open ("cover_open")
├── PrinterFaultError             cutter jam, overheated head ("fault")
└── PrinterNotFoundError          no such device, queue or host ("not_found")
PrinterSettingError               the `printer` setting itself is wrong (a ValueError, not a device state)
"""

from __future__ import annotations

from printing.status import PrinterStatus

__all__ = [
    "CoverOpenError",
    "PaperOutError",
    "PrinterError",
    "PrinterFaultError",
    "PrinterNotFoundError",
    "PrinterOfflineError",
    "PrinterSettingError",
    "error_for_status",
]


class PrinterError(Exception):
    """The printer cannot print now; zh/en say why, `state` is the short code the county sees."""

    state = "error"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class PrinterOfflineError(PrinterError):
    """The printer does not answer, or its CUPS queue is stopped."""

    state = "offline"


class PaperOutError(PrinterError):
    """The paper roll is empty."""

    state = "paper_out"


class CoverOpenError(PrinterError):
    """The paper cover is open."""

    state = "cover_open"


class PrinterFaultError(PrinterError):
    """The printer reports an error of its own (cutter jam, overheated head)."""

    state = "fault"


class PrinterNotFoundError(PrinterError):
    """No such device file, CUPS queue or network host."""

    state = "not_found"


class PrinterSettingError(ValueError):
    """The `printer` setting (or a printer option) is not valid; nothing was opened or changed."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


def error_for_status(status: PrinterStatus) -> PrinterError | None:
    """The error a print attempt raises for this status, or None when the printer is ready."""
    if status.ready:
        return None
    zh = status.error_zh or "打印机暂时无法打印"
    en = status.error_en or "The printer cannot print now"
    if status.paper_out:
        return PaperOutError(zh, en)
    if status.cover_open:
        return CoverOpenError(zh, en)
    if status.fault:
        return PrinterFaultError(zh, en)
    return PrinterOfflineError(zh, en)
