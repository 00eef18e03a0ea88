"""The `kiosk` program itself: starts to the home screen, stops cleanly, refuses a broken database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _start(data_dir: Path, *, display: str = "") -> subprocess.Popen[str]:
    screen = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display} if display else {"QT_QPA_PLATFORM": "offscreen"}
    env = {**os.environ, "BIANMIN_DATA_DIR": str(data_dir), **screen}
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.ui.app", "--windowed"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_log(path: Path, text: str, proc: subprocess.Popen[str], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text("utf-8"):
            return
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared in {path}")


def test_kiosk_starts_to_the_home_screen_and_stops_on_sigterm(tmp_path: Path) -> None:
    proc = _start(tmp_path)
    try:
        _wait_for_log(tmp_path / "logs" / "kiosk.log", "home screen shown", proc)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "kiosk stopped" in (tmp_path / "logs" / "kiosk.log").read_text("utf-8")
    assert "Traceback" not in err


def test_on_an_x_screen_the_kiosk_prints_nothing_from_start_to_stop(tmp_path: Path) -> None:
    # The X11 platform renders on its own thread (the offscreen one does not): what a terminal really runs.
    with subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as xvfb:
        assert xvfb.stdout is not None
        display = ":" + xvfb.stdout.readline().strip()
        proc = _start(tmp_path, display=display)
        try:
            _wait_for_log(tmp_path / "logs" / "kiosk.log", "home screen shown", proc)
            time.sleep(1.0)  # frames keep coming after the first
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
            xvfb.terminate()
    assert proc.returncode == 0, err
    assert (out, err) == ("", "")


def test_a_broken_database_stops_the_start_with_a_bilingual_message(tmp_path: Path) -> None:
    (tmp_path / "kiosk.db").write_bytes(b"definitely not sqlite " * 200)
    proc = _start(tmp_path)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert "无法打开本地数据库" in err and "Cannot open the local database" in err
    assert "Traceback" not in err
    assert (tmp_path / "kiosk.db").read_bytes() == b"definitely not sqlite " * 200


def test_a_bad_settings_file_stops_the_start_with_a_bilingual_message(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("sync_batch_size = 'lots'\n", "utf-8")
    proc = _start(tmp_path)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert "配置项 sync_batch_size" in err and "Setting sync_batch_size" in err
