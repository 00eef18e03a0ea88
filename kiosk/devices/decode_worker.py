"""Decodes camera frames off the camera's thread: always the newest frame, each payload once per cooldown."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from kiosk.devices.background import BackgroundLoop
from kiosk.devices.frames import Frame
from kiosk.devices.qr_reader import QrReader

log = logging.getLogger(__name__)

PayloadCallback = Callable[[str], None]


class DecodeWorker:
    """Holds at most one frame waiting: a newer frame replaces it (stale frames are dropped, never queued).

    Each distinct payload is reported at most once per `cooldown_s`, so a receipt held in front of the
    camera triggers one lookup, not thirty a second. `on_payload` runs on the worker's thread.
    """

    def __init__(
        self,
        reader: QrReader,
        on_payload: PayloadCallback,
        *,
        cooldown_s: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._reader = reader
        self._on_payload = on_payload
        self._cooldown_s = cooldown_s
        self._clock = clock
        self._waiting: Frame | None = None
        self._wake = threading.Condition()
        self._last_reported: dict[str, float] = {}
        self._worker = BackgroundLoop(self._run, name=f"qr-decode-{reader.name}")
        self.frames_decoded = 0
        self.frames_dropped = 0

    @property
    def is_running(self) -> bool:
        """True between start() and stop()."""
        return self._worker.is_alive

    def start(self) -> None:
        """Start decoding frames as they are submitted (a frame left from before is forgotten)."""
        with self._wake:
            self._waiting = None
        self._worker.start()

    def submit(self, frame: Frame) -> None:
        """Offer a frame (from any thread, never blocking); it replaces a frame still waiting."""
        with self._wake:
            if self._waiting is not None:
                self.frames_dropped += 1
            self._waiting = frame
            self._wake.notify()

    def stop(self, *, timeout_s: float = 5.0) -> None:
        """Stop after the frame being decoded (if any); no payload is reported after this returns."""
        self._worker.request_stop()
        with self._wake:
            self._waiting = None
            self._wake.notify()
        if not self._worker.stop(timeout_s=timeout_s):
            log.warning("the QR decoder did not stop within %.1f s", timeout_s)

    def _run(self, stop_requested: threading.Event) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._waiting is not None or stop_requested.is_set())
                if stop_requested.is_set():
                    return
                frame, self._waiting = self._waiting, None
            assert frame is not None
            texts = self._decode(frame)
            for text in texts:
                if stop_requested.is_set():
                    return
                if self._first_in_cooldown(text):
                    self._report(text)

    def _decode(self, frame: Frame) -> list[str]:
        try:
            texts = self._reader.decode(frame)
        except Exception:  # a reader's bug must not end scanning; the frame is simply lost
            log.exception(
                "the %s QR reader failed on a %dx%d frame", self._reader.name, frame.width, frame.height
            )
            return []
        finally:
            self.frames_decoded += 1
        return texts

    def _first_in_cooldown(self, text: str) -> bool:
        now = self._clock()
        self._last_reported = {
            seen: at for seen, at in self._last_reported.items() if now - at < self._cooldown_s
        }
        if text in self._last_reported:
            return False
        self._last_reported[text] = now
        return True

    def _report(self, text: str) -> None:
        try:
            self._on_payload(text)
        except Exception:  # the consumer's bug must not end scanning
            log.exception("the scanned-payload callback failed")
