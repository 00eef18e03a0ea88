"""Unit tests of push body decoding (gzip, size limit)."""

from __future__ import annotations

import gzip
import zlib

import pytest

from county.body import MAX_JSON_DEPTH, BodyError, JsonError, gunzip, parse_json


def test_gunzip_single_and_multi_member() -> None:
    assert gunzip(gzip.compress(b"hello"), limit=100) == b"hello"
    assert gunzip(gzip.compress(b"hel") + gzip.compress(b"lo"), limit=100) == b"hello"
    assert gunzip(b"", limit=100) == b""


@pytest.mark.parametrize(
    "data",
    [
        b"plain text",
        gzip.compress(b"hello")[:-3],
        gzip.compress(b"hello") + b"trailing junk",
        zlib.compress(b"zlib, not gzip"),
    ],
)
def test_gunzip_rejects_broken_streams(data: bytes) -> None:
    with pytest.raises(BodyError) as caught:
        gunzip(data, limit=100)
    assert caught.value.status_code == 400
    assert caught.value.error == "invalid_gzip"


def test_gunzip_refuses_bombs() -> None:
    assert gunzip(gzip.compress(b"x" * 100), limit=100) == b"x" * 100
    for bomb in (gzip.compress(b"x" * 101), gzip.compress(b"x" * 60) * 2):
        with pytest.raises(BodyError) as caught:
            gunzip(bomb, limit=100)
        assert caught.value.status_code == 413


def test_parse_json_is_strict() -> None:
    assert parse_json(b'{"a": [1, "\\ud83d\\ude00", {"b": null}]}') == {"a": [1, "\U0001f600", {"b": None}]}
    nested = b"[" * (MAX_JSON_DEPTH - 1) + b"{}" + b"]" * (MAX_JSON_DEPTH - 1)
    assert parse_json(nested)
    for bad in (
        b"{",
        b"",
        b"NaN",
        b'{"x": Infinity}',
        b'{"x": -Infinity}',
        b'"\\ud800"',
        b'{"\\udfff": 1}',
        b"\xff",
        '{"a": 1}'.encode("utf-16"),
        b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1),
        b"[" * 100_000,
    ):
        with pytest.raises(JsonError):
            parse_json(bad)
