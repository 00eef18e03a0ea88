"""The keyboard-wedge detector: scanner bursts are recognised, people typing never are."""

from __future__ import annotations

import logging
import string
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.wedge import DEFAULT_MAX_GAP_S, ENTER, WedgeDetector

PRINTABLE_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
SCANNER_GAPS = st.floats(min_value=0.0, max_value=DEFAULT_MAX_GAP_S * 0.9)
HUMAN_GAPS = st.floats(min_value=DEFAULT_MAX_GAP_S * 1.1, max_value=2.0)


def _type(
    detector: WedgeDetector, keys: Iterable[str], gaps: Iterable[float], start: float = 1000.0
) -> list[str]:
    """Feed keys at the given gaps; every payload the detector returns."""
    payloads, at = [], start
    for key, gap in zip(keys, gaps, strict=True):
        at += gap
        payload = detector.feed(key, at)
        if payload is not None:
            payloads.append(payload)
    return payloads


@given(
    text=st.text(PRINTABLE_ASCII, min_size=4, max_size=512),
    data=st.data(),
)
def test_any_printable_burst_ending_with_enter_is_recognised(text: str, data: st.DataObject) -> None:
    gaps = data.draw(st.lists(SCANNER_GAPS, min_size=len(text) + 1, max_size=len(text) + 1))
    assert _type(WedgeDetector(), [*text, ENTER], gaps) == [text]


@given(
    text=st.text(PRINTABLE_ASCII, min_size=1, max_size=80),
    data=st.data(),
)
def test_typing_at_human_speed_is_never_recognised(text: str, data: st.DataObject) -> None:
    gaps = data.draw(st.lists(HUMAN_GAPS, min_size=len(text) + 1, max_size=len(text) + 1))
    assert _type(WedgeDetector(), [*text, ENTER], gaps) == []


@given(
    before=st.text(PRINTABLE_ASCII, min_size=1, max_size=40),
    after=st.text(PRINTABLE_ASCII, min_size=4, max_size=40),
    pause=HUMAN_GAPS,
)
def test_a_pause_inside_a_burst_starts_it_again(before: str, after: str, pause: float) -> None:
    keys = [*before, *after, ENTER]
    gaps = [0.005] * len(before) + [pause] + [0.005] * len(after)
    assert _type(WedgeDetector(), keys, gaps) == [after]


def test_bursts_shorter_than_the_minimum_are_ignored() -> None:
    assert _type(WedgeDetector(min_length=4), [*"abc", ENTER], [0.01] * 4) == []
    assert _type(WedgeDetector(min_length=4), [*"abcd", ENTER], [0.01] * 5) == ["abcd"]


def test_an_enter_after_a_pause_ends_nothing() -> None:
    assert _type(WedgeDetector(), [*"BMK1:7K3MQ9XD2RTP", ENTER], [0.01] * 17 + [0.5]) == []


def test_a_burst_over_512_characters_is_refused_calmly_and_the_next_scan_works(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.devices.wedge")
    detector = WedgeDetector()
    long_burst = "A" * 513
    assert _type(detector, [*long_burst, ENTER], [0.002] * 514) == []
    assert detector.last_burst_refused
    assert "longer than 512" in caplog.text
    assert detector.pending == 0
    assert _type(detector, [*"BMK1:7K3MQ9XD2RTP", ENTER], [1.0] + [0.002] * 17, start=2000.0) == [
        "BMK1:7K3MQ9XD2RTP"
    ]
    assert not detector.last_burst_refused


def test_exactly_512_characters_are_accepted() -> None:
    text = (string.ascii_letters * 10)[:512]
    assert _type(WedgeDetector(), [*text, ENTER], [0.002] * 513) == [text]


@pytest.mark.parametrize("intruder", ["\t", "\x08", "é", "凭", "ab", ""])
def test_any_other_key_inside_a_burst_ends_it(intruder: str) -> None:
    keys = [*"BMK1:7K3M", intruder, *"Q9XD", ENTER]
    assert _type(WedgeDetector(min_length=5), keys, [0.005] * len(keys)) == []


def test_carriage_return_also_ends_a_burst_and_reset_forgets_it() -> None:
    detector = WedgeDetector()
    assert _type(detector, [*"ABCDE", "\r"], [0.005] * 6) == ["ABCDE"]
    _type(detector, "ABCDE", [0.005] * 5, start=3000.0)
    detector.reset()
    assert detector.feed(ENTER, 3000.03) is None


def test_a_clock_going_backwards_is_a_pause_not_a_burst() -> None:
    assert _type(WedgeDetector(), [*"ABCDE", ENTER], [0.005, 0.005, -1.0, 0.005, 0.005, 0.005]) == []


@pytest.mark.parametrize(
    ("max_gap_s", "min_length", "max_length"), [(0, 4, 512), (0.03, 0, 512), (0.03, 10, 5)]
)
def test_nonsense_tuning_is_refused(max_gap_s: float, min_length: int, max_length: int) -> None:
    with pytest.raises(ValueError, match="max_gap_s"):
        WedgeDetector(max_gap_s=max_gap_s, min_length=min_length, max_length=max_length)
