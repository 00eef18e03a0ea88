"""`kiosk-admin set-pin`: set the technician PIN, typed twice without echo or read from stdin for scripts."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from kiosk.domain.errors import KioskError
from kiosk.domain.staff_pin import check_new_pin
from kiosk.services.runtime import KioskRuntime
from kiosk.services.technician import set_technician_pin

Opener = Callable[[], KioskRuntime]


def _pin_from_terminal() -> str:
    try:
        first = check_new_pin(getpass.getpass("新的技术员密码 / new technician PIN (6-12 digits): "))
        second = getpass.getpass("再输入一次 / type it again: ")
    except (EOFError, KeyboardInterrupt):
        raise KioskError("已取消，密码未改变", "Cancelled; the PIN is unchanged") from None
    if first != second:
        raise KioskError("两次输入的密码不一致，密码未改变", "The two PINs differ; the PIN is unchanged")
    return first


def _pin_from_stdin() -> str:
    line = sys.stdin.readline()
    if not line.strip():
        raise KioskError("标准输入中没有密码", "No PIN on standard input")
    return line.rstrip("\r\n")


def add_technician_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], open_kiosk: Opener
) -> None:
    """Register set-pin; `open_kiosk` opens the kiosk with logging to its file."""

    def run_set_pin(args: argparse.Namespace) -> int:
        pin = _pin_from_stdin() if args.pin_stdin else _pin_from_terminal()
        kiosk = open_kiosk()
        try:
            set_technician_pin(kiosk, pin)
        finally:
            kiosk.close()
        print("技术员密码已设置 / technician PIN set")
        return 0

    set_pin = sub.add_parser(
        "set-pin", help="set the technician PIN that guards the technician exit (asked twice, not echoed)"
    )
    set_pin.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from the first line of standard input (scripts)",
    )
    set_pin.set_defaults(run=run_set_pin)
