"""Decision numbers as a reader takes them in: runs of three or more as ranges.

A run that looped for 3,000 decisions listed "honoured 3000 (at 1, 2, 3, ... 3000)"
in the debrief, its exports and the past-runs view: a line no one reads and a page
that took long to lay out. Numbers in a row read as a range ("at 1-4, 7, 9-12"),
and a list still long after that (a loop of two scenes honours a principle at every
other decision) names its first pieces and counts the rest, since every decision is
listed once, in full, further down the debrief. One rule here, for the debrief's
sentences, the scorecard in every view, and the exports' copies of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MOST = 12  # pieces ("7" or "9-12") named before the rest are counted


def pieces(steps: Iterable[int]) -> list[str]:
    """`[1, 2, 3, 4, 7, 9, 10]` -> `["1-4", "7", "9", "10"]`: sorted, each once; a run of
    two stays two numbers ("9, 10" reads better than "9-10")."""
    out: list[str] = []
    ordered = sorted(set(steps))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{ordered[i]}-{ordered[j]}")
        else:
            out.extend(str(n) for n in ordered[i : j + 1])
        i = j + 1
    return out


def _named(steps: Iterable[int]) -> tuple[list[str], int]:
    """The pieces to name, and how many decisions the ones left out hold."""
    all_pieces = pieces(steps)
    if len(all_pieces) <= MOST:
        return all_pieces, 0
    rest = 0
    for piece in all_pieces[MOST:]:
        first, _, last = piece.partition("-")
        rest += int(last) - int(first) + 1 if last else 1
    return all_pieces[:MOST], rest


def steps_at(steps: Iterable[int]) -> str:
    """ "1-4, 7, 9, 10" for a scorecard's "(at ...)"; "..., 23 and 1,488 more" when long."""
    named, rest = _named(steps)
    if rest:
        return f"{', '.join(named)} and {rest:,} more"
    return ", ".join(named)


def steps_list(steps: Iterable[int]) -> str:
    """ "decision 3", "decisions 3 and 5", "decisions 1-4, 7 and 9-12": as a sentence says them."""
    named, rest = _named(steps)
    if not named:
        return "no decision"
    if len(named) == 1 and "-" not in named[0]:
        return f"decision {named[0]}"
    if rest:
        return f"decisions {', '.join(named)} and {rest:,} more"
    if len(named) == 1:
        return f"decisions {named[0]}"
    return f"decisions {', '.join(named[:-1])} and {named[-1]}"


MOST_POINTS = 40  # meter values a curve's numbers list before they are sampled


def curve_points(values: Sequence[int]) -> tuple[list[int], str]:
    """The meter values to print under a curve, and a note when they are a sample.

    A 3,000-decision run printed 3,003 numbers per meter ("50 → 50 → 50 ..."), some 270
    lines in the app and a minute read aloud. Past MOST_POINTS, one value every so many
    decisions is printed, the last always, and the note says how they were picked and
    where the lowest and highest were, so a dip between two samples is not hidden.
    """
    if len(values) <= MOST_POINTS:
        return list(values), ""
    every = -(-(len(values) - 1) // (MOST_POINTS - 1))  # ceiling: at most MOST_POINTS
    picked = list(range(0, len(values), every))
    if picked[-1] != len(values) - 1:
        picked.append(len(values) - 1)
    low, high = min(values), max(values)
    if low == high:
        where = f"it stayed at {low}"
    else:
        at_low, at_high = values.index(low), values.index(high)
        where = f"lowest {low} {_after(at_low)}, highest {high} {_after(at_high)}"
    note = f"(one value every {every} decisions of {len(values) - 1:,}; {where})"
    return [values[i] for i in picked], note


def _after(index: int) -> str:
    return "at the start" if index == 0 else f"after decision {index:,}"
