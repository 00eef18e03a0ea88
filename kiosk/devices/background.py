"""A named daemon thread that runs one loop until asked to stop, and stops cleanly."""

from __future__ import annotations

import threading
from collections.abc import Callable


class BackgroundLoop:
    """Runs `body(stop_requested)` on its own thread; `body` returns when the event is set."""

    def __init__(self, body: Callable[[threading.Event], None], *, name: str) -> None:
        self._body = body
        self._name = name
        self._stop_requested = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def is_alive(self) -> bool:
        """True while the loop runs."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the loop; RuntimeError if it is already running."""
        if self.is_alive:
            raise RuntimeError(f"{self._name} is already running")
        self._stop_requested.clear()
        self._thread = threading.Thread(target=self._body, args=(self._stop_requested,), name=self._name)
        self._thread.daemon = True  # a loop left running never holds the process open
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the loop to stop, without waiting for it."""
        self._stop_requested.set()

    def stop(self, *, timeout_s: float = 5.0) -> bool:
        """Ask the loop to stop and wait for it (not when called from the loop itself); False on timeout."""
        self._stop_requested.set()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout_s)
        return not thread.is_alive()

    def wait(self, timeout_s: float) -> bool:
        """Wait until the loop has ended by itself (or was stopped); False on timeout."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout_s)
        return not thread.is_alive()
