"""An empty condition, `when = {}`: written, so it looks like a guard, and it always holds.

An author leaves `when = { }` as a placeholder, or empties one while trying things,
and the file still loads: every key of a condition is optional, so no key at all
is a condition that always holds. On a variant that means the scene's own text
never shows; on a choice or a reflection it is the same as no `when`; on an ending
or a branch of `next` it takes every run that gets there. Nothing else says so.
An empty `{ }` inside `any` makes the whole `any` hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.model.scenario import Condition
    from sim.problems import Problem


def empty_when_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """A warning at each `when` (or entry of `any`) that holds no key."""
    out: list[Problem] = []
    for loc, when, (effect, fix) in _conditions(scenario):
        empty = [i for i, clause in enumerate(when.any) if _is_empty(clause)]
        if _is_empty(when) and not when.any:
            out.append(
                where.problem(
                    loc,
                    f"this when {_tests_nothing(when)}, so it always holds: " + effect,
                    fix,
                    severity="warning",
                    code="empty-when",
                )
            )
        elif empty:
            clause = when.any[empty[0]]
            what = (
                "an empty { }" if not _lists(clause) else f"a {{ }} that {_tests_nothing(clause)}"
            )
            out.append(
                where.problem(
                    (*loc, "any", empty[0]),
                    f"this entry of any is {what}, so it always holds, and so does the "
                    "whole any: " + effect,
                    "write the alternative inside the braces, or remove this entry",
                    severity="warning",
                    code="empty-when",
                )
            )
    return out


# The keys that hold a list: written as `flags = []` (a placeholder, or the last name
# deleted), such a key tests nothing, and a when holding only those always holds.
_LIST_KEYS = ("flags", "not_flags", "visited", "not_visited", "any")


def _is_empty(clause: object) -> bool:
    """No key set, or only lists left empty: the clause tests nothing."""
    fields = getattr(clause, "model_fields_set", None)
    return fields is not None and all(
        name in _LIST_KEYS and not getattr(clause, name) for name in fields
    )


def _lists(clause: object) -> list[str]:
    """The keys written as an empty list, in the order the README lists them."""
    fields = getattr(clause, "model_fields_set", set())
    return [name for name in _LIST_KEYS if name in fields]


def _tests_nothing(clause: object) -> str:
    """'is empty', or 'tests nothing (flags = [] names no flag)' for keys left empty."""
    lists = _lists(clause)
    if not lists:
        return "is empty"
    written = " and ".join(f"{name} = []" for name in lists)
    return f"tests nothing ({written} {'names' if len(lists) == 1 else 'name'} nothing)"


_KEYS = (
    "min_trust, max_trust, min_empowerment, max_empowerment, flags, not_flags, visited, "
    "not_visited, any"
)

# what holding always does there, and the way out: a variant must have a when
_EFFECT = {
    "variants": (
        "this variant replaces the {owner}'s own text (and any variant below it) every time",
        "write the condition that should pick this variant inside the braces ({keys}), or "
        "remove the variant",
    ),
    "also": (
        "this paragraph is added to the ending's text every time",
        "write the condition that should add it inside the braces ({keys}), or move its "
        "text into the ending's own text",
    ),
    "choices": (
        "the line is always offered, as if it had no when",
        "write the condition inside the braces ({keys}), or remove the when",
    ),
    "next": (
        "this branch is always taken, and no branch below it ever is",
        "write the condition inside the braces ({keys}), or remove the when and make this "
        "branch the last one, the fallback",
    ),
    "endings": (
        '"@outcome" takes this ending for every run that no ending above it takes',
        "write the condition inside the braces ({keys}), or remove the when and move this "
        "ending last, as the fallback",
    ),
    "reflect": (
        "the reflection is asked after every run, as if it had no when",
        "write the condition inside the braces ({keys}), or remove the when",
    ),
}


def _conditions(
    scenario: Scenario,
) -> Iterator[tuple[tuple[object, ...], Condition, tuple[str, str]]]:
    """Every condition in the file, its key path, what holding always does there and
    the fix.

    The last ending's `when` is left to `sim.authoring.fallback`, which says it is never
    read at all.
    """
    last = list(scenario.endings)[-1:] or [None]
    for loc, when in scenario.conditions():
        if loc == ("endings", last[0], "when"):
            continue
        kind = loc[-3] if isinstance(loc[-2], int) else loc[0]
        effect, fix = _EFFECT[str(kind)]
        owner = "scene" if loc[0] == "scenes" else "ending"
        yield loc, when, (effect.format(owner=owner), fix.format(keys=_KEYS))
