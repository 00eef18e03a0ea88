"""Pure receipt (收件回执, the paper of a submission; 受理 is the department's later decision) model: frozen data plus the logical blocks that every renderer draws from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "DEFAULT_FOOTER",
    "DEFAULT_TITLE_EN",
    "DEFAULT_TITLE_ZH",
    "MAX_QR_PAYLOAD",
    "Block",
    "Field",
    "Footer",
    "Heading",
    "QrCode",
    "Receipt",
    "Row",
    "Rule",
    "Subheading",
    "format_filing_number",
]

DEFAULT_TITLE_ZH = "收件回执"
DEFAULT_TITLE_EN = "Receipt of submission"
DEFAULT_FOOTER = (
    "本回执证明您已在本终端提交申请",
    "不代表已受理，是否受理以承办部门通知为准",
    "This receipt proves that you submitted the application here; the department decides whether to accept it",
    "请妥善保管本回执",
    "在本终端扫码或到服务窗口查询办理进度",
    "Keep this receipt. Scan it at this terminal or ask at the service desk to check progress",
)
MAX_QR_PAYLOAD = 160
"""Longest QR payload accepted, in ASCII characters (a 144-character signed voucher in the alphanumeric
set is QR version 6 at error correction M: 41 modules)."""

TIME_FORMAT = "%Y-%m-%d %H:%M"

_FILING_NUMBER = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
_FILING_SEPARATORS = re.compile(r"[\s-]")


def format_filing_number(code: str) -> str:
    """Format a 12-character voucher code as XXXX-XXXX-XXXX (spaces and hyphens ignored, upper-cased)."""
    raw = _FILING_SEPARATORS.sub("", code).upper()
    formatted = f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"
    if len(raw) != 12 or not _FILING_NUMBER.fullmatch(formatted):
        raise ValueError(f"voucher code must be 12 ASCII letters or digits, got {code!r}")
    return formatted


@dataclass(frozen=True, slots=True)
class Row:
    """One line of applicant data; the value arrives already masked."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Subheading:
    """A centred line above the heading (the service centre's name)."""

    text: str

    def strings(self) -> tuple[str, ...]:
        """Return the texts this block draws."""
        return (self.text,)


@dataclass(frozen=True, slots=True)
class Heading:
    """The large centred title, Chinese first with its English line below."""

    zh: str
    en: str = ""

    def strings(self) -> tuple[str, ...]:
        """Return the texts this block draws."""
        return (self.zh, self.en)


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal separator line."""

    def strings(self) -> tuple[str, ...]:
        """Return the texts this block draws."""
        return ()


@dataclass(frozen=True, slots=True)
class Field:
    """A key-value row; optional English lines go under the label and the value in a smaller size."""

    label: str
    value: str
    label_en: str = ""
    value_en: str = ""
    emphasis: bool = False

    def strings(self) -> tuple[str, ...]:
        """Return the texts this block draws."""
        return (self.label, self.value, self.label_en, self.value_en)


@dataclass(frozen=True, slots=True)
class QrCode:
    """A centred QR code (error correction M, 4-module quiet zone) with an optional caption below."""

    payload: str
    caption: str = ""

    def strings(self) -> tuple[str, ...]:
        """Return the texts this block draws (the payload is encoded, not drawn as text)."""
        return (self.caption,)


@dataclass(frozen=True, slots=True)
class Footer:
    """A small centred paragraph at the bottom."""

    text: str

    def strings(self) -> tuple[str, ...]:
        """Return the texts this block draws."""
        return (self.text,)


Block = Subheading | Heading | Rule | Field | QrCode | Footer


@dataclass(frozen=True, kw_only=True)
class Receipt:
    """Everything printed on a 收件回执; validated on construction, rendered by printing.pdf (or ESC/POS)."""

    centre_name: str
    filing_number: str
    service_name_zh: str
    service_name_en: str = ""
    lines: tuple[Row, ...] = ()
    time: datetime
    terminal_id: str
    time_limit: str
    qr_payload: str
    department_zh: str = ""
    department_en: str = ""
    promised_by: str = ""
    """The promised date in words ("最迟 2026-12-14"), printed after the time limit; empty when there is none."""
    collection: str = ""
    collect_with: str = ""
    contact_phone: str = ""
    """The centre's phone, printed as 咨询电话; empty when the centre has none configured."""
    contact_note: str = ""
    contact_note_en: str = ""
    """Where to ask instead, printed as 咨询 when there is no contact_phone (never a made-up number)."""
    title_zh: str = DEFAULT_TITLE_ZH
    title_en: str = DEFAULT_TITLE_EN
    footer: tuple[str, ...] = DEFAULT_FOOTER

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
        object.__setattr__(self, "footer", tuple(self.footer))
        for name in ("centre_name", "service_name_zh", "terminal_id", "time_limit", "title_zh"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"{name} must not be empty")
        if not _FILING_NUMBER.fullmatch(self.filing_number):
            raise ValueError(f"filing_number must look like XXXX-XXXX-XXXX, got {self.filing_number!r}")
        if not isinstance(self.time, datetime):
            raise TypeError(f"time must be a datetime, got {type(self.time).__name__}")
        if not all(isinstance(row, Row) for row in self.lines):
            raise TypeError("lines must be Row instances")
        _check_qr_payload(self.qr_payload)

    @property
    def time_text(self) -> str:
        """Return the time as local time, e.g. 2026-11-22 14:05 (a naive datetime is taken as local)."""
        local = self.time.astimezone() if self.time.tzinfo is not None else self.time
        return local.strftime(TIME_FORMAT)

    def blocks(self) -> Iterator[Block]:
        """Yield the receipt's logical blocks in print order."""
        yield Subheading(self.centre_name)
        yield Heading(self.title_zh, self.title_en)
        yield Rule()
        yield Field("凭证号", self.filing_number, label_en="Voucher", emphasis=True)
        yield Field("办理事项", self.service_name_zh, label_en="Service", value_en=self.service_name_en)
        if self.department_zh:
            yield Field("承办部门", self.department_zh, label_en="Department", value_en=self.department_en)
        for row in self.lines:
            yield Field(row.label, row.value)
        yield Field("提交时间", self.time_text, label_en="Submitted")
        yield Field("终端编号", self.terminal_id, label_en="Terminal")
        promised = f"{self.time_limit}（{self.promised_by}）" if self.promised_by else self.time_limit
        yield Field("承诺时限", promised, label_en="Promised")
        if self.collection:
            yield Field("领取方式", self.collection, label_en="Collect")
        if self.collect_with:
            yield Field("领取时携带", self.collect_with, label_en="Bring")
        if self.contact_phone:
            yield Field("咨询电话", self.contact_phone, label_en="Phone")
        elif self.contact_note:
            yield Field("咨询", self.contact_note, label_en="Questions", value_en=self.contact_note_en)
        yield Rule()
        yield QrCode(self.qr_payload, caption=self.filing_number)
        for text in self.footer:
            yield Footer(text)

    def drawn_text(self) -> str:
        """Return every text the receipt draws, one per line (for glyph and printer-encoding checks)."""
        return "\n".join(s for block in self.blocks() for s in block.strings() if s)


def _check_qr_payload(payload: str) -> None:
    if not payload:
        raise ValueError("qr_payload must not be empty")
    if not (payload.isascii() and payload.isprintable()):
        raise ValueError(f"qr_payload must be printable ASCII, got {payload!r}")
    if len(payload) > MAX_QR_PAYLOAD:
        raise ValueError(f"qr_payload is {len(payload)} characters; at most {MAX_QR_PAYLOAD} fit")
