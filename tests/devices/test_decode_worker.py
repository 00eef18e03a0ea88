"""The decode worker: newest frame wins, one report per payload per cooldown, clean stop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from kiosk.devices.decode_worker import DecodeWorker
from kiosk.devices.frames import Frame


def _frame(number: int) -> Frame:
    return Frame(bytes([number % 256]), 1, 1, float(number))


def _wait_for(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


class ScriptedReader:
    """Reads the frame's single pixel as the payload number; can hold a decode until released."""

    name = "scripted"

    def __init__(self, *, hold_first: bool = False) -> None:
        self.decoded: list[int] = []
        self.release = threading.Event()
        self.decoding = threading.Event()
        if not hold_first:
            self.release.set()

    def decode(self, frame: Frame) -> list[str]:
        self.decoding.set()
        self.release.wait(5)
        self.decoded.append(frame.pixels[0])
        return [] if frame.pixels[0] == 0 else [f"BMK1:PAYLOAD{frame.pixels[0] % 10}"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def reported() -> list[str]:
    return []


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_worker(reported: list[str], clock: FakeClock) -> Iterator[Callable[[ScriptedReader], DecodeWorker]]:
    workers: list[DecodeWorker] = []

    def make(reader: ScriptedReader) -> DecodeWorker:
        worker = DecodeWorker(reader, reported.append, cooldown_s=3.0, clock=clock)
        worker.start()
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()


def _submit_and_wait(worker: DecodeWorker, reader: ScriptedReader, number: int) -> None:
    before = len(reader.decoded)
    worker.submit(_frame(number))
    _wait_for(lambda: len(reader.decoded) > before)


def test_the_newest_frame_wins_and_stale_frames_are_dropped(
    make_worker: Callable[[ScriptedReader], DecodeWorker],
) -> None:
    reader = ScriptedReader(hold_first=True)
    worker = make_worker(reader)
    worker.submit(_frame(1))
    assert reader.decoding.wait(5)
    for number in (2, 3, 4, 5):  # the camera keeps delivering while frame 1 is decoded
        worker.submit(_frame(number))
    reader.release.set()
    _wait_for(lambda: len(reader.decoded) == 2)
    time.sleep(0.05)
    assert reader.decoded == [1, 5]
    assert worker.frames_dropped == 3


def test_a_payload_held_in_front_of_the_camera_is_reported_once_per_cooldown(
    make_worker: Callable[[ScriptedReader], DecodeWorker], reported: list[str], clock: FakeClock
) -> None:
    reader = ScriptedReader()
    worker = make_worker(reader)
    for _ in range(30):  # two seconds of frames at 15 fps, all showing the same receipt
        _submit_and_wait(worker, reader, 11)
        clock.now += 1 / 15
    assert reported == ["BMK1:PAYLOAD1"]
    clock.now += 1.5  # 3.5 s after the first report
    _submit_and_wait(worker, reader, 11)
    _wait_for(lambda: len(reported) == 2)
    assert reported == ["BMK1:PAYLOAD1", "BMK1:PAYLOAD1"]


def test_a_different_payload_is_reported_at_once(
    make_worker: Callable[[ScriptedReader], DecodeWorker], reported: list[str], clock: FakeClock
) -> None:
    reader = ScriptedReader()
    worker = make_worker(reader)
    _submit_and_wait(worker, reader, 11)
    clock.now += 0.2
    _submit_and_wait(worker, reader, 12)
    _submit_and_wait(worker, reader, 0)  # a frame with no code reports nothing
    _wait_for(lambda: len(reported) == 2)
    assert reported == ["BMK1:PAYLOAD1", "BMK1:PAYLOAD2"]


def test_stop_is_prompt_and_nothing_is_decoded_or_reported_afterwards(
    make_worker: Callable[[ScriptedReader], DecodeWorker], reported: list[str]
) -> None:
    reader = ScriptedReader()
    worker = make_worker(reader)
    assert worker.is_running
    started = time.monotonic()
    worker.stop()
    assert time.monotonic() - started < 1.0
    assert not worker.is_running
    worker.submit(_frame(13))
    time.sleep(0.05)
    assert reader.decoded == [] and reported == []


def test_stop_during_a_decode_waits_for_it_and_drops_its_payload(
    make_worker: Callable[[ScriptedReader], DecodeWorker], reported: list[str]
) -> None:
    reader = ScriptedReader(hold_first=True)
    worker = make_worker(reader)
    worker.submit(_frame(14))
    assert reader.decoding.wait(5)
    threading.Timer(0.1, reader.release.set).start()
    worker.stop()
    assert not worker.is_running
    assert reader.decoded == [14]  # the decode in progress finished before stop() returned
    assert reported == []


def test_a_failing_reader_or_callback_does_not_end_scanning(
    reported: list[str], clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    class FlakyReader:
        name = "flaky"

        def decode(self, frame: Frame) -> list[str]:
            calls.append(frame.pixels[0])
            if frame.pixels[0] == 1:
                raise RuntimeError("decoder bug")
            return [f"BMK1:PAYLOAD{frame.pixels[0]}"]

    def on_payload(text: str) -> None:
        if text.endswith("2"):
            raise RuntimeError("consumer bug")
        reported.append(text)

    worker = DecodeWorker(FlakyReader(), on_payload, clock=clock)
    worker.start()
    try:
        for number in (1, 2, 3):
            worker.submit(_frame(number))
            _wait_for(lambda: len(calls) == 3 or calls[-1:] == [number])  # noqa: B023 - called at once
        _wait_for(lambda: reported == ["BMK1:PAYLOAD3"])
    finally:
        worker.stop()
    assert "decoder bug" in caplog.text and "consumer bug" in caplog.text
