"""Errors of the local store, each with a message in Chinese and in English."""

from __future__ import annotations


class StoreError(Exception):
    """The local database or key file cannot be used as it is; the kiosk must not start on it."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en
