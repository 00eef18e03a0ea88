"""Files that hold secrets outside the database: written whole or not at all, readable only by the owner."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from db.errors import StoreError


def write_private_file(path: Path, data: bytes) -> None:
    """Write temp file, fsync, rename, fsync the directory: the file is either whole or absent (mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
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
