"""Month and weekday names, in one place (metadata dates, event dates, the capitals repair)."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
WEEKDAYS: tuple[str, ...] = tuple("monday tuesday wednesday thursday friday saturday sunday".split())
# Month names that are common English words too: a capital only next to a day or a year.
AMBIGUOUS_MONTHS: tuple[str, ...] = ("may", "march", "august")


def month_number(name: str) -> int | None:
    """``'May'``, ``'sept'`` or ``'Dec.'`` to its number; None for anything else.

    >>> month_number("Sept"), month_number("dec."), month_number("mayor")
    (9, 12, None)
    """
    key = name.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    if len(key) >= 3:
        return next((n for m, n in MONTHS.items() if m.startswith(key)), None)
    return None
