"""Printing through CUPS with its command-line clients (`lp`, `lpstat`, `cancel`), each with a timeout.

The receipt goes to the queue as a PDF (80 mm roll or A4 sheet). The queue's state decides the status:
a disabled (stopped) queue is offline; printer-state-reasons that CUPS learned from the device (IPP
printers report media-empty, door-open …) become paper-out and cover-open. After `lp`, the job is
followed with `lpstat -W not-completed` until it leaves the queue; a job that stalls because the queue
stopped or the wait ran out is cancelled, so that the print queue's retry cannot print it twice.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import time
from collections.abc import Sequence
from typing import Literal

from printing.backends.errors import PrinterError, PrinterNotFoundError, PrinterOfflineError, error_for_status
from printing.pdf import render_receipt_pdf, render_receipt_pdf_a4
from printing.receipt import Receipt
from printing.status import PrinterStatus

__all__ = ["CupsBackend"]

Paper = Literal["80mm", "A4"]
POLL_INTERVAL_S = 0.25
_JOB_ID = re.compile(r"request id is (\S+)")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")
_PAPER_OUT_REASONS = ("media-empty", "media-needed")
_COVER_OPEN_REASONS = ("door-open", "cover-open", "interlock-open")


class CupsBackend:
    """A CUPS queue; `server` ("host:port" or a socket path) overrides CUPS_SERVER and client.conf."""

    reports_status = True

    def __init__(
        self,
        queue_name: str,
        *,
        paper: Paper = "80mm",
        server: str | None = None,
        timeout_s: float = 10.0,
        completion_timeout_s: float = 60.0,
    ) -> None:
        self.queue_name = queue_name
        self.paper = paper
        self.server = server
        self.timeout_s = timeout_s
        self.completion_timeout_s = completion_timeout_s

    @property
    def description(self) -> str:
        """cups:QUEUE or cups-a4:QUEUE."""
        return f"{'cups' if self.paper == '80mm' else 'cups-a4'}:{self.queue_name}"

    # -- status ---------------------------------------------------------------------------------------
    def status(self) -> PrinterStatus:
        """The queue's condition from `lpstat -l -p QUEUE`; an unknown queue raises PrinterNotFoundError."""
        result = self._run("lpstat", "-l", "-p", self.queue_name)
        if result.returncode != 0:
            if not self._scheduler_running():
                return _cups_down()
            raise PrinterNotFoundError(
                f"CUPS 中没有名为 {self.queue_name} 的打印机，请检查打印机设置",
                f"CUPS has no printer named {self.queue_name}; check the printer setting",
            )
        return _status_from_lpstat(result.stdout)

    def _scheduler_running(self) -> bool:
        result = self._run("lpstat", "-r")
        return result.returncode == 0 and "not running" not in result.stdout

    # -- printing -------------------------------------------------------------------------------------
    def print_receipt(self, receipt: Receipt) -> None:
        """Refuse unless the queue is ready, submit the PDF, and return once CUPS has finished the job."""
        pdf = render_receipt_pdf_a4(receipt) if self.paper == "A4" else render_receipt_pdf(receipt)
        problem = error_for_status(self.status())
        if problem is not None:
            raise problem
        job_id = self._submit(pdf, title=f"receipt {receipt.filing_number}")
        self._wait_until_done(job_id)

    def _media_option(self, pdf: bytes) -> str:
        if self.paper == "A4":
            return "media=A4"
        match = _MEDIA_BOX.search(pdf)
        if match is None:
            return "media=Custom.80x200mm"
        width, height = (math.ceil(float(value)) for value in match.groups())
        return f"media=Custom.{width}x{height}"

    def _submit(self, pdf: bytes, *, title: str) -> str:
        result = self._run(
            "lp", "-d", self.queue_name, "-t", title, "-o", self._media_option(pdf), "-", stdin=pdf
        )
        match = _JOB_ID.search(result.stdout)
        if result.returncode != 0 or match is None:
            raise PrinterOfflineError(
                f"CUPS 不接受打印任务：{result.stderr.strip() or result.stdout.strip()}",
                f"CUPS refused the print job: {result.stderr.strip() or result.stdout.strip()}",
            )
        return match.group(1)

    def _wait_until_done(self, job_id: str) -> None:
        deadline = time.monotonic() + self.completion_timeout_s
        while job_id in self._unfinished_jobs():
            problem = error_for_status(self.status())
            if problem is None and time.monotonic() > deadline:
                problem = PrinterOfflineError(
                    f"打印机在 {self.completion_timeout_s:.0f} 秒内没有打完回执",
                    f"The printer did not finish the receipt within {self.completion_timeout_s:.0f} s",
                )
            if problem is not None:
                self._run("cancel", job_id)
                raise problem
            time.sleep(POLL_INTERVAL_S)

    def _unfinished_jobs(self) -> set[str]:
        result = self._run("lpstat", "-W", "not-completed", "-o", self.queue_name)
        return {line.split()[0] for line in result.stdout.splitlines() if line.strip()}

    # -- running the clients --------------------------------------------------------------------------
    def _run(self, program: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
        command: Sequence[str] = [program, *(["-h", self.server] if self.server else []), *args]
        try:
            result = subprocess.run(
                command,
                input=stdin,
                capture_output=True,
                timeout=self.timeout_s,
                env={**os.environ, "LC_ALL": "C"},
                check=False,
            )
        except FileNotFoundError:
            raise PrinterNotFoundError(
                f"未安装 CUPS 客户端程序 {program}（Debian 软件包 cups-client）",
                f"The CUPS client program {program} is not installed (Debian package cups-client)",
            ) from None
        except subprocess.TimeoutExpired:
            raise _cups_not_answering(self.timeout_s) from None
        return subprocess.CompletedProcess(
            command,
            result.returncode,
            result.stdout.decode("utf-8", "replace"),
            result.stderr.decode("utf-8", "replace"),
        )


def _cups_down() -> PrinterStatus:
    return PrinterStatus(
        online=False,
        error_zh="CUPS 打印服务没有运行",
        error_en="The CUPS print service is not running",
    )


def _cups_not_answering(timeout_s: float) -> PrinterError:
    return PrinterOfflineError(
        f"CUPS 打印服务在 {timeout_s:.0f} 秒内没有应答",
        f"The CUPS print service did not answer within {timeout_s:.0f} s",
    )


def _status_from_lpstat(text: str) -> PrinterStatus:
    """Parse `LC_ALL=C lpstat -l -p QUEUE`: the first line says enabled or disabled, "Alerts:" the reasons."""
    first = text.splitlines()[0] if text else ""
    alerts = next(
        (line.split(":", 1)[1] for line in text.splitlines() if line.strip().startswith("Alerts:")), ""
    )
    reasons = alerts.split()
    return PrinterStatus.from_flags(
        online=" disabled " not in f" {first} ",
        paper_out=any(reason.startswith(_PAPER_OUT_REASONS) for reason in reasons),
        cover_open=any(reason.startswith(_COVER_OPEN_REASONS) for reason in reasons),
        paper_near_end=any(reason.startswith("media-low") for reason in reasons),
    )
