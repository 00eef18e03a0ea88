"""User-facing domain errors that carry one message in Chinese and one in English."""

from __future__ import annotations


class KioskError(Exception):
    """An expected problem the person at the terminal can understand and fix; never a bug."""

    def __init__(self, zh: str, en: str, *, field: str | None = None) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en
        self.field = field


class ValidationError(KioskError):
    """An input value broke a rule; `field` names the form field when there is one."""
