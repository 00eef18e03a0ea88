"""A requests.Session that remembers every request it sent and the status it got (for client tests)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import requests


class RecordingSession(requests.Session):
    """Records (method, path?query, status) of each request; a status of 0 means no answer came."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str, int]] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        parts = urlsplit(str(url))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.RequestException:
            self.log.append((str(method), target, 0))
            raise
        self.log.append((str(method), target, response.status_code))
        return response
