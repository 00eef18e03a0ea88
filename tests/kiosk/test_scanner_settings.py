"""The two scanning settings: which camera scans vouchers, and which QR decoder reads its frames."""

from pathlib import Path

import pytest

from kiosk.domain.errors import KioskError
from kiosk.settings import load_settings


def test_by_default_no_camera_is_used_and_zxing_decodes(tmp_path: Path) -> None:
    settings = load_settings({"BIANMIN_DATA_DIR": str(tmp_path)})
    assert (settings.scanner_camera, settings.qr_reader) == ("none", "zxing")


@pytest.mark.parametrize("camera", ["none", "qt", "simulated:/srv/receipt-photos"])
def test_every_camera_choice_is_accepted(tmp_path: Path, camera: str) -> None:
    env = {"BIANMIN_DATA_DIR": str(tmp_path), "BIANMIN_SCANNER_CAMERA": camera, "BIANMIN_QR_READER": "pyzbar"}
    settings = load_settings(env)
    assert (settings.scanner_camera, settings.qr_reader) == (camera, "pyzbar")


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ('scanner_camera = "usb"', "scanner_camera must be none, qt or simulated:<image folder>"),
        ('scanner_camera = "simulated:"', "scanner_camera must be"),
        ('qr_reader = "opencv"', "qr_reader must be zxing or pyzbar"),
    ],
)
def test_a_bad_scanning_setting_stops_the_start_in_both_languages(
    tmp_path: Path, toml: str, fragment: str
) -> None:
    (tmp_path / "settings.toml").write_text(toml, "utf-8")
    with pytest.raises(KioskError) as info:
        load_settings({"BIANMIN_DATA_DIR": str(tmp_path)})
    assert fragment in info.value.en
    assert info.value.zh.split(" ")[0] in info.value.en and "应为" in info.value.zh
