"""Files beside the database (receipts, attachments, secrets): written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from db.errors import StoreError


def write_file_durably(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Temp file, fsync, rename, fsync the directory: after a power cut the file is whole or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_private_file(path: Path, data: bytes) -> None:
    """Write a secret durably, mode 0600 in a 0700 directory."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path.parent, 0o700)
    write_file_durably(path, data, mode=0o600)


def read_private_file(path: Path, *, size: int) -> bytes:
    """Read a secret of exactly `size` bytes; a file others can read, or a damaged one, raises StoreError."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise StoreError(
            f"密钥文件 {path} 权限过宽（{oct(mode)}），只能由终端程序的用户读取",
            f"The key file {path} is readable by others ({oct(mode)}); it must be 0600",
        )
    data = path.read_bytes()
    if len(data) != size:
        raise StoreError(f"密钥文件 {path} 已损坏", f"The key file {path} is damaged (wrong length)")
    return data
