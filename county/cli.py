"""``county-server`` command line: serve, migrate, operator commands, list-records, attachment, openapi."""

from __future__ import annotations

import argparse
import copy
import io
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import platformdirs
from sqlalchemy.exc import ArgumentError, OperationalError

from county import commands as county_commands
from county.attachment_commands import add_attachment_command
from county.commands import CliError, open_database, report
from county.db import create_county_engine
from county.helper_commands import add_helper_commands
from county.migrate import SchemaTooNewError, upgrade_to_head
from sync.protocol import PAYLOAD_MODELS

DATABASE_ENV = "BIANMIN_COUNTY_DATABASE_URL"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8700


def default_database_url() -> str:
    """Return ``$BIANMIN_COUNTY_DATABASE_URL`` or the per-user SQLite file."""
    from_env = os.environ.get(DATABASE_ENV, "").strip()
    if from_env:
        return from_env
    return f"sqlite:///{Path(platformdirs.user_data_dir('bianmin-county')) / 'county.db'}"


def _log_config() -> dict[str, Any]:
    """Uvicorn's logging config with everything on stderr (stdout carries only the ready line)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["loggers"]["county"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    config["loggers"]["alembic"] = {"handlers": ["default"], "level": "WARNING", "propagate": False}
    return config


def _bind(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port`` (port 0 picks a free port)."""
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _name, address = info[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
        sock.set_inheritable(True)
    except OSError:
        sock.close()
        raise
    return sock


def _exit_on_signal(signum: int, _frame: FrameType | None) -> None:
    """Leave quietly on SIGTERM/SIGINT received outside uvicorn's own handlers."""
    raise SystemExit(0)


def _serve(args: argparse.Namespace) -> int:
    """Run the HTTP server until SIGTERM/SIGINT (``--workers`` processes share one listening socket)."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _exit_on_signal)
    try:
        create_county_engine(args.database).dispose()  # loads the dialect; connects to nothing
    except ArgumentError as error:
        report("数据库地址无效", f"invalid database URL: {error}")
        return 2
    if args.workers < 1 or args.threads < 1:
        report("进程数和线程数必须至少为 1", "--workers and --threads must be at least 1")
        return 2
    try:
        sock = _bind(args.host, args.port)
    except OSError as error:
        report(
            f"无法监听 {args.host}:{args.port}", f"cannot listen on {args.host}:{args.port}: {error.strerror}"
        )
        return 2
    try:
        port = sock.getsockname()[1]
        host = f"[{args.host}]" if ":" in args.host else args.host
        if args.workers == 1:
            started = _serve_in_this_process(args, sock, port=port, host=host)
        else:
            started = _serve_with_workers(args, sock, port=port, host=host)
        # uvicorn re-raises a captured signal after shutting down; _exit_on_signal turns it into exit 0.
    finally:
        sock.close()
    return 0 if started else 1


def _uvicorn_config(app: Any, **options: Any) -> Any:
    """The uvicorn settings every serving mode shares."""
    import uvicorn

    return uvicorn.Config(
        app, log_config=_log_config(), lifespan="on", timeout_graceful_shutdown=10, **options
    )


def _serve_in_this_process(args: argparse.Namespace, sock: socket.socket, *, port: int, host: str) -> bool:
    """One process: migrate at start-up (in the app's lifespan), then serve."""
    import uvicorn

    from county.app import create_app

    app = create_app(database_url=args.database, threads=args.threads)
    print(f"county-server listening on http://{host}:{port}", flush=True)
    server = uvicorn.Server(_uvicorn_config(app))
    server.run(sockets=[sock])
    return server.started


def _serve_with_workers(args: argparse.Namespace, sock: socket.socket, *, port: int, host: str) -> bool:
    """Several processes: migrate once here, then uvicorn's supervisor spawns workers on the shared socket."""
    from uvicorn.supervisors import Multiprocess

    from county.app import WORKER_DATABASE_ENV, WORKER_THREADS_ENV

    with open_database(args.database, create=True, require_current=False) as engine:
        try:
            upgrade_to_head(engine)  # once, before any worker starts serving
        except SchemaTooNewError as error:
            raise CliError(2, zh=error.zh, en=error.en) from None
    os.environ[WORKER_DATABASE_ENV] = args.database
    os.environ[WORKER_THREADS_ENV] = str(args.threads)
    config = _uvicorn_config("county.app:app_for_worker", factory=True, workers=args.workers)
    print(f"county-server listening on http://{host}:{port} ({args.workers} workers)", flush=True)
    Multiprocess(config, sockets=[sock]).run()
    return True


def _utf8_stdout() -> None:
    """Make stdout UTF-8 so Chinese text prints on any console locale."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")


def _list_records(args: argparse.Namespace) -> int:
    """Print stored records as JSON lines."""
    from county.db import has_schema, read_only
    from county.helpers import HelperError, checked_staff_no
    from county.records import iter_records

    try:
        helper = checked_staff_no(args.helper) if args.helper is not None else None
    except HelperError as error:
        raise CliError(2, zh=error.zh, en=error.en) from None
    if helper is not None and args.kind not in (None, "filing"):
        raise CliError(2, zh="--helper 只用于列出办件", en="--helper lists filings only")
    with open_database(args.database, require_current=False) as engine:
        reader = read_only(engine)
        if not has_schema(reader):
            raise CliError(1, zh="数据库中没有县级服务器的表", en="database has no county tables")
        for record in iter_records(reader, kind=args.kind, helper_staff_no=helper):
            sys.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        sys.stdout.flush()
    return 0


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI document the server serves at ``/openapi.json``."""
    from county.app import create_app

    return create_app(database_url="sqlite://").openapi()


def _openapi(args: argparse.Namespace) -> int:
    """Print (or write) the OpenAPI JSON."""
    text = json.dumps(openapi_document(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        _utf8_stdout()
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


def _database_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--database URL``."""
    parser.add_argument(
        "--database", help=f"SQLAlchemy database URL (default: ${DATABASE_ENV} or a per-user SQLite file)"
    )


def _add_serve_command(commands: Any) -> None:
    """The ``serve`` subcommand."""
    serve = commands.add_parser("serve", help="migrate the database, then run the HTTP server")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (default 1; up to one per core)",
    )
    serve.add_argument("--threads", type=int, default=4, help="database threads per process (default 4)")
    _database_option(serve)
    serve.set_defaults(handler=_serve)


def _add_list_records_command(commands: Any) -> None:
    """The ``list-records`` subcommand."""
    listing = commands.add_parser("list-records", help="print stored records as JSON lines")
    _database_option(listing)
    listing.add_argument("--kind", choices=list(PAYLOAD_MODELS))
    listing.add_argument(
        "--helper", metavar="STAFF_NO", help="only the assisted filings (帮办) of this helper's staff number"
    )
    listing.set_defaults(handler=_list_records)


def _add_sealing_key_command(commands: Any) -> None:
    """Add ``sealing-key``."""
    sealing = commands.add_parser(
        "sealing-key", help="print the public key helper laptops seal to (made now if the county has none)"
    )
    _database_option(sealing)
    sealing.set_defaults(handler=county_commands.sealing_key_command)


def build_parser() -> argparse.ArgumentParser:
    """Return the ``county-server`` argument parser."""
    parser = argparse.ArgumentParser(prog="county-server", description="Bianmin county sync server.")
    commands = parser.add_subparsers(dest="command", required=True)

    _add_serve_command(commands)

    migrate = commands.add_parser("migrate", help="bring the database schema to the newest revision")
    _database_option(migrate)
    migrate.set_defaults(handler=county_commands.migrate)

    code = commands.add_parser("enrolment-code", help="print a one-time enrolment code for a site")
    code.add_argument("--site", required=True, help="the site (township service centre) the kiosk stands at")
    code.add_argument(
        "--ttl-minutes", type=int, default=60, help="minutes until the code expires (default 60)"
    )
    _database_option(code)
    code.set_defaults(handler=county_commands.enrolment_code)

    revoke = commands.add_parser("revoke-device", help="refuse every later request of a device")
    revoke.add_argument("device_id", metavar="ID")
    _database_option(revoke)
    revoke.set_defaults(handler=county_commands.revoke_device_command)

    status = commands.add_parser(
        "set-status", help="set a filing's status (pulled by the kiosk that filed it)"
    )
    status.add_argument("filing_id", metavar="FILING_ID")
    status.add_argument("status", metavar="STATUS")
    status.add_argument("--note", default="", help="a note shown with the status")
    _database_option(status)
    status.set_defaults(handler=county_commands.set_status_command)

    catalog = commands.add_parser("publish-catalog", help="publish a catalog JSON document to every kiosk")
    catalog.add_argument("file", metavar="FILE")
    _database_option(catalog)
    catalog.set_defaults(handler=county_commands.publish_catalog_command)

    config = commands.add_parser("set-config", help="update the county config pushed to every kiosk")
    config.add_argument("settings", metavar="KEY=VALUE", nargs="+")
    _database_option(config)
    config.set_defaults(handler=county_commands.set_config_command)

    voucher = commands.add_parser("revoke-voucher", help="tell every kiosk that a voucher was revoked")
    voucher.add_argument("code", metavar="CODE")
    voucher.add_argument("--reason", default="", help="why (shown on lookup)")
    _database_option(voucher)
    voucher.set_defaults(handler=county_commands.revoke_voucher_command)

    verify = commands.add_parser("verify-voucher", help="check a scanned voucher QR payload offline")
    verify.add_argument("payload", metavar="PAYLOAD")
    _database_option(verify)
    verify.set_defaults(handler=county_commands.verify_voucher_command)

    _add_sealing_key_command(commands)
    devices = commands.add_parser("list-devices", help="print enrolled devices and their last heartbeat")
    _database_option(devices)
    devices.set_defaults(handler=county_commands.list_devices)

    add_helper_commands(commands, _database_option)

    _add_list_records_command(commands)
    add_attachment_command(commands, _database_option)

    openapi = commands.add_parser("openapi", help="print the OpenAPI JSON")
    openapi.add_argument("--output", help="write to this file instead of stdout")
    openapi.set_defaults(handler=_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``county-server`` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if hasattr(args, "database"):
        args.database = args.database or default_database_url()
    _utf8_stdout()
    try:
        result: int = args.handler(args)
    except CliError as error:
        report(error.zh, error.en)
        return error.exit_code
    except OperationalError as error:
        report("无法访问数据库", f"cannot reach the database ({type(error.orig).__name__})")
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
