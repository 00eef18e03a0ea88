"""``county-server`` command line: serve, list-records, openapi."""

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
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

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
    """Run the HTTP server until SIGTERM/SIGINT."""
    import uvicorn

    from county.app import create_app

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _exit_on_signal)
    try:
        app = create_app(database_url=args.database or default_database_url())
    except ArgumentError as error:
        print(f"county-server: invalid database URL: {error}", file=sys.stderr)
        return 2
    try:
        sock = _bind(args.host, args.port)
    except OSError as error:
        print(f"county-server: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 2
    try:
        port = sock.getsockname()[1]
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"county-server listening on http://{host}:{port}", flush=True)
        config = uvicorn.Config(app, log_config=_log_config(), lifespan="on", timeout_graceful_shutdown=10)
        server = uvicorn.Server(config)
        server.run(sockets=[sock])
        # uvicorn re-raises a captured signal after shutting down; _exit_on_signal turns it into exit 0.
    finally:
        sock.close()
    return 0 if server.started else 1


def _utf8_stdout() -> None:
    """Make stdout UTF-8 so Chinese text prints on any console locale."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")


def _list_records(args: argparse.Namespace) -> int:
    """Print stored records as JSON lines."""
    from county.db import create_county_engine, has_schema, read_only
    from county.records import iter_records

    try:
        url = make_url(args.database or default_database_url())
    except ArgumentError as error:
        print(f"county-server: invalid database URL: {error}", file=sys.stderr)
        return 2
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        print(f"county-server: no database at {url.database}", file=sys.stderr)
        return 1
    try:
        engine = create_county_engine(url.render_as_string(hide_password=False))
    except ArgumentError as error:
        print(f"county-server: invalid database URL: {error}", file=sys.stderr)
        return 2
    _utf8_stdout()
    try:
        reader = read_only(engine)
        if not has_schema(reader):
            print("county-server: database has no county tables", file=sys.stderr)
            return 1
        for record in iter_records(reader, kind=args.kind):
            sys.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        sys.stdout.flush()
    finally:
        engine.dispose()
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


def build_parser() -> argparse.ArgumentParser:
    """Return the ``county-server`` argument parser."""
    parser = argparse.ArgumentParser(prog="county-server", description="Bianmin county sync server.")
    commands = parser.add_subparsers(dest="command", required=True)
    database_help = f"SQLAlchemy database URL (default: ${DATABASE_ENV} or a per-user SQLite file)"

    serve = commands.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    serve.add_argument("--database", help=database_help)
    serve.set_defaults(handler=_serve)

    listing = commands.add_parser("list-records", help="print stored records as JSON lines")
    listing.add_argument("--database", help=database_help)
    listing.add_argument("--kind", choices=["filing", "rating"])
    listing.set_defaults(handler=_list_records)

    openapi = commands.add_parser("openapi", help="print the OpenAPI JSON")
    openapi.add_argument("--output", help="write to this file instead of stdout")
    openapi.set_defaults(handler=_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``county-server`` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    result: int = args.handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
