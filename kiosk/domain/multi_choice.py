"""Multiple-choice answers: the chosen values, comma-separated, always in the catalog's order."""

from __future__ import annotations

from kiosk.domain.catalog import FormField
from kiosk.domain.validation import Checked, Problem

SEPARATOR = ","
UNKNOWN_OPTION = Problem("请从选项中选择", "Please pick from the options.")


def split_choices(answer: str) -> tuple[str, ...]:
    """The chosen values of an answer, as stored (blank parts dropped)."""
    return tuple(part.strip() for part in answer.split(SEPARATOR) if part.strip())


def toggle_choice(form_field: FormField, answer: str, value: str) -> str:
    """The answer with `value` chosen if it was not, unchosen if it was; unknown values change nothing."""
    known = [choice.value for choice in form_field.choices]
    if value not in known:
        return answer
    chosen = set(split_choices(answer))
    chosen.symmetric_difference_update({value})
    return SEPARATOR.join(option for option in known if option in chosen)


def check_multi_choice(form_field: FormField, raw: str) -> Checked:
    """Every chosen value is an option of the field; the value lists each once, in catalog order."""
    chosen = split_choices(raw)
    known = [choice.value for choice in form_field.choices]
    if any(value not in known for value in chosen):
        return Checked(value="", error=UNKNOWN_OPTION)
    return Checked(value=SEPARATOR.join(option for option in known if option in chosen))
