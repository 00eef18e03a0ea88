"""Tests for UUIDv7 record identifiers."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.identifiers import new_record_id, record_id_time_ms

PROPERTY = settings(max_examples=200, deadline=None)
timestamps = st.integers(min_value=0, max_value=2**48 - 1)
random_bytes = st.binary(min_size=10, max_size=16)


def test_rfc_9562_example_vector() -> None:
    # RFC 9562 appendix A.6: unix_ts_ms 0x017F22E279B0, rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F.
    bits = (0xCC3 << 68) | 0x18C4DC0C0C07398F
    record_id = new_record_id(now_ms=0x017F22E279B0, random_bytes=bits.to_bytes(10, "big"))
    assert record_id == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f"
    assert record_id_time_ms(record_id) == 0x017F22E279B0


@PROPERTY
@given(now_ms=timestamps, data=random_bytes)
def test_ids_are_uuid7_and_carry_their_time(now_ms: int, data: bytes) -> None:
    record_id = new_record_id(now_ms=now_ms, random_bytes=data)
    parsed = uuid.UUID(record_id)
    assert str(parsed) == record_id
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert record_id_time_ms(record_id) == now_ms


@PROPERTY
@given(first=timestamps, second=timestamps, data_a=random_bytes, data_b=random_bytes)
def test_ids_sort_by_time(first: int, second: int, data_a: bytes, data_b: bytes) -> None:
    if first < second:
        assert new_record_id(now_ms=first, random_bytes=data_a) < new_record_id(
            now_ms=second, random_bytes=data_b
        )


@PROPERTY
@given(now_ms=timestamps, data_a=random_bytes, data_b=random_bytes)
def test_different_random_bytes_give_different_ids(now_ms: int, data_a: bytes, data_b: bytes) -> None:
    if data_a[:10] != data_b[:10]:
        assert new_record_id(now_ms=now_ms, random_bytes=data_a) != new_record_id(
            now_ms=now_ms, random_bytes=data_b
        )


@pytest.mark.parametrize(
    ("now_ms", "data"),
    [(-1, bytes(10)), (2**48, bytes(10)), (0, bytes(9)), (True, bytes(10))],
)
def test_bad_arguments_raise_value_error(now_ms: int, data: bytes) -> None:
    with pytest.raises(ValueError, match=r"now_ms|random bytes"):
        new_record_id(now_ms=now_ms, random_bytes=data)


@pytest.mark.parametrize(
    "record_id",
    [
        "",
        "not a uuid",
        str(uuid.UUID(int=0)),
        "017f22e2-79b0-4cc3-98c4-dc0c0c07398f",
        "017f22e2-79b0-7cc3-18c4-dc0c0c07398f",
    ],
)
def test_time_of_a_non_uuid7_raises_value_error(record_id: str) -> None:
    with pytest.raises(ValueError, match="UUID"):
        record_id_time_ms(record_id)
