"""Recognises a handheld keyboard-wedge scanner: a burst of keys faster than any person types, then Enter."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

ENTER = "\n"
DEFAULT_MAX_GAP_S = 0.030  # scanners type a key every 1-20 ms; people rarely manage 4 keys in a row this fast
DEFAULT_MIN_LENGTH = 4
DEFAULT_MAX_LENGTH = 512


def is_printable_ascii(key: str) -> bool:
    """True for one character between space and tilde."""
    return len(key) == 1 and " " <= key <= "~"


class WedgeDetector:
    """Feed key presses with their times; a scanner burst ending with Enter comes back as its payload.

    A burst is printable ASCII characters at most `max_gap_s` apart, at least `min_length` long, ended
    by ENTER ("\\n" or "\\r") within `max_gap_s`. A pause starts a new burst; any other key ends it.
    A burst longer than `max_length` is refused calmly: nothing is returned and a line is logged.
    """

    def __init__(
        self,
        *,
        max_gap_s: float = DEFAULT_MAX_GAP_S,
        min_length: int = DEFAULT_MIN_LENGTH,
        max_length: int = DEFAULT_MAX_LENGTH,
    ) -> None:
        if max_gap_s <= 0 or not 1 <= min_length <= max_length:
            raise ValueError("need max_gap_s > 0 and 1 <= min_length <= max_length")
        self._max_gap_s = max_gap_s
        self._min_length = min_length
        self._max_length = max_length
        self._chars: list[str] = []
        self._last_at: float | None = None
        self._too_long = False
        self.last_burst_refused = False

    @property
    def pending(self) -> int:
        """How many characters of a possible burst are held."""
        return len(self._chars)

    def reset(self) -> None:
        """Forget the burst in progress (another key was pressed, or the session was wiped)."""
        self._chars.clear()
        self._last_at = None
        self._too_long = False

    def feed(self, key: str, timestamp: float) -> str | None:
        """Take one key press (a character or ENTER) at `timestamp` seconds; the payload when a burst ends."""
        fast = self._last_at is not None and 0 <= timestamp - self._last_at <= self._max_gap_s
        self.last_burst_refused = False
        if key in (ENTER, "\r"):
            payload = self._finish(fast)
            self.reset()
            return payload
        if not is_printable_ascii(key):
            self.reset()
            return None
        if not fast:
            self.reset()
        self._last_at = timestamp
        if not self._too_long:
            self._chars.append(key)
            if len(self._chars) > self._max_length:
                self._too_long = True
                self._chars.clear()
        return None

    def _finish(self, fast: bool) -> str | None:
        if not fast:
            return None
        if self._too_long:
            self.last_burst_refused = True
            log.info("refused a scanner burst longer than %d characters", self._max_length)
            return None
        if len(self._chars) < self._min_length:
            return None
        return "".join(self._chars)
