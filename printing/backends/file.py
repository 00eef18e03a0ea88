"""A development printer: each receipt becomes a file (80 mm PDF or raw ESC/POS bytes) in a folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Literal

from printing.backends.base import UNKNOWN_BUT_ONLINE
from printing.backends.errors import PrinterOfflineError, PrinterSettingError
from printing.receipt import Receipt
from printing.status import PrinterStatus

__all__ = ["FileBackend"]

FileFormat = Literal["pdf", "escpos"]
_SUFFIX = {"pdf": ".pdf", "escpos": ".bin"}


class FileBackend:
    """Writes receipts as NUMBER-01.pdf, NUMBER-02.pdf … (a reprint never overwrites the first)."""

    reports_status = False

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        format: FileFormat = "pdf",
        width_dots: int = 576,
        charset: str = "GBK",
    ) -> None:
        if format not in _SUFFIX:
            raise PrinterSettingError(
                f"文件打印格式应为 pdf 或 escpos，而不是 {format!r}",
                f"The file printer format must be pdf or escpos, not {format!r}",
            )
        self.directory = Path(directory)
        self.format = format
        self.width_dots = width_dots
        self.charset = charset
        self._lock = threading.Lock()

    @property
    def description(self) -> str:
        """file:DIRECTORY (pdf) or file-escpos:DIRECTORY."""
        prefix = "file" if self.format == "pdf" else "file-escpos"
        return f"{prefix}:{self.directory}"

    def status(self) -> PrinterStatus:
        """A folder has no paper to run out of: online, condition unknown."""
        return UNKNOWN_BUT_ONLINE

    def print_receipt(self, receipt: Receipt) -> None:
        """Render, then write the file whole (temp file, fsync, rename) under the next free number."""
        # The renderers (reportlab, qrcode) load on the first receipt, not when the kiosk opens its printer.
        from printing.escpos import render_receipt_escpos
        from printing.pdf import render_receipt_pdf

        if self.format == "pdf":
            data = render_receipt_pdf(receipt)
        else:
            data = render_receipt_escpos(
                receipt, printable_width_dots=self.width_dots, printer_charset=self.charset
            )
        stem = receipt.filing_number
        with self._lock:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                path = self._next_free(stem)
                _write_whole(path, data)
            except OSError as exc:
                raise PrinterOfflineError(
                    f"无法写入回执文件夹 {self.directory}：{exc.strerror or exc}",
                    f"Cannot write to the receipt folder {self.directory}: {exc.strerror or exc}",
                ) from None

    def _next_free(self, stem: str) -> Path:
        number = 1
        while (path := self.directory / f"{stem}-{number:02d}{_SUFFIX[self.format]}").exists():
            number += 1
        return path


def _write_whole(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
