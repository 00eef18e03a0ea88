"""QR readers on synthetic 1280×720 camera frames: degraded vouchers, foreign contents, frames with no code."""

from __future__ import annotations

import random
import sys
from collections import Counter

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.devices.frames import Frame, frame_from_image, frame_to_image
from kiosk.devices.qr_reader import QrReader, QrReaderUnavailable, make_qr_reader
from tests.support.frames import (
    DEGRADATIONS,
    NON_VOUCHER_BYTES,
    NON_VOUCHER_TEXTS,
    LabelledFrame,
    camera_frame,
    degraded_set,
    frames_without_qr,
    junk_alphanumeric,
    non_voucher_frame,
)

BACKENDS = ["zxing", "pyzbar"]


@pytest.fixture(scope="module")
def degraded() -> list[tuple[LabelledFrame, Frame]]:
    """Three frames of every degradation (24 in all), as the camera would hand them over."""
    return [(labelled, frame_from_image(labelled.image)) for labelled in degraded_set(per_kind=3)]


def _rates(reader: QrReader, frames: list[tuple[LabelledFrame, Frame]]) -> tuple[list[str], list[str]]:
    """(names of frames read wrongly, names of frames not read) by one reader."""
    wrong, missed = [], []
    for labelled, frame in frames:
        texts = reader.decode(frame)
        if any(text != labelled.payload for text in texts):
            wrong.append(labelled.name)
        elif not texts:
            missed.append(labelled.name)
    return wrong, missed


def test_the_degraded_set_has_several_full_size_frames_of_every_degradation(
    degraded: list[tuple[LabelledFrame, Frame]],
) -> None:
    kinds = Counter(labelled.name.rsplit("-", 1)[0] for labelled, _ in degraded)
    assert kinds == dict.fromkeys(DEGRADATIONS, 3)
    assert {(frame.width, frame.height) for _, frame in degraded} == {(1280, 720)}


def test_synthetic_frames_are_the_same_for_the_same_seed() -> None:
    degradation = DEGRADATIONS["combined"](random.Random(1))
    first, again, other = (
        camera_frame("BMK1:7K3MQ9XD2RTP", degradation=degradation, seed=seed) for seed in (1, 1, 2)
    )
    assert first.tobytes() == again.tobytes()
    assert first.tobytes() != other.tobytes()


def test_zxing_reads_at_least_95_percent_of_degraded_frames_and_never_a_wrong_payload(
    degraded: list[tuple[LabelledFrame, Frame]],
) -> None:
    wrong, missed = _rates(make_qr_reader("zxing"), degraded)
    assert wrong == []
    assert len(missed) <= 0.05 * len(degraded), f"missed {missed}"


def test_the_set_is_hard_enough_that_a_single_plain_read_misses_some(
    degraded: list[tuple[LabelledFrame, Frame]],
) -> None:
    plain_misses = [
        labelled.name
        for labelled, _ in degraded
        if not zxingcpp.read_barcodes(labelled.image, formats=zxingcpp.BarcodeFormat.QRCode)
    ]
    assert len(plain_misses) > 0.05 * len(degraded), "the set no longer tests the reader's extra passes"


def test_pyzbar_never_reads_a_wrong_payload(
    degraded: list[tuple[LabelledFrame, Frame]], record_property: pytest.RecordProperty
) -> None:
    wrong, missed = _rates(make_qr_reader("pyzbar"), degraded)
    read = len(degraded) - len(missed)
    record_property("pyzbar_decoded", f"{read}/{len(degraded)}")
    print(f"pyzbar decoded {read}/{len(degraded)} degraded frames; missed {missed}")
    assert wrong == []


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(NON_VOUCHER_TEXTS))
def test_foreign_printable_contents_come_back_as_they_are(backend: str, name: str) -> None:
    text = NON_VOUCHER_TEXTS[name]
    assert make_qr_reader(backend).decode(frame_from_image(non_voucher_frame(text))) == [text]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(NON_VOUCHER_BYTES))
def test_binary_non_ascii_and_control_contents_are_refused(backend: str, name: str) -> None:
    frame = frame_from_image(non_voucher_frame(NON_VOUCHER_BYTES[name]))
    assert zxingcpp.read_barcodes(frame_to_image(frame)), "the code itself must be readable for this test"
    assert make_qr_reader(backend).decode(frame) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_four_kilobytes_of_junk_in_a_version_40_code_come_back_whole(backend: str) -> None:
    junk = junk_alphanumeric(4096)
    texts = make_qr_reader(backend).decode(frame_from_image(non_voucher_frame(junk)))
    assert texts in ([junk], []), "either read whole or not at all"
    if backend == "zxing":
        assert texts == [junk]


def test_four_kilobytes_cannot_fit_a_qr_code_in_any_other_mode() -> None:
    with pytest.raises(ValueError, match="at most 4296"):
        junk_alphanumeric(4297)


@pytest.mark.parametrize("backend", BACKENDS)
def test_frames_without_a_code_give_nothing(backend: str) -> None:
    reader = make_qr_reader(backend)
    assert [reader.decode(frame_from_image(labelled.image)) for labelled in frames_without_qr(8)] == [[]] * 8


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_arbitrary_pixels_never_crash_and_never_give_non_printable_text(
    backend: str, data: st.DataObject
) -> None:
    width = data.draw(st.integers(1, 64), label="width")
    height = data.draw(st.integers(1, 64), label="height")
    pixels = data.draw(st.binary(min_size=width * height, max_size=width * height), label="pixels")
    texts = make_qr_reader(backend).decode(Frame(pixels, width, height, 0.0))
    assert all(text.isascii() and text.isprintable() for text in texts)


def test_a_frame_must_hold_exactly_its_pixels() -> None:
    with pytest.raises(ValueError, match="needs 6 bytes"):
        Frame(b"12345", 3, 2, 0.0)
    with pytest.raises(ValueError, match="positive size"):
        Frame(b"", 0, 0, 0.0)


def test_an_unknown_backend_is_refused_in_both_languages() -> None:
    with pytest.raises(QrReaderUnavailable) as info:
        make_qr_reader("opencv")
    assert "opencv" in info.value.en and "zxing" in info.value.en
    assert "未知的二维码识别组件" in info.value.zh


def test_missing_zxing_is_reported_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zxingcpp", None)
    with pytest.raises(QrReaderUnavailable) as info:
        make_qr_reader("zxing")
    assert "zxing-cpp" in info.value.en and "zxing-cpp" in info.value.zh and "技术人员" in info.value.zh


def test_missing_libzbar_is_reported_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyzbar
    import pyzbar.zbar_library

    monkeypatch.setattr(pyzbar.zbar_library, "find_library", lambda name: None)  # as without libzbar0
    for module in ("pyzbar.pyzbar", "pyzbar.wrapper"):
        monkeypatch.delitem(sys.modules, module)
        monkeypatch.delattr(pyzbar, module.split(".")[1])
    with pytest.raises(QrReaderUnavailable) as info:
        make_qr_reader("pyzbar")
    assert "libzbar0" in info.value.en and "libzbar0" in info.value.zh
    assert "Unable to find zbar shared library" in info.value.en
