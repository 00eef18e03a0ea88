"""The rotating log file in the data directory, with a filter that masks ID and phone numbers."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

# Grouped as the form shows them (110105 19491231 002X, 138 1234 5678) or not.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6}) ?(\d{8}) ?(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d) ?(\d{4}) ?(\d{4})(?!\d)")
_HANDLER_NAME = "bianmin-kiosk-file"


def redact(text: str) -> str:
    """Mask anything that looks like an ID number or a mobile number."""
    text = _ID_NUMBER.sub(lambda m: f"{m.group(1)[:3]}***********{m.group(3)[-4:]}", text)
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose output never carries a clear ID or phone number (names are never logged at all)."""

    def format(self, record: logging.LogRecord) -> str:
        """Format, then redact the whole line including any traceback."""
        return redact(super().format(record))


def configure_logging(*, log_path: Path, level: str, max_bytes: int, backups: int) -> logging.Handler:
    """Attach one rotating file handler to the root logger (idempotent) and return it."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level.upper())
    return handler
