"""Record identifiers: RFC 9562 UUIDv7 strings built from a caller-supplied clock and random bytes."""

from __future__ import annotations

import uuid

MIN_RANDOM_BYTES = 10  # 74 random bits are needed: rand_a (12) + rand_b (62)
MAX_ISSUER_TAG_BYTES = 5  # a tag leaves rand_a (12) + 22 bits of rand_b random: ample within one millisecond
_MAX_UNIX_MS = (1 << 48) - 1
_RFC_VARIANT = 0b10


def new_record_id(*, now_ms: int, random_bytes: bytes, issuer_tag: bytes = b"") -> str:
    """A UUIDv7 string: 48-bit Unix milliseconds, version 7, variant 10, then 74 bits of `random_bytes`.

    With `issuer_tag`, the id's last bytes are that tag instead of random bits: the id then names the
    device that made it (signed vouchers rely on it, see `sync.protocol.vouchers`).
    """
    if isinstance(now_ms, bool) or not 0 <= now_ms <= _MAX_UNIX_MS:
        raise ValueError("now_ms must be a Unix time in milliseconds between 0 and 2**48 - 1")
    if len(random_bytes) < MIN_RANDOM_BYTES:
        raise ValueError(f"new_record_id needs at least {MIN_RANDOM_BYTES} random bytes")
    if len(issuer_tag) > MAX_ISSUER_TAG_BYTES:
        raise ValueError(f"an issuer tag has at most {MAX_ISSUER_TAG_BYTES} bytes")
    random_bits = int.from_bytes(random_bytes[:MIN_RANDOM_BYTES], "big")
    if issuer_tag:
        tag_bits = 8 * len(issuer_tag)
        random_bits = (random_bits >> tag_bits << tag_bits) | int.from_bytes(issuer_tag, "big")
    rand_a = random_bits >> 68  # top 12 of the 80 bits
    rand_b = random_bits & ((1 << 62) - 1)  # low 62 bits
    value = (now_ms << 80) | (7 << 76) | (rand_a << 64) | (_RFC_VARIANT << 62) | rand_b
    return str(uuid.UUID(int=value))


def record_id_time_ms(record_id: str) -> int:
    """The Unix millisecond timestamp inside a UUIDv7 string; ValueError if it is not a UUIDv7."""
    try:
        parsed = uuid.UUID(record_id)
    except (ValueError, TypeError, AttributeError) as error:
        raise ValueError("not a UUID string") from error
    if parsed.version != 7 or parsed.variant != uuid.RFC_4122:
        raise ValueError("not a version 7 UUID")
    return parsed.int >> 80
