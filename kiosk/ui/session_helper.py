"""Base of the small QObjects beside the view-model: they hold the kiosk, the operations helper, the language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.domain.catalog import Text
from kiosk.services.runtime import KioskRuntime
from kiosk.services.zh_lexicon import keep_chinese_words
from kiosk.ui.operations import Operations


class SessionHelper(QObject):
    """Reaches kiosk.services through the operations helper and speaks the view-model's language."""

    def __init__(
        self, kiosk: KioskRuntime, operations: Operations, *, language: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._ops = operations
        self._language = language

    def _t(self, text: Text) -> str:
        """The text in the current language."""
        return keep_chinese_words(text.zh) if self._language() == "zh_CN" else text.en
