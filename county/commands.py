"""Operator commands of ``county-server`` that read or change the database (not ``serve``)."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, get_origin

from pydantic import ValidationError
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from county.body import JsonError, parse_json
from county.catalog import CatalogError, publish_catalog
from county.clock import utc_now
from county.config import COUNTY_OWNED, update_config
from county.db import create_county_engine, read_only
from county.devices import iter_devices, revoke_device
from county.enrolment import issue_code
from county.migrate import SchemaTooNewError, is_current, upgrade_to_head
from county.sealing import sealing_public_key
from county.statuses import UnknownFilingError, set_status
from county.transactions import in_transaction
from county.vouchers import REFUSALS, check_voucher, revoke_voucher
from sync.protocol import CountyConfig, VoucherPayloadError, describe_validation_error

MAX_TTL_MINUTES = 7 * 24 * 60
MAX_SITE_LENGTH = 100


class CliError(Exception):
    """A refusal to print as ``county-server: <zh> / <en>`` with an exit code."""

    def __init__(self, exit_code: int, *, zh: str, en: str) -> None:
        """Keep the exit code and both messages."""
        super().__init__(en)
        self.exit_code = exit_code
        self.zh = zh
        self.en = en


def report(zh: str, en: str) -> None:
    """Print a bilingual note for the operator on stderr."""
    print(f"county-server: {zh} / {en}", file=sys.stderr)


def invalid_url() -> CliError:
    """Exit 2: the database URL cannot be parsed."""
    return CliError(2, zh="数据库地址无效", en="invalid database URL")


@contextmanager
def open_database(
    database_url: str, *, create: bool = False, require_current: bool = True
) -> Iterator[Engine]:
    """An engine on the database (an SQLite file must exist unless ``create``), at head if ``require_current``."""
    try:
        url = make_url(database_url)
    except ArgumentError:
        raise invalid_url() from None
    if url.get_backend_name() == "sqlite" and url.database and not create and not Path(url.database).exists():
        raise CliError(1, zh=f"数据库不存在：{url.database}", en=f"no database at {url.database}")
    try:
        engine = create_county_engine(url.render_as_string(hide_password=False))
    except ArgumentError:
        raise invalid_url() from None
    try:
        if require_current and not is_current(engine):
            raise CliError(
                1,
                zh="数据库架构不是当前版本，请先运行 county-server migrate",
                en="the database schema is not current; run county-server migrate first",
            )
        yield engine
    finally:
        engine.dispose()


def run_in_transaction(database_url: str, work: Any) -> Any:
    """Run ``work(session)`` in one transaction on the database at ``database_url``."""
    with open_database(database_url) as engine:
        return in_transaction(sessionmaker(engine, expire_on_commit=False), work)


def _invalid(error: ValidationError, *, what_zh: str, what_en: str) -> CliError:
    """Exit 2 for a value the protocol models refuse."""
    return CliError(2, zh=f"{what_zh}无效", en=f"invalid {what_en}: {describe_validation_error(error)}")


def migrate(args: argparse.Namespace) -> int:
    """Bring the database to the newest schema (creating an SQLite file if needed)."""
    with open_database(args.database, create=True, require_current=False) as engine:
        try:
            revision = upgrade_to_head(engine)
        except SchemaTooNewError as error:
            raise CliError(1, zh=error.zh, en=error.en) from None
    print(f"county database at schema revision {revision}")
    return 0


def enrolment_code(args: argparse.Namespace) -> int:
    """Print a new one-time enrolment code for a site (and nothing else on stdout)."""
    site = args.site.strip()
    if not site or len(site) > MAX_SITE_LENGTH or any(unicodedata.category(ch) == "Cc" for ch in site):
        raise CliError(2, zh="站点名称无效（1 至 100 个字符）", en="invalid site name (1 to 100 characters)")
    if not 1 <= args.ttl_minutes <= MAX_TTL_MINUTES:
        raise CliError(2, zh="有效期应为 1 至 10080 分钟", en="--ttl-minutes must be 1 to 10080")
    ttl = timedelta(minutes=args.ttl_minutes)
    code = run_in_transaction(
        args.database, lambda session: issue_code(session, site=site, ttl=ttl, now=utc_now())
    )
    print(code, flush=True)
    return 0


def revoke_device_command(args: argparse.Namespace) -> int:
    """Shut a device out: its later signed requests get 403 device_revoked."""
    revoked = run_in_transaction(
        args.database, lambda session: revoke_device(session, device_id=args.device_id, now=utc_now())
    )
    if revoked is None:
        raise CliError(1, zh=f"未知的终端：{args.device_id}", en=f"unknown device: {args.device_id}")
    if revoked:
        report(f"终端已停用：{args.device_id}", f"device revoked: {args.device_id}")
    else:
        report(f"终端此前已停用：{args.device_id}", f"device was already revoked: {args.device_id}")
    return 0


def set_status_command(args: argparse.Namespace) -> int:
    """Set a filing's status; the device that pushed the filing pulls it as a filing_status change."""

    def work(session: Session) -> int:
        """Set the status in the command's transaction."""
        return set_status(
            session, filing_id=args.filing_id, status=args.status, note=args.note, now=utc_now()
        )

    try:
        run_in_transaction(args.database, work)
    except UnknownFilingError:
        raise CliError(
            1, zh=f"未知的办件：{args.filing_id}", en=f"unknown filing: {args.filing_id}"
        ) from None
    except ValidationError as error:
        raise _invalid(error, what_zh="状态或备注", what_en="status or note") from None
    report(f"办件状态已更新：{args.status}", f"filing status set: {args.status}")
    return 0


def publish_catalog_command(args: argparse.Namespace) -> int:
    """Publish a catalog document to every kiosk."""
    try:
        document = parse_json(Path(args.file).read_bytes())
    except OSError as error:
        raise CliError(
            1, zh=f"无法读取文件：{args.file}", en=f"cannot read {args.file}: {error.strerror}"
        ) from None
    except JsonError as error:
        raise CliError(2, zh="目录文件不是有效的 JSON", en=f"the catalog file {error}") from None
    try:
        run_in_transaction(args.database, lambda session: publish_catalog(session, document, now=utc_now()))
    except CatalogError as error:
        raise CliError(2, zh=error.zh, en=error.en) from None
    report(f"目录已发布：{document['catalog_version']}", f"catalog published: {document['catalog_version']}")
    return 0


def _parse_setting(pair: str) -> tuple[str, Any]:
    """``KEY=VALUE`` as a CountyConfig field name and a value of the field's type (a list: comma-separated)."""
    key, separator, text = pair.partition("=")
    key = key.strip()
    fields = {name: info for name, info in CountyConfig.model_fields.items() if name not in COUNTY_OWNED}
    if not separator or key not in fields:
        known = ", ".join(sorted(fields))
        raise CliError(
            2, zh=f"未知的设置项：{key}（可用：{known}）", en=f"unknown setting {key!r} (known: {known})"
        )
    if fields[key].annotation is int:
        try:
            return key, int(text.strip())
        except ValueError:
            raise CliError(2, zh=f"{key} 必须是整数", en=f"{key} must be an integer") from None
    if get_origin(fields[key].annotation) is list:  # e.g. consent_methods=signature,paper_photo
        return key, list(dict.fromkeys(item.strip() for item in text.split(",") if item.strip()))
    return key, text


def set_config_command(args: argparse.Namespace) -> int:
    """Update CountyConfig fields; print the new config as JSON; kiosks pull it as a config change."""
    updates = dict(_parse_setting(pair) for pair in args.settings)
    try:
        config = run_in_transaction(
            args.database, lambda session: update_config(session, updates, now=utc_now())
        )
    except ValidationError as error:
        raise _invalid(error, what_zh="设置值", what_en="setting") from None
    print(json.dumps(config.model_dump(mode="json"), ensure_ascii=False, sort_keys=True), flush=True)
    return 0


def sealing_key_command(args: argparse.Namespace) -> int:
    """Print the county's X25519 public key (CountyConfig.sealing_public_key), making the pair if needed."""
    print(run_in_transaction(args.database, sealing_public_key), flush=True)
    return 0


def revoke_voucher_command(args: argparse.Namespace) -> int:
    """Tell every kiosk that a voucher was revoked."""
    try:
        run_in_transaction(
            args.database,
            lambda session: revoke_voucher(session, code=args.code, reason=args.reason, now=utc_now()),
        )
    except ValidationError as error:
        raise _invalid(error, what_zh="凭证码或原因", what_en="voucher code or reason") from None
    report("凭证已撤销", "voucher revoked")
    return 0


def verify_voucher_command(args: argparse.Namespace) -> int:
    """Check a scanned voucher payload offline against the enrolled kiosks' keys; print what is known."""
    with open_database(args.database) as engine, Session(read_only(engine)) as session:
        try:
            verdict = check_voucher(session, args.payload)
        except VoucherPayloadError:
            raise CliError(
                1,
                zh="这不是本县的凭证二维码内容（或已损坏）",
                en="not a voucher payload of this county (or damaged)",
            ) from None
    sys.stdout.write(json.dumps(verdict, ensure_ascii=False, sort_keys=True) + "\n")
    if not verdict["valid"]:
        zh, en = REFUSALS[verdict["reason"]]
        raise CliError(1, zh=zh, en=en)
    return 0


def print_json_lines(database_url: str, rows_of: Any) -> int:
    """Print ``rows_of(session)`` (dicts) as JSON lines, read in a read-only session."""
    with open_database(database_url) as engine, Session(read_only(engine)) as session:
        for row in rows_of(session):
            sys.stdout.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    sys.stdout.flush()
    return 0


def list_devices(args: argparse.Namespace) -> int:
    """Print every device (with its latest heartbeat) as JSON lines."""
    return print_json_lines(args.database, iter_devices)
