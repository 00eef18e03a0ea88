"""Spoken prompts for elder mode through QtTextToSpeech; silent when this machine has no speech engine."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal, Slot

from kiosk.domain.zh_words import strip_joiners

if TYPE_CHECKING:  # imported when first needed: loading it early defeats QT_LOGGING_RULES set at start
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

# Engines that need a system library the Qt plugin links against; without it the plugin fails to load.
ENGINE_LIBRARIES = {"speechd": "speechd"}
TEST_ENGINES = {"mock"}
# espeak-ng (through speech-dispatcher) lists its Mandarin voices under the C locale, not zh_CN:
# "Chinese (Mandarin, latin as English)" first, then "..., latin as Pinyin".
MANDARIN = "Mandarin"


def usable_engines(available: list[str]) -> list[str]:
    """The engines that can really speak here: no test engine, and their system library is present."""
    import ctypes.util  # only when elder mode first speaks: not on the way to the home screen

    return [
        name
        for name in available
        if name not in TEST_ENGINES
        and (name not in ENGINE_LIBRARIES or ctypes.util.find_library(ENGINE_LIBRARIES[name]))
    ]


class Speaker(QObject):
    """Speaks short prompts when enabled (elder mode); creates the engine on first use, or never."""

    spoken = Signal(str)  # what was said (or would have been, on a machine without an engine)
    state_changed = Signal(str)  # the engine's state by name: "Speaking", then "Ready" once said

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled = False
        self._language = "zh_CN"
        self._engine: QTextToSpeech | None = None
        self._engine_checked = False
        self._mandarin: QVoice | None = None

    def set_enabled(self, enabled: bool) -> None:
        """Speak only while enabled; disabling stops what is being said. Enabling opens the engine at once
        (about 1.3 s the first time, while elder mode is being switched on) so no later prompt waits for it."""
        self._enabled = enabled
        if enabled:
            self._open_engine()
        elif self._engine is not None:
            self._engine.stop()

    def set_language(self, language: str) -> None:
        """zh_CN or en: the voice's locale."""
        self._language = language

    @property
    def engine_name(self) -> str | None:
        """The engine in use, or None (not created yet, or none on this machine)."""
        return self._engine.engine() if self._engine is not None else None

    @property
    def voice_name(self) -> str | None:
        """The voice in use, or None without an engine."""
        return self._engine.voice().name() if self._engine is not None else None

    @Slot(str)
    def say(self, text: str) -> None:
        """Say `text` in the current language, replacing what is being said; nothing without an engine."""
        text = strip_joiners(text)  # the word joiners that keep Chinese words on one line are not spoken
        if not self._enabled or not text.strip():
            return
        self.spoken.emit(text)
        engine = self._open_engine()
        if engine is None:
            return
        self._use_voice(engine)
        engine.stop()
        engine.say(text)

    @Slot(str)
    def readAloudInChinese(self, text: str) -> None:
        """Say `text` in Chinese even outside elder mode: what a resident must hear (the consent statement)."""
        enabled, language = self._enabled, self._language
        self._enabled, self._language = True, "zh_CN"
        try:
            self.say(text)
        finally:
            self._enabled, self._language = enabled, language

    def _use_voice(self, engine: QTextToSpeech) -> None:
        """The language's locale, or for Chinese without a zh_CN one a Mandarin voice (an unknown locale is an error)."""
        locale = QLocale("zh_CN" if self._language == "zh_CN" else "en_US")
        if locale in engine.availableLocales():
            if engine.locale() != locale:
                engine.setLocale(locale)
            return
        if self._language != "zh_CN":
            return
        if self._mandarin is None:
            self._mandarin = next((v for v in engine.allVoices(QLocale.c()) if MANDARIN in v.name()), None)
        if self._mandarin is not None and engine.voice() != self._mandarin:
            engine.setVoice(self._mandarin)

    def _open_engine(self) -> QTextToSpeech | None:
        if self._engine_checked:
            return self._engine
        self._engine_checked = True
        from PySide6.QtTextToSpeech import QTextToSpeech

        engines = usable_engines(list(QTextToSpeech.availableEngines()))
        if not engines:
            log.info("no text-to-speech engine on this machine; elder mode stays silent")
            return None
        engine = QTextToSpeech(engines[0], self)
        if engine.state() == QTextToSpeech.State.Error:
            log.info("text-to-speech engine %s cannot start: %s", engines[0], engine.errorString())
            engine.deleteLater()
            return None
        engine.stateChanged.connect(lambda state: self.state_changed.emit(state.name))
        self._engine = engine
        return engine
