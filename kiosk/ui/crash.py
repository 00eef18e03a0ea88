"""The one crash handler: a bug anywhere is logged, a calm notice shows, and the kiosk goes back home.

Bugs arrive from three doors: sys.excepthook (PySide6 reports there an exception raised in a Python slot,
a method QML called, a property QML read, a timer callback or an overridden Qt method), threading.excepthook
(Python threads) and report_bug (an operation's on_error met an exception that is not a KioskError).
Every bug is logged from whatever thread met it; the notice is shown on the GUI thread. The kiosk never
quits because of a bug. A burst of bugs shows one notice; bugs that come back right after each recovery
pause the terminal with an out-of-order notice, for longer each time, instead of looping.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from types import TracebackType

from PySide6.QtCore import (
    Property,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)

from kiosk.domain.catalog import Text
from kiosk.logs import redact
from kiosk.services.zh_lexicon import keep_chinese_words
from kiosk.ui.gui_thread import GuiThreadCalls

log = logging.getLogger(__name__)

TITLE = Text(zh="抱歉，刚才出了点问题", en="Sorry, something went wrong")
RETURNING = Text(
    zh="正在返回首页。如果您正在办事，但还没有看到“已提交”和凭证号，请重新办理，或点“求助”请工作人员帮忙。",
    en='Returning to the home screen. If you were filing a service and did not see "Submitted" with a '
    'voucher code, please start again, or tap "Help".',
)
ACCEPTED_BEFORE = Text(
    zh="您的办件在出问题之前已经提交并保存。请记下凭证号，然后点“返回首页”。",
    en='Your filing was submitted and saved before this happened. Please note down the voucher code, then tap "Back to home".',
)
PAUSED_TITLE = Text(zh="本机暂停服务", en="This terminal is paused")
PAUSED = Text(
    zh="本机暂时无法正常使用，请稍后再试，或到服务窗口办理。",
    en="This terminal is not working properly at the moment. Please try again later, or use the service window.",
)
BACK_HOME = Text(zh="返回首页", en="Back to home")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_MESSAGE_CHARS = 300


def mask_personal(message: str) -> str:
    """An exception message fit for the log: ID and phone numbers masked, Chinese text (names) starred."""
    return _HAN.sub(lambda m: "*" * len(m.group()), redact(message[:_MESSAGE_CHARS]))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and the ones that led to it, first cause first."""
    links: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in links:
        links.append(link)
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    return reversed(links)


def describe_bug(exc: BaseException) -> str:
    """The traceback for the log: every code location, each message with personal data masked, no locals."""
    parts: list[str] = []
    for link in _chain(exc):
        if parts:
            parts.append("which led to:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(link.__traceback__))
        kind = type(link)
        parts.append(f"{kind.__module__}.{kind.__qualname__}: {mask_personal(str(link))}\n")
    return "".join(parts)


def _signature(exc: BaseException) -> tuple[str, str, int]:
    """What makes two bugs "the same": the exception type and the line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    return type(exc).__qualname__, last.filename if last else "", (last.lineno or 0) if last else 0


class CrashHandler(QObject):
    """Logs every bug, shows the calm notice (Main.qml's `crash`), then wipes the session and goes home."""

    changed = Signal()

    def __init__(
        self,
        *,
        language: Callable[[], str],
        accepted_voucher: Callable[[], str],
        wipe_session: Callable[[], None],
        parent: QObject,
        notice_s: float = 10,
        voucher_notice_s: float = 60,
        burst_limit: int = 3,
        burst_window_s: float = 120,
        pause_s: float = 60,
        max_pause_s: float = 900,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._accepted_voucher = accepted_voucher
        self._wipe_session = wipe_session
        self.notice_s, self.voucher_notice_s = notice_s, voucher_notice_s
        self.burst_limit, self.burst_window_s = burst_limit, burst_window_s
        self.pause_s, self.max_pause_s = pause_s, max_pause_s
        self._next_pause_s = pause_s
        self._notices: deque[float] = deque()  # when the recent notices were shown
        self._calm_since = -math.inf  # when the last notice went away
        self._seen: dict[tuple[str, str, int], tuple[float, int]] = {}  # signature -> (first seen, repeats)
        self._seen_lock = threading.Lock()
        self._shown = False
        self._paused = False
        self._voucher = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._recover)
        self._gui = GuiThreadCalls(self)  # the notice is shown later on the GUI thread, whoever reported
        self._previous_sys_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    # -- the doors ------------------------------------------------------------------------------------
    def install(self) -> None:
        """Become sys.excepthook, threading.excepthook and the handler report_bug reaches."""
        self._previous_sys_hook, self._previous_thread_hook = sys.excepthook, threading.excepthook
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        _installed.append(self)

    def uninstall(self) -> None:
        """Give the hooks back (shutdown, tests)."""
        if sys.excepthook == self._sys_hook:
            sys.excepthook = self._previous_sys_hook
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook
        if self in _installed:
            _installed.remove(self)

    def _sys_hook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_sys_hook(kind, exc, tb)
            return
        self.report(exc.with_traceback(tb), where="a Qt callback")
        if self._previous_sys_hook is not sys.__excepthook__:  # a test harness or debugger also watches
            self._previous_sys_hook(kind, exc, tb)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # a thread that ended itself on purpose
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_value.with_traceback(args.exc_traceback), where=f"thread {name}")
        if self._previous_thread_hook is not threading.__excepthook__:
            self._previous_thread_hook(args)

    def report(self, exc: BaseException, *, where: str) -> None:
        """Log one bug (any thread) and have the GUI thread show the notice; never raises."""
        with contextlib.suppress(Exception):  # the log itself failed (disk full): the notice still shows
            self._log(exc, where)
        with contextlib.suppress(RuntimeError):  # the handler is gone (shutdown): nothing to show it on
            self._gui.post(self._on_reported)

    def _log(self, exc: BaseException, where: str) -> None:
        signature, now = _signature(exc), time.monotonic()
        with self._seen_lock:
            for old, (first, _repeats) in list(self._seen.items()):
                if now - first > self.burst_window_s:
                    del self._seen[old]
            first, repeats = self._seen.get(signature, (now, -1))
            self._seen[signature] = (first, repeats + 1)
        if repeats < 0:
            log.error("bug in %s:\n%s", where, describe_bug(exc).rstrip())
        else:
            kind, filename, line = signature
            log.error("bug in %s again (%d repeats): %s at %s:%d", where, repeats + 1, kind, filename, line)

    # -- the notice (GUI thread) ----------------------------------------------------------------------
    def _on_reported(self) -> None:
        if self._shown:
            return  # one notice for a burst; every bug of it is logged
        now = time.monotonic()
        while self._notices and now - self._notices[0] > self.burst_window_s:
            self._notices.popleft()
        if now - self._calm_since > self.burst_window_s:
            self._next_pause_s = self.pause_s  # a long calm spell: start over with the shortest pause
        self._notices.append(now)
        if len(self._notices) > self.burst_limit:
            pause = self._next_pause_s
            self._next_pause_s = min(pause * 2, self.max_pause_s)
            self._notices.clear()
            log.error("the kiosk keeps meeting bugs; paused for %d s before going home again", pause)
            self._show(paused=True, voucher="", seconds=pause)
            return
        voucher = self._read_voucher()
        self._show(paused=False, voucher=voucher, seconds=self.voucher_notice_s if voucher else self.notice_s)

    def _read_voucher(self) -> str:
        try:
            return self._accepted_voucher()
        except Exception:  # the session itself is broken: say nothing about a filing rather than guess
            log.exception("cannot tell whether a filing was accepted before the bug")
            return ""

    def _show(self, *, paused: bool, voucher: str, seconds: float) -> None:
        self._shown, self._paused, self._voucher = True, paused, voucher
        self._timer.start(int(seconds * 1000))
        self.changed.emit()

    @Slot()
    def dismiss(self) -> None:
        """The person tapped "Back to home" (ignored while paused)."""
        if self._shown and not self._paused:
            self._recover()

    @Slot()
    def tapped(self) -> None:
        """A tap anywhere on the notice goes home, unless a voucher code is there to note down."""
        if not self._voucher:
            self.dismiss()

    def _recover(self) -> None:
        self._timer.stop()
        try:
            self._wipe_session()  # while the notice still covers the screen
        except Exception:
            log.exception("the session wipe after a bug failed")
        self._shown, self._paused, self._voucher = False, False, ""
        self._calm_since = time.monotonic()
        self.changed.emit()

    # -- what QML shows -------------------------------------------------------------------------------
    def _t(self, text: Text) -> str:
        return keep_chinese_words(text.zh) if self._language() == "zh_CN" else text.en

    @Property(bool, notify=changed)
    def shown(self) -> bool:
        """True while the notice covers the screen."""
        return self._shown

    @Property(bool, notify=changed)
    def canDismiss(self) -> bool:
        """False while the terminal is paused after repeated bugs (a tap would only start the loop again)."""
        return self._shown and not self._paused

    @Property(str, notify=changed)
    def title(self) -> str:
        """The notice's heading."""
        return self._t(PAUSED_TITLE if self._paused else TITLE)

    @Property(str, notify=changed)
    def message(self) -> str:
        """What happened to the citizen's business, as far as the kiosk knows it; never the bug itself."""
        if self._paused:
            return self._t(PAUSED)
        return self._t(ACCEPTED_BEFORE if self._voucher else RETURNING)

    @Property(str, notify=changed)
    def voucher(self) -> str:
        """The voucher code of a filing accepted before the bug, to note down; empty otherwise."""
        return self._voucher

    @Property(str, notify=changed)
    def buttonText(self) -> str:
        """The label of the button that goes home at once."""
        return self._t(BACK_HOME)


_installed: list[CrashHandler] = []  # the handler report_bug reaches is the last one installed


def report_bug(exc: BaseException, *, where: str) -> bool:
    """Hand a bug that code caught (an operation's on_error) to the crash handler; False when none is installed."""
    if not _installed:
        log.error("bug in %s:\n%s", where, describe_bug(exc).rstrip())
        return False
    _installed[-1].report(exc, where=where)
    return True


def log_qt_messages() -> None:
    """Qt's own messages (QML reports a failed Python call with its message) go to the kiosk log, masked."""
    qt_log = logging.getLogger("qt")

    def to_log(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", mask_personal(message))

    qInstallMessageHandler(to_log)
