"""Document-photo answers: the SHA-256 of each photo, comma-separated, in the order they were taken.

The photos themselves are attachments (kept and synced by their hash); the answer only names them.
"""

from __future__ import annotations

import re

from kiosk.domain.validation import Checked, Problem

SEPARATOR = ","
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)

MALFORMED = Problem("照片记录有误，请重新拍照", "The photo record is damaged; please take the photo again.")


def split_photos(answer: str) -> tuple[str, ...]:
    """The photo hashes of an answer, in order (blank parts dropped)."""
    return tuple(part.strip().lower() for part in answer.split(SEPARATOR) if part.strip())


def join_photos(hashes: tuple[str, ...] | list[str]) -> str:
    """One answer from photo hashes."""
    return SEPARATOR.join(hashes)


def add_photo(answer: str, sha256: str) -> str:
    """The answer with one more photo at the end (a photo already there is not added twice)."""
    hashes = split_photos(answer)
    return answer if sha256 in hashes else join_photos([*hashes, sha256])


def remove_photo(answer: str, sha256: str) -> str:
    """The answer without this photo."""
    return join_photos([sha for sha in split_photos(answer) if sha != sha256])


def check_photos(raw: str, *, max_count: int) -> Checked:
    """Every part is a SHA-256 in hex, none twice, at most `max_count` of them."""
    hashes = split_photos(raw)
    value = join_photos(hashes)
    if not all(_SHA256.fullmatch(sha) for sha in hashes) or len(set(hashes)) != len(hashes):
        return Checked(value="", error=MALFORMED)
    extra = len(hashes) - max_count
    too_many = Problem(
        f"最多 {max_count} 张照片，请删去 {extra} 张", f"At most {max_count} photo(s); please delete {extra}."
    )
    return Checked(value=value, error=too_many if extra > 0 else None)
