"""Which principle is weakest: one rule for the progress screen and the debrief.

After a first run the debrief's "A principle to practise" and the progress screen's
"Next" named two different principles (trainee playtest 18), because each ordered
them its own way. Both now sort by this key, so they agree by construction.
"""

from __future__ import annotations

# The principle each kind of critical slip most plainly breaks: what a trainee is told to
# practise after one (and the author's hint when a slip undermines no principle).
BROKEN_BY = {
    "safety": "crisis-referral",
    "confidentiality": "confidentiality",
    "dual-relationship": "boundaries",
    "outside-role": "boundaries",
}

# The rule in a trainee's words: which principle each kind of slip places first, as
# `BROKEN_BY` does (the principle's short name, then the slip). "Each principle a critical
# slip undermined first" was the old rule's words, and stayed after it changed (records37):
# Ben read harm reduction, undermined by his dual-relationship slips' lines, as placed first.
BROKEN_WORDS = {
    "safety": ("crisis referral", "a safety slip"),
    "confidentiality": ("confidentiality", "a breach of it"),
    "dual-relationship": ("boundaries", "a dual relationship"),
    "outside-role": ("boundaries", "stepping outside the peer role"),
}


def broken_words(kinds: list[str] | tuple[str, ...] | set[str] = ()) -> str:
    """ "crisis referral for a safety slip, confidentiality for a breach of it, boundaries
    for a dual relationship or stepping outside the peer role": which principle each kind
    in `kinds` places first (every kind, with none given), in `BROKEN_BY`'s order."""
    wanted = [k for k in BROKEN_WORDS if not kinds or k in kinds]
    by: dict[str, list[str]] = {}
    for kind in wanted:
        name, slip = BROKEN_WORDS[kind]
        by.setdefault(name, []).append(slip)
    return ", ".join(f"{name} for {' or '.join(slips)}" for name, slips in by.items())


# Below this many lines judged (honoured or undermined), a share is said with its count:
# "Weakest so far: Use person-first language (0%)" from a single line read as a firm
# verdict (progress40). The order already weighs such a share less (`weakness_key`); the
# words say how little it rests on wherever a weakest principle's share is shown
# (`progress`, `report`, the app's progress screen).
FEW_LINES = 3
FEW_WORDS = "too few lines to judge yet"


def few_lines(honoured: int, undermined: int) -> str:
    """ "from 1 line", "from 2 lines"; "" from none or from `FEW_LINES` or more."""
    judged = honoured + undermined
    return f"from {judged} line{'' if judged == 1 else 's'}" if 0 < judged < FEW_LINES else ""


def share_words(honoured: int, undermined: int) -> str:
    """ "40%", or "0% from 1 line" when fewer than `FEW_LINES` lines were judged."""
    judged = honoured + undermined
    pct = f"{round(honoured / judged * 100) if judged else 0}%"
    few = few_lines(honoured, undermined)
    return f"{pct} {few}" if few else pct


def broke_rank(kinds: list[str] | tuple[str, ...]) -> int:
    """How plainly slips of these `kinds` broke a principle they undermined (each kind's
    `BROKEN_BY` is that principle): 2 for a safety slip, whose principle (asking about risk,
    connecting to help) comes before any other to practise, 1 for another kind, 0 none."""
    return max((2 if kind == "safety" else 1 for kind in kinds), default=0)


def weakness_key(
    honoured: int,
    undermined: int,
    principle_id: str,
    at_slips: int = 0,
    broke_by: tuple[str, ...] | list[str] = (),
) -> tuple[bool, int, float, int, int, str]:
    """Weakest first. The rule, one for progress, report, the app and the debrief:

    A principle is placed before every other only by a critical slip of the kind that
    breaks it (`BROKEN_BY`; `broke_by`: the kinds of such slips that undermined it, in this
    run for the debrief, in a run not yet followed by one that honoured it for progress),
    a safety slip's first. The other principles the slip's line undermined count as
    ordinary undermines (and `at_slips` breaks their ties): three dual-relationship slips
    that also undermined harm reduction put "harm reduction (88%)" above boundaries at 40%
    as the weakest, and the next scenario followed it (records37). Then the share honoured
    as if one honour and one slip were added, so one slip on a principle met once does not
    outrank a pattern of slips; more slips break ties, then slips at a critical slip
    (`at_slips`: the times it was undermined by a line that was a critical slip), then the
    id (a stable order).

    After one run several principles tie on everything else: in a First Meeting run with
    critical slips at decisions 3 and 11 the alphabet named "Be present", while both slips
    had undermined "Keep warm, clear boundaries", the slips the summary opens with.

    A critical slip leads, not only breaks ties: Be My Sponsor played with every first line
    (a dual relationship at decision 1, boundaries 2 of 6) named "Listen actively" (0 of 2)
    as the one to practise, under a debrief that opens with the boundary slip that capped
    the ending (trainee playtests 24 and 26). A slip caps the ending however the rest goes,
    so it is what the trainee most needs to practise next.

    Of the principles a slip undermined, only the one its kind breaks leads: a breach of
    confidentiality in A Different Path undermines confidentiality and boundaries alike,
    and boundaries, undermined once more, was named as the one to practise (programme28).
    """
    share = (honoured + 1) / (honoured + undermined + 2)
    broke = broke_rank(broke_by)
    return (not broke, -broke, share, -undermined, -at_slips, principle_id)
