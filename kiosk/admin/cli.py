"""`kiosk-admin`: settings, queue status and a sync round, for technicians (no Qt)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from db.errors import StoreError
from kiosk.domain.errors import KioskError
from kiosk.logs import configure_logging
from kiosk.services.runtime import open_kiosk
from kiosk.services.status import queue_status
from kiosk.services.sync_now import sync_now
from kiosk.settings import describe_settings, load_settings


def _cmd_settings(_args: argparse.Namespace) -> int:
    settings = load_settings()
    print(f"data_dir = {settings.data_dir}")
    for name, type_name, default, description in describe_settings():
        print(f"{name} ({type_name}) = {getattr(settings, name)!r}   default {default}  — {description}")
    return 0


def _cmd_status(_args: argparse.Namespace) -> int:
    kiosk = open_kiosk(load_settings())
    try:
        status = queue_status(kiosk)
    finally:
        kiosk.close()
    print(f"device: {kiosk.device_id}")
    print(
        f"filings: {status.filings}; outbox pending {status.pending}, sent {status.sent}, rejected {status.rejected}"
    )
    if status.oldest_pending_at:
        print(f"oldest unsent record created at {status.oldest_pending_at}")
    return 0


def _cmd_sync(_args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(
        log_path=settings.log_path,
        level=settings.log_level,
        max_bytes=settings.log_max_bytes,
        backups=settings.log_backups,
    )
    kiosk = open_kiosk(settings)
    try:
        report = sync_now(kiosk)
    finally:
        kiosk.close()
    print(
        f"batches {report.batches}: accepted {report.accepted}, duplicate {report.duplicate}, "
        f"rejected {report.rejected}"
    )
    if report.error:
        print(
            f"同步中断，未发送的记录已保留，稍后自动重试 / Sync stopped; unsent records are kept: {report.error}"
        )
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar."""
    parser = argparse.ArgumentParser(
        prog="kiosk-admin", description="Bianmin Kiosk technician tool 技术员工具"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("settings", help="show every setting and its value").set_defaults(run=_cmd_settings)
    sub.add_parser("status", help="show the local queue").set_defaults(run=_cmd_status)
    sub.add_parser("sync", help="push every pending record to the county server now").set_defaults(
        run=_cmd_sync
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one technician command; bilingual message and exit code 2 on a known problem."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (KioskError, StoreError) as exc:
        print(f"{exc.zh}\n{exc.en}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
