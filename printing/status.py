"""A receipt printer's condition as the kiosk needs it: can it print, and if not, why (in Chinese and English)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PrinterStatus"]

_PAPER_OUT = (
    "打印机缺纸，请联系工作人员更换纸卷",
    "The printer is out of paper; ask staff to load a new roll",
)
_COVER_OPEN = ("打印机纸仓盖未关好", "The printer cover is open")
_FAULT = (
    "打印机故障（如切刀卡纸或打印头过热）",
    "The printer reports an error (cutter jam or overheated head)",
)
_OFFLINE = ("打印机离线", "The printer is offline")


@dataclass(frozen=True, slots=True, kw_only=True)
class PrinterStatus:
    """What the printer reports; error_zh/error_en say why it cannot print and are empty when it can."""

    online: bool
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    fault: bool = False
    error_zh: str = ""
    error_en: str = ""

    @property
    def ready(self) -> bool:
        """True when a receipt sent now would be printed at once."""
        return self.online and not (self.cover_open or self.paper_out or self.fault)

    @classmethod
    def from_flags(
        cls,
        *,
        online: bool,
        cover_open: bool = False,
        paper_out: bool = False,
        paper_near_end: bool = False,
        fault: bool = False,
    ) -> PrinterStatus:
        """Build a status whose bilingual error text names every reason the printer cannot print."""
        reasons = [
            text
            for flag, text in (
                (paper_out, _PAPER_OUT),
                (cover_open, _COVER_OPEN),
                (fault, _FAULT),
                (not online and not (paper_out or cover_open or fault), _OFFLINE),
            )
            if flag
        ]
        return cls(
            online=online,
            cover_open=cover_open,
            paper_out=paper_out,
            paper_near_end=paper_near_end or paper_out,
            fault=fault,
            error_zh="；".join(zh for zh, _ in reasons),
            error_en="; ".join(en for _, en in reasons),
        )
