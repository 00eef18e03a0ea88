"""``county-server helper add | reset-pin | revoke | card | list``: the county's village helpers (county.helpers)."""

from __future__ import annotations

import argparse
from typing import Any

from county.clock import utc_now
from county.commands import CliError, print_json_lines, report, run_in_transaction
from county.helpers import HelperError, add_helper, list_helpers, reset_pin, revoke_helper


def _refused(error: HelperError) -> CliError:
    """Exit 1 for an unknown or revoked helper, 2 for a value that cannot be used."""
    return CliError(
        1 if error.reason in ("unknown_helper", "helper_revoked") else 2, zh=error.zh, en=error.en
    )


def _print_code(code: str, *, staff_no: str) -> int:
    """The set-up code alone on stdout; what to do with it on stderr."""
    print(code, flush=True)
    report(
        f"请将设置码交给帮办员 {staff_no}：7 天内在本站点终端的“工作人员”入口输入工号和设置码，设置自己的密码",
        f"give the code to helper {staff_no}: within 7 days they type staff number and code at a kiosk of "
        "their site (Staff entry) and choose their PIN",
    )
    return 0


def helper_add(args: argparse.Namespace) -> int:
    """Create a helper of one or more sites and print their one-time PIN set-up code."""
    try:
        code = run_in_transaction(
            args.database,
            lambda session: add_helper(
                session, staff_no=args.staff_no, name=args.name, sites=args.site, now=utc_now()
            ),
        )
    except HelperError as error:
        raise _refused(error) from None
    return _print_code(code, staff_no=args.staff_no.strip())


def helper_reset_pin(args: argparse.Namespace) -> int:
    """Withdraw a helper's PIN and print a new set-up code."""
    try:
        code = run_in_transaction(
            args.database, lambda session: reset_pin(session, staff_no=args.staff_no, now=utc_now())
        )
    except HelperError as error:
        raise _refused(error) from None
    return _print_code(code, staff_no=args.staff_no.strip())


def helper_revoke(args: argparse.Namespace) -> int:
    """Revoke a helper: refused by every kiosk from its next pull on."""
    try:
        revoked = run_in_transaction(
            args.database, lambda session: revoke_helper(session, staff_no=args.staff_no, now=utc_now())
        )
    except HelperError as error:
        raise _refused(error) from None
    if revoked:
        report(f"帮办员已停用：{args.staff_no}", f"helper revoked: {args.staff_no}")
    else:
        report(f"帮办员此前已停用：{args.staff_no}", f"helper was already revoked: {args.staff_no}")
    return 0


def helper_card(args: argparse.Namespace) -> int:
    """Print the QR payload of a helper's staff card (and write it as a PNG with --png)."""
    from county.staff_cards import issue_staff_card

    try:
        payload = run_in_transaction(
            args.database, lambda session: issue_staff_card(session, staff_no=args.staff_no, now=utc_now())
        )
    except HelperError as error:
        raise _refused(error) from None
    print(payload, flush=True)
    if args.png:
        import qrcode

        qrcode.make(payload, error_correction=qrcode.constants.ERROR_CORRECT_M).save(args.png)
        report(f"工作证二维码已保存：{args.png}", f"staff card QR written to {args.png}")
    return 0


def helper_list(args: argparse.Namespace) -> int:
    """Print every helper as JSON lines (no PIN verifier, no code)."""
    return print_json_lines(args.database, list_helpers)


def add_helper_commands(commands: Any, database_option: Any) -> None:
    """Register ``helper`` and its sub-commands on the ``county-server`` parser."""
    helper = commands.add_parser(
        "helper", help="village helpers (帮办员): add, reset-pin, revoke, card, list"
    )
    actions = helper.add_subparsers(dest="helper_command", required=True)
    add = actions.add_parser("add", help="create a helper and print their one-time PIN set-up code")
    add.add_argument(
        "--site", action="append", required=True, help="a site the helper works for (repeatable)"
    )
    add.add_argument("--name", required=True, help="the helper's name as residents and receipts show it")
    add.add_argument("--staff-no", required=True, help="the helper's staff number (工号)")
    add.set_defaults(handler=helper_add)
    reset = actions.add_parser("reset-pin", help="withdraw a helper's PIN and print a new set-up code")
    reset.add_argument("staff_no", metavar="STAFF_NO")
    reset.set_defaults(handler=helper_reset_pin)
    revoke = actions.add_parser("revoke", help="revoke a helper (refused at every kiosk's next pull)")
    revoke.add_argument("staff_no", metavar="STAFF_NO")
    revoke.set_defaults(handler=helper_revoke)
    card = actions.add_parser("card", help="print the QR payload of a helper's staff card (工作证)")
    card.add_argument("staff_no", metavar="STAFF_NO")
    card.add_argument("--png", help="also write the QR code to this PNG file")
    card.set_defaults(handler=helper_card)
    listing = actions.add_parser("list", help="print every helper as JSON lines")
    listing.set_defaults(handler=helper_list)
    for action in (add, reset, revoke, card, listing):
        database_option(action)
