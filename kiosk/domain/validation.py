"""The result type shared by all field validators: an error, warnings, and the normalised value."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """One bilingual message about a value."""

    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Checked:
    """What a validator says about one value: `error` blocks, `warnings` only inform."""

    value: str
    error: Problem | None = None
    warnings: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when nothing blocks the value."""
        return self.error is None
