"""The simulated camera: plays a folder of pictures as frames, from its own thread, and stops cleanly."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from kiosk.devices.camera import CameraUnavailable
from kiosk.devices.decode_worker import DecodeWorker
from kiosk.devices.frames import Frame
from kiosk.devices.qr_reader import make_qr_reader
from kiosk.devices.simulated_camera import SimulatedCamera
from tests.support.frames import Degradation, camera_frame

EXIF_ORIENTATION = 0x0112
ROTATED_90_CLOCKWISE = 6


class Recorder:
    """Collects frames and the threads they arrived on."""

    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.threads: set[str] = set()
        self.lock = threading.Lock()

    def __call__(self, frame: Frame) -> None:
        with self.lock:
            self.frames.append(frame)
            self.threads.add(threading.current_thread().name)

    def shades(self) -> list[int]:
        return [frame.pixels[0] for frame in self.frames]


def _solid(path: Path, shade: int, size: tuple[int, int] = (64, 48)) -> Path:
    Image.new("L", size, shade).save(path)
    return path


def test_a_single_pass_plays_every_image_in_order_as_grayscale_frames(tmp_path: Path) -> None:
    paths = [_solid(tmp_path / f"{index}.png", shade) for index, shade in enumerate((10, 20, 30))]
    Image.new("RGB", (64, 48), (255, 0, 0)).save(tmp_path / "3.png")  # colour photos become grey
    camera = SimulatedCamera([*paths, tmp_path / "3.png"], fps=100, loop=False)
    recorder = Recorder()
    camera.start(recorder)
    assert camera.wait_until_played(5)
    assert not camera.is_running
    assert recorder.shades() == [10, 20, 30, 76]  # Pillow's luma of pure red
    assert {(frame.width, frame.height) for frame in recorder.frames} == {(64, 48)}
    assert recorder.threads == {"simulated-camera"}
    stamps = [frame.timestamp for frame in recorder.frames]
    assert stamps == sorted(stamps) and stamps[-1] - stamps[0] >= 0.015  # paced, not all at once


def test_a_loop_keeps_playing_until_stopped_and_nothing_arrives_after_stop(tmp_path: Path) -> None:
    camera = SimulatedCamera([_solid(tmp_path / "a.png", 1), _solid(tmp_path / "b.png", 2)], fps=200)
    recorder = Recorder()
    camera.start(recorder)
    deadline = time.monotonic() + 5
    while len(recorder.frames) < 7 and time.monotonic() < deadline:
        time.sleep(0.005)
    camera.stop()
    assert not camera.is_running
    delivered = len(recorder.frames)
    time.sleep(0.05)
    assert len(recorder.frames) == delivered
    assert recorder.shades()[:6] == [1, 2, 1, 2, 1, 2]


def test_each_image_can_be_held_for_several_frames(tmp_path: Path) -> None:
    camera = SimulatedCamera(
        [_solid(tmp_path / "a.png", 1), _solid(tmp_path / "b.png", 2)],
        fps=200,
        loop=False,
        frames_per_image=3,
    )
    recorder = Recorder()
    camera.start(recorder)
    assert camera.wait_until_played(5)
    assert recorder.shades() == [1, 1, 1, 2, 2, 2]
    assert camera.frames_sent == 6


def test_a_folder_plays_its_images_by_name_and_skips_other_files(tmp_path: Path) -> None:
    _solid(tmp_path / "b.jpg", 200)
    _solid(tmp_path / "a.PNG", 100)
    (tmp_path / "notes.txt").write_text("not a picture", "utf-8")
    camera = SimulatedCamera.from_folder(tmp_path, fps=100, loop=False)
    recorder = Recorder()
    camera.start(recorder)
    assert camera.wait_until_played(5)
    assert [round(shade, -1) for shade in recorder.shades()] == [100, 200]


def test_a_broken_image_is_skipped_with_a_log_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 this is not really a jpeg")
    camera = SimulatedCamera([broken, _solid(tmp_path / "good.png", 42)], fps=100, loop=False)
    recorder = Recorder()
    camera.start(recorder)
    assert camera.wait_until_played(5)
    assert recorder.shades() == [42]
    assert "broken.jpg" in caplog.text


@pytest.mark.parametrize("setup", ["missing", "empty", "only_text"])
def test_a_folder_without_images_is_refused_in_both_languages(tmp_path: Path, setup: str) -> None:
    folder = tmp_path / "photos"
    if setup != "missing":
        folder.mkdir()
    if setup == "only_text":
        (folder / "readme.txt").write_text("x", "utf-8")
    with pytest.raises(CameraUnavailable) as info:
        SimulatedCamera.from_folder(folder)
    assert str(folder) in info.value.en and "模拟摄像头" in info.value.zh


def test_nothing_readable_refuses_to_start(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG nope")
    camera = SimulatedCamera([broken, tmp_path / "gone.png"])
    with pytest.raises(CameraUnavailable) as info:
        camera.start(Recorder())
    assert "2 files" in info.value.en and "图片" in info.value.zh
    assert not camera.is_running


def test_a_phone_photo_is_turned_upright_and_shrunk_to_camera_size(tmp_path: Path) -> None:
    photo = Image.new("L", (4000, 3000), 255)
    photo.paste(0, (0, 0, 400, 300))  # a dark corner, top left as stored
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATED_90_CLOCKWISE
    photo.save(tmp_path / "phone.jpg", exif=exif)
    camera = SimulatedCamera([tmp_path / "phone.jpg"], loop=False)
    recorder = Recorder()
    camera.start(recorder)
    assert camera.wait_until_played(5)
    (frame,) = recorder.frames
    assert (frame.width, frame.height) == (540, 720)  # portrait once upright, fitted into 1280×720
    assert frame.pixels[frame.width - 1] < 64  # the dark corner is now top right
    assert frame.pixels[0] > 192


def test_a_failing_consumer_does_not_stop_the_camera(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[Frame] = []

    def consumer(frame: Frame) -> None:
        seen.append(frame)
        raise RuntimeError("consumer bug")

    camera = SimulatedCamera([_solid(tmp_path / "a.png", 1)], fps=200, loop=False, frames_per_image=4)
    camera.start(consumer)
    assert camera.wait_until_played(5)
    assert len(seen) == 4
    failures = [record for record in caplog.records if "callback failed" in record.getMessage()]
    assert len(failures) == 1  # said once, not once per frame


def test_a_demo_folder_of_receipt_photos_scans_each_voucher_once(tmp_path: Path) -> None:
    payloads = ["BMK1:7K3MQ9XD2RTP", "BMK1:0000000000Z4"]
    for index, payload in enumerate(payloads):
        degradation = Degradation(rotation_deg=15, blur_radius=1.0, noise=40)
        camera_frame(payload, degradation=degradation, seed=index).save(tmp_path / f"receipt-{index}.png")
    camera_frame(None, seed=5).save(tmp_path / "receipt-2-no-code.png")
    reported: list[str] = []
    worker = DecodeWorker(make_qr_reader("zxing"), reported.append, cooldown_s=60)
    worker.start()
    camera = SimulatedCamera.from_folder(tmp_path, fps=30, loop=False, frames_per_image=10)
    try:
        camera.start(worker.submit)
        assert camera.wait_until_played(10)
        deadline = time.monotonic() + 5
        while len(reported) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        camera.stop()
        worker.stop()
    assert reported == payloads
