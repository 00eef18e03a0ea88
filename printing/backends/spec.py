"""Parse the one `printer` setting, e.g. "cups:Receipt" or "escpos-tcp:192.0.2.7:9100" (no device opened).

    simulated                          in-process simulated thermal printer (ESC/POS, no hardware)
    file | file:DIR                    80 mm PDF files in DIR (default: the caller's folder)
    file-escpos | file-escpos:DIR      raw ESC/POS byte files in DIR
    cups:QUEUE | cups-a4:QUEUE         a CUPS queue, 80 mm roll or A4 sheets
    escpos-tcp:HOST[:PORT]             network thermal printer, raw TCP (port 9100 by default)
    escpos-serial:DEVICE[:BAUD]        serial thermal printer (19200 baud by default)
    escpos-usb[:DEVICE]                USB thermal printer through usblp (/dev/usb/lp0 by default)

Parsing is pure: a bad value raises PrinterSettingError (Chinese and English) before anything is opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from printing.backends.errors import PrinterSettingError

__all__ = [
    "PRINTER_CHARSETS",
    "SERIAL_BAUDRATES",
    "PrinterSpec",
    "check_printer_charset",
    "parse_printer_setting",
]

SERIAL_BAUDRATES = (9600, 19200, 38400, 57600, 115200)
"""Baud rates receipt printers offer (set by DIP switches or the printer's own utility)."""
PRINTER_CHARSETS = ("GB2312", "GBK", "GB18030")
"""Character sets of Chinese printer fonts that the ESC/POS renderer can target."""

_QUEUE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,126}")
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")
_EXAMPLES = "simulated, file:/path, cups:QUEUE, cups-a4:QUEUE, escpos-tcp:HOST:9100, escpos-serial:/dev/ttyS0:19200, escpos-usb:/dev/usb/lp0"


@dataclass(frozen=True, slots=True)
class PrinterSpec:
    """A parsed `printer` setting: the kind, where (queue, host, device or folder) and a port or baud rate."""

    kind: str
    target: str = ""
    number: int | None = None


def _bad(value: str, zh_reason: str, en_reason: str) -> PrinterSettingError:
    return PrinterSettingError(
        f"打印机设置 printer = {value!r} 无效：{zh_reason}。可用的写法：{_EXAMPLES}",
        f"The printer setting printer = {value!r} is not valid: {en_reason}. Valid forms: {_EXAMPLES}",
    )


def _number(value: str, text: str, *, what_zh: str, what_en: str) -> int:
    if not text.isdigit():
        raise _bad(value, f"{what_zh}应为数字", f"the {what_en} must be a number")
    return int(text)


def _parse_simulated(value: str, kind: str, rest: str) -> PrinterSpec:
    if rest:
        raise _bad(value, "simulated 后面不能有参数", "simulated takes no parameters")
    return PrinterSpec(kind)


def _parse_file(value: str, kind: str, rest: str) -> PrinterSpec:
    if rest and not Path(rest).is_absolute():
        raise _bad(value, "文件夹应为绝对路径", "the folder must be an absolute path")
    return PrinterSpec(kind, rest)


def _parse_cups(value: str, kind: str, rest: str) -> PrinterSpec:
    if not _QUEUE_NAME.fullmatch(rest):
        raise _bad(
            value,
            "CUPS 队列名只能含字母、数字和 _ . @ + -",
            "a CUPS queue name has letters, digits and _ . @ + - only",
        )
    return PrinterSpec(kind, rest)


def _parse_tcp(value: str, kind: str, rest: str) -> PrinterSpec:
    host, _, port_text = rest.partition(":")
    if not _HOST.fullmatch(host):
        raise _bad(value, "缺少打印机的主机名或 IP 地址", "the printer's host name or IP address is missing")
    port = _number(value, port_text, what_zh="端口", what_en="port") if port_text else 9100
    if not 1 <= port <= 65535:
        raise _bad(value, "端口应在 1 到 65535 之间", "the port must be between 1 and 65535")
    return PrinterSpec(kind, host, port)


def _check_device(value: str, device: str) -> None:
    if not device.startswith("/dev/"):
        raise _bad(value, "设备应为 /dev/ 下的路径", "the device must be a path under /dev/")


def _parse_serial(value: str, kind: str, rest: str) -> PrinterSpec:
    device, _, baud_text = rest.partition(":")
    _check_device(value, device)
    baud = _number(value, baud_text, what_zh="波特率", what_en="baud rate") if baud_text else 19200
    if baud not in SERIAL_BAUDRATES:
        rates = ", ".join(map(str, SERIAL_BAUDRATES))
        raise _bad(value, f"波特率应为 {rates} 之一", f"the baud rate must be one of {rates}")
    return PrinterSpec(kind, device, baud)


def _parse_usb(value: str, kind: str, rest: str) -> PrinterSpec:
    device = rest or "/dev/usb/lp0"
    _check_device(value, device)
    return PrinterSpec(kind, device)


_PARSERS = {
    "simulated": _parse_simulated,
    "file": _parse_file,
    "file-escpos": _parse_file,
    "cups": _parse_cups,
    "cups-a4": _parse_cups,
    "escpos-tcp": _parse_tcp,
    "escpos-serial": _parse_serial,
    "escpos-usb": _parse_usb,
}


def parse_printer_setting(value: str) -> PrinterSpec:
    """Parse and check a `printer` setting; raise PrinterSettingError with both languages when it is bad."""
    kind, _, rest = value.strip().partition(":")
    parser = _PARSERS.get(kind)
    if parser is None:
        raise _bad(value, f"未知的打印机类型 {kind!r}", f"unknown printer kind {kind!r}")
    return parser(value, kind, rest)


def check_printer_charset(charset: str) -> str:
    """The charset in upper case; raise PrinterSettingError unless the renderer supports it."""
    upper = charset.strip().upper()
    if upper not in PRINTER_CHARSETS:
        raise PrinterSettingError(
            f"printer_charset 应为 {'、'.join(PRINTER_CHARSETS)} 之一，而不是 {charset!r}",
            f"printer_charset must be one of {', '.join(PRINTER_CHARSETS)}, not {charset!r}",
        )
    return upper
