"""``county-server attachment SHA256 --output FILE``: a stored attachment's bytes (e.g. consent evidence)."""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from county.attachments import stored_chunks
from county.commands import CliError, open_database, report
from county.db import read_only
from county.models import Attachment
from sync.protocol import SHA256_PATTERN


def _write_atomically(target: Path, chunks: Iterable[bytes], *, sha256: str) -> int:
    """Write ``chunks`` to ``target`` (temp file, fsync, rename) if they hash to ``sha256``; the size."""
    digest, size = hashlib.sha256(), 0
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            for data in chunks:
                digest.update(data)
                size += len(data)
                file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if digest.hexdigest() != sha256:
            raise CliError(
                1,
                zh="数据库中的附件内容与其校验值不符，未写出文件",
                en="the stored bytes do not match the attachment's SHA-256; nothing written",
            )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return size


def attachment_command(args: argparse.Namespace) -> int:
    """Write a fully uploaded attachment to ``--output``; refuse unknown and incomplete ones."""
    sha256 = args.sha256.strip().lower()
    if not re.fullmatch(SHA256_PATTERN, sha256):
        raise CliError(
            2, zh="附件编号应为 64 位十六进制 SHA-256", en="an attachment is named by its 64-hex SHA-256"
        )
    target = Path(args.output)
    if not target.parent.is_dir():
        raise CliError(2, zh=f"目录不存在：{target.parent}", en=f"no such directory: {target.parent}")
    with open_database(args.database) as engine, Session(read_only(engine)) as session:
        row = session.get(Attachment, sha256)
        if row is None:
            raise CliError(
                1, zh=f"县里没有这个附件：{sha256}", en=f"no such attachment at the county: {sha256}"
            )
        if not row.complete:
            raise CliError(
                1,
                zh=f"附件尚未上传完整（已收到 {row.received} / {row.size} 字节），终端联网后会继续上传",
                en=f"attachment not fully uploaded yet ({row.received} of {row.size} bytes); "
                "the kiosk continues when it is online",
            )
        media_type = row.media_type
        try:
            size = _write_atomically(target, stored_chunks(session, sha256), sha256=sha256)
        except OSError as error:
            raise CliError(
                1, zh=f"无法写入文件：{target}", en=f"cannot write {target}: {error.strerror}"
            ) from None
    report(
        f"附件已写出：{target}（{size} 字节，{media_type}）",
        f"attachment written: {target} ({size} bytes, {media_type})",
    )
    return 0


def add_attachment_command(commands: Any, database_option: Any) -> None:
    """Register ``attachment`` on the ``county-server`` parser."""
    attachment = commands.add_parser(
        "attachment", help="write a fully uploaded attachment (e.g. consent evidence) to a file"
    )
    attachment.add_argument("sha256", metavar="SHA256", help="the attachment's SHA-256, as filings list it")
    attachment.add_argument("--output", required=True, metavar="FILE", help="the file to write")
    database_option(attachment)
    attachment.set_defaults(handler=attachment_command)
