"""Use case: the quiet line the citizen sees while the kiosk works offline or records wait to upload."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.catalog import Text
from kiosk.services.runtime import KioskRuntime
from kiosk.services.status import queue_status

_KINDS = {  # what each kind of record is called, counted: zh measure word and noun, en singular and plural
    "filing": ("件办件", "filing", "filings"),
    "help_request": ("次求助", "call for help", "calls for help"),
    "rating": ("条评价", "rating", "ratings"),
}
"""Record kinds in the order the notice names them; a kind not listed is counted as a record."""


def _counted(kind: str, count: int) -> Text:
    zh, en_one, en_many = _KINDS.get(kind, ("条记录", "record", "records"))
    return Text(zh=f"{count} {zh}", en=f"{count} {en_one if count == 1 else en_many}")


@dataclass(frozen=True, slots=True)
class ServiceNotice:
    """Whether the county server is out of reach and, by kind, how many records wait to be sent."""

    offline: bool
    waiting: tuple[tuple[str, int], ...] = ()

    @property
    def line(self) -> Text | None:
        """A calm one-line notice, or None when the kiosk is online and nothing waits.

        Records are counted by kind: a call for help is not a filing ("1 件办件、1 次求助待上传").
        """
        counts = [_counted(kind, count) for kind, count in self.waiting if count]
        waiting = (
            Text(
                zh="、".join(c.zh for c in counts) + "待上传",
                en=", ".join(c.en for c in counts) + " to upload",
            )
            if counts
            else None
        )
        if self.offline and waiting:
            return Text(zh=f"离线办理中 · {waiting.zh}", en=f"Working offline · {waiting.en}")
        if self.offline:
            return Text(zh="离线办理中", en="Working offline")
        return waiting


def service_notice(kiosk: KioskRuntime) -> ServiceNotice:
    """Offline when not enrolled, halted, or the last push failed; waiting counts unsent records.

    The sync client (requests, the protocol models) is imported here, not at start: home shows first.
    """
    from kiosk.services.sync_round import read_link
    from kiosk.services.sync_status import sync_overview
    from sync.backoff import PUSH

    by_kind = queue_status(kiosk).pending_by_kind
    known = [(kind, by_kind[kind]) for kind in _KINDS if kind in by_kind]
    waiting = tuple(known + sorted((kind, n) for kind, n in by_kind.items() if kind not in _KINDS))
    if read_link(kiosk) is None:
        return ServiceNotice(offline=True, waiting=waiting)
    overview = sync_overview(kiosk)
    push = next(channel for channel in overview.channels if channel.channel == PUSH)
    return ServiceNotice(offline=overview.halt is not None or push.consecutive_failures > 0, waiting=waiting)
