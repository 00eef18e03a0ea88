"""`kiosk-admin`: settings, enrolment, queue, status and a sync round, for technicians (no Qt)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from db.errors import StoreError
from kiosk.admin.printer_commands import add_printer_commands
from kiosk.admin.technician_commands import add_technician_commands
from kiosk.domain.errors import KioskError
from kiosk.logs import configure_logging
from kiosk.services.enrolment import enrol_kiosk
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.status import queue_entries, queue_status
from kiosk.services.sync_round import SyncRoundReport, run_full_round
from kiosk.services.sync_status import sync_overview
from kiosk.settings import Settings, describe_settings, load_settings


def _open_logged() -> KioskRuntime:
    settings = load_settings()
    _log_to_file(settings)
    return open_kiosk(settings)


def _log_to_file(settings: Settings) -> None:
    configure_logging(
        log_path=settings.log_path,
        level=settings.log_level,
        max_bytes=settings.log_max_bytes,
        backups=settings.log_backups,
    )


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
        overview = sync_overview(kiosk)
    finally:
        kiosk.close()
    print(f"device: {kiosk.device_id}")
    print(
        f"filings: {status.filings}; outbox pending {status.pending}, sent {status.sent}, rejected {status.rejected}"
    )
    if status.oldest_pending_at:
        print(f"oldest unsent record created at {status.oldest_pending_at}")
    if not overview.enrolled:
        print("未注册到县级服务器 / not enrolled with a county server (kiosk-admin enrol)")
        return 0
    print(
        f"county server: {overview.server_url} (site {overview.site}); clock skew {overview.clock_skew_s:+.0f} s"
    )
    print(f"catalog {overview.catalog_version}; changes pulled up to {overview.cursor}")
    if overview.halt:
        print(f"同步已停止 / sync halted:\n  {overview.halt[0]}\n  {overview.halt[1]}")
    for channel in overview.channels:
        line = f"{channel.channel}: last success {channel.last_success_at or 'never'}"
        if channel.consecutive_failures:
            line += (
                f", {channel.consecutive_failures} failures in a row, next attempt {channel.next_attempt_at}"
            )
            line += f"\n  last error: {channel.last_error}"
        print(line)
    return 0


def _cmd_queue(_args: argparse.Namespace) -> int:
    kiosk = open_kiosk(load_settings())
    try:
        entries = queue_entries(kiosk)
    finally:
        kiosk.close()
    if not entries:
        print("队列为空 / the queue is empty: every record is on the county server")
        return 0
    for entry in entries:
        print(
            f"{entry.created_at}  {entry.kind:<7} {entry.record_id}  {entry.state:<9} attempts {entry.attempts}"
        )
        if entry.reason:
            print(f"    {entry.reason}")
    counts = {
        state: sum(1 for e in entries if e.state == state) for state in ("pending", "in_flight", "rejected")
    }
    print(
        f"pending {counts['pending']}, in flight {counts['in_flight']}, quarantined (rejected) {counts['rejected']}"
    )
    return 0


def _cmd_enrol(args: argparse.Namespace) -> int:
    kiosk = _open_logged()
    try:
        server = args.server or kiosk.settings.server_url
        if not server:
            raise KioskError(
                "请用 --server 给出县级服务器地址", "Give the county server address with --server"
            )
        summary = enrol_kiosk(kiosk, server_url=server, code=args.code)
    finally:
        kiosk.close()
    print(
        f"注册成功 / enrolled: device {summary.device_id}, site {summary.site}, server {summary.server_url}"
    )
    if summary.county_name:
        print(f"county: {summary.county_name}")
    print(f"clock skew {summary.clock_skew_s:+.0f} s")
    return 0


def describe_round(report: SyncRoundReport) -> list[str]:
    """Human lines for one round (no personal data)."""
    lines = []
    if report.recovered:
        lines.append(f"recovered {report.recovered} records left in flight")
    if report.attachments is not None:
        a = report.attachments
        lines.append(
            f"attachments: {a.completed} completed, {a.bytes_sent} bytes sent, {a.restarted} restarted, "
            f"{len(a.missing)} missing locally"
        )
    if report.push is not None:
        p = report.push
        lines.append(
            f"push: batches {p.batches}: accepted {p.accepted}, duplicate {p.duplicate}, rejected {p.rejected}"
        )
        lines.extend(f"  rejected (quarantined): {record_id}" for record_id in p.rejected_ids)
    if report.pull is not None:
        lines.append(
            f"pull: {report.pull.pages} pages, {report.pull.applied} changes applied, "
            f"{len(report.pull.refused)} refused; cursor {report.pull.cursor}"
        )
        for refused in report.pull.refused:
            lines.append(
                f"  change {refused.seq} ({refused.type}) refused:\n    {refused.zh}\n    {refused.en}"
            )
    lines.append(f"heartbeat: {'sent' if report.heartbeat_sent else 'not sent'}")
    if report.retention is not None and report.retention.removed:
        removed = ", ".join(f"{count} {what}" for what, count in sorted(report.retention.counts.items()))
        lines.append(f"personal data removed after retention: {removed}")
    lines.append(f"clock skew {report.clock_skew_s:+.0f} s")
    for channel, failure in report.failures.items():
        lines.append(f"{channel} failed: {failure.zh}\n  {failure.en}\n  ({failure.detail})")
    if report.halt is not None:
        lines.append(f"同步已停止 / sync halted:\n  {report.halt.zh}\n  {report.halt.en}")
    return lines


def _cmd_sync(_args: argparse.Namespace) -> int:
    kiosk = _open_logged()
    try:
        report = run_full_round(kiosk)
    finally:
        kiosk.close()
    print("\n".join(describe_round(report)))
    if not report.ok:
        print("未发送的记录已安全保留 / unsent records are kept safely")
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar."""
    parser = argparse.ArgumentParser(
        prog="kiosk-admin", description="Bianmin Kiosk technician tool 技术员工具"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("settings", help="show every setting and its value").set_defaults(run=_cmd_settings)
    sub.add_parser("status", help="show the local queue and the health of sync").set_defaults(run=_cmd_status)
    sub.add_parser(
        "queue", help="list pending, in-flight and quarantined records with their reasons"
    ).set_defaults(run=_cmd_queue)
    enrol = sub.add_parser("enrol", help="enrol this kiosk with the county server using a one-time code")
    enrol.add_argument("--server", help="county server URL (default: the server_url setting)")
    enrol.add_argument("--code", required=True, help="one-time enrolment code, e.g. ABCD-EFGH-JKMN")
    enrol.set_defaults(run=_cmd_enrol)
    sub.add_parser("sync", help="one full sync round now: attachments, push, pull, heartbeat").set_defaults(
        run=_cmd_sync
    )
    add_printer_commands(sub, _open_logged)
    add_technician_commands(sub, _open_logged)
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
