"""When personal data leaves the kiosk's store (DESIGN §4.9): what is due, counted from when.

- Acknowledged personal data (a filing's applicant data, answers and photos; a rating's comment and call-back
  number) is due `pii_retention_days` after the county acknowledged the record. Only an acknowledged record
  (outbox state "sent": accepted or duplicate) is ever due; pending, in-flight and rejected (quarantined)
  records never are, whatever their age.
- A photo no filing took (an abandoned session) is due an hour after it was taken.
- What a look-up by voucher or a reprinted receipt reads stays: service, voucher, masked lines, the county's
  status, and of the answers only the non-personal ones named to keep (how the result is collected).

Drafts, when they exist, will be one more `Purge` kind with its own span (`draft_days`, from the draft's
last change); the use case (kiosk.services.retention) runs every kind.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

ACKNOWLEDGED_STATE = "sent"
"""The only outbox state whose record the county holds: the county answered accepted or duplicate."""

UNCLAIMED_PHOTO_TTL = timedelta(hours=1)
"""A photo no filing took after this long was left by a citizen who walked away (sessions end sooner)."""


class Purge(StrEnum):
    """A kind of data that leaves the store, each on its own clock."""

    ACKNOWLEDGED_PII = "acknowledged_pii"  # counted from the county's acknowledgement
    UNCLAIMED_PHOTO = "unclaimed_photo"  # counted from when the photo was taken


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long each kind of data stays on the kiosk."""

    pii_retention_days: int
    unclaimed_photo_ttl: timedelta = UNCLAIMED_PHOTO_TTL

    def __post_init__(self) -> None:
        if self.pii_retention_days < 1:
            raise ValueError("pii_retention_days must be at least 1")

    def kept_for(self, kind: Purge) -> timedelta:
        """How long data of this kind stays after its clock starts."""
        if kind is Purge.ACKNOWLEDGED_PII:
            return timedelta(days=self.pii_retention_days)
        return self.unclaimed_photo_ttl

    def due_before(self, kind: Purge, *, now: datetime) -> datetime:
        """Data of this kind whose clock started at or before this moment is due now."""
        return now - self.kept_for(kind)


def is_due(started_at: datetime, *, kind: Purge, policy: RetentionPolicy, now: datetime) -> bool:
    """True when data of `kind` whose clock started at `started_at` leaves the store now."""
    return started_at <= policy.due_before(kind, now=now)


def answers_kept(answers: Mapping[str, str], *, keep: Collection[str]) -> dict[str, str]:
    """The answers that stay after the purge: only the named, non-personal ones."""
    return {key: value for key, value in answers.items() if key in keep}
