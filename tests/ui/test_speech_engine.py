"""Elder mode really speaks: the speechd engine that setup installs says a Chinese prompt in a Mandarin voice."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from kiosk.ui.speaker import Speaker, usable_engines

PROMPT = "请选择您要办理的事项"


@pytest.fixture
def private_speechd(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A speech-dispatcher of the test's own: autospawned on first use with setup's config, ended afterwards."""
    # Not a daemon already running (one left hung by a failed audio output never answers again).
    # A short path: a socket's must fit in 108 bytes.
    run = Path(tempfile.mkdtemp(prefix="speechd-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))  # where the daemon puts its socket, pid file and logs
    monkeypatch.setenv(
        "XDG_CONFIG_HOME", str(run)
    )  # no user speechd.conf: only /etc/speech-dispatcher counts
    # The client's side of the same socket (glib may have read XDG_RUNTIME_DIR already; this is read each time).
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{run / 'speech-dispatcher' / 'speechd.sock'}")
    try:
        yield run
    finally:
        pid_file = run / "speech-dispatcher" / "pid" / "speech-dispatcher.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text())
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 5
            while pid_file.exists() and time.monotonic() < deadline:  # the daemon removes it as it exits
                time.sleep(0.05)
            if pid_file.exists():  # hung (it then ignores SIGTERM); its output modules exit with it
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        shutil.rmtree(run, ignore_errors=True)


def _audio_lines(run: Path) -> list[str]:
    """What the daemon logged about its audio output: why it could not speak."""
    log = run / "speech-dispatcher" / "log" / "speech-dispatcher.log"
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [line for line in lines if "audio" in line.lower()]


def test_the_speaker_says_a_chinese_prompt_in_a_mandarin_voice(qtbot: QtBot, private_speechd: Path) -> None:
    assert usable_engines(["speechd"]) == ["speechd"], "libspeechd is missing: run scripts/setup.sh"
    speaker = Speaker()
    states: list[str] = []
    speaker.state_changed.connect(states.append)
    speaker.set_enabled(True)
    speaker.set_language("zh_CN")
    try:
        speaker.say(PROMPT)
        assert speaker.engine_name == "speechd"
        voice = speaker.voice_name or ""
        assert "Mandarin" in voice or "cmn" in voice, f"not a Mandarin voice: {voice!r}"
        try:
            qtbot.waitUntil(lambda: states[-2:] == ["Speaking", "Ready"], timeout=10_000)
        except WaitTimeout:
            pytest.fail(f"the engine never finished speaking: {states}; {_audio_lines(private_speechd)}")
        assert states == ["Speaking", "Ready"]
    finally:
        shiboken6.delete(speaker)  # closes the connection before the daemon is ended
