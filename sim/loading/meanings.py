"""A value that means one of the allowed words but is another word: `difficulty =
"beginner"`, `outcome = "good"`, `"supports"` for honours, `critical = "legal-advice"`.

"Did you mean" finds a near spelling ("honors" -> "honours"); an author who writes the
word their own training materials use gets no suggestion, only the list. For
`critical` the list alone does not say which kind legal advice is, and the README asks
the author to pick the kind by what the line does, so the hint gives the kind with
the words the debrief will use for it. Words are matched by their start ("diagnos"
for diagnose and diagnosis); a value whose words point at two options gets nothing.
"""

from __future__ import annotations

import re

# option -> word starts an author may write for it, per field (told apart by its options)
_MEANINGS: dict[str, tuple[str, ...]] = {
    "introductory": ("begin", "basic", "easy", "intro", "start", "entry", "novice", "simple"),
    "intermediate": ("medium", "moderate", "mid", "interm", "normal", "standard"),
    "advanced": ("hard", "difficult", "expert", "challeng", "complex", "advance"),
    "strong": ("good", "best", "great", "success", "positive", "win", "excellent", "high"),
    "mixed": ("ok", "okay", "medium", "partial", "average", "middl", "fair", "moderate"),
    "poor": ("bad", "worst", "fail", "negative", "weak", "lose", "lost", "low"),
    "honours": ("honor", "support", "uphold", "respect", "follow", "good", "positive", "meet"),
    "undermines": (
        "undermin",
        "violat",
        "break",
        "broke",
        "ignor",
        "bad",
        "negative",
        "oppos",
        "contradict",
        "fail",
        "weaken",
        "against",
    ),
    "neutral": ("none", "na", "neither", "irrelevant", "unrelated"),
    "safety": ("safe", "suicid", "risk", "crisis", "harm", "secre", "overdos", "danger"),
    "confidentiality": ("confiden", "privac", "private", "consent", "disclos", "shar", "gossip"),
    "dual-relationship": (
        "sponsor",
        "friend",
        "money",
        "loan",
        "lend",
        "gift",
        "romanc",
        "romantic",
        "dual",
        "personal",
        "dating",
    ),
    "outside-role": (
        "legal",
        "law",
        "lawyer",
        "medic",
        "clinic",
        "counsel",
        "diagnos",
        "therap",
        "advice",
        "advis",
        "scope",
        "prescri",
        "dose",
    ),
}

# The debrief's words for each critical kind (sim.debrief.words.SLIP_WORDS says the same;
# a test holds them together), so the author sees what the trainee will read.
KIND_WORDS = {
    "safety": "a missed risk cue, no crisis referral, or secrecy promised to a person at risk",
    "confidentiality": "sharing information about someone without consent",
    "dual-relationship": "a personal tie beside the coaching: sponsor, friend, host, money or "
    "gifts, or a personal 24/7 line",
    "outside-role": "counselling, diagnosing, or medical or legal advice",
}


# Principle ids an author may write for the kind, since a line's principles and its
# critical kind sit side by side: the bundled catalogue's ids (a test holds them to it).
# Each names the kinds a slip against it can be; an empty tuple: none fits as such.
_PRINCIPLE_KINDS: dict[str, tuple[str, ...]] = {
    "crisis-referral": ("safety",),
    "boundaries": ("dual-relationship", "outside-role"),
    "confidentiality": ("confidentiality",),
    "no-imposed-beliefs": (),
    "encourage-openness": (),
    "active-listening": (),
    "emotional-support": (),
    "empowerment": (),
    "mindful-advice": (),
    "being-present": (),
    "connection": (),
    "multiple-pathways": (),
    "person-first-language": (),
    "purposeful-self-disclosure": (),
    "harm-reduction": (),
}


def principle_as_kind(options: list[str], value: str) -> str:
    """The hint for `critical = "boundaries"`: a principle id where a kind of slip goes.

    Near spellings and meanings miss it ("boundaries" is none of the four words, and
    "harm-reduction" would read as safety), so the author hears what the key takes,
    where the principle goes, and which kinds a slip against it can be.
    """
    if value not in _PRINCIPLE_KINDS or not {"safety", "outside-role"} <= set(options):
        return ""
    marked = f'it belongs in principles = {{ {value} = "undermines" }}'
    kinds = _PRINCIPLE_KINDS[value]
    if not kinds:
        return (
            f"'{value}' is a principle, not a kind of critical slip: {marked}; critical is for "
            "a missed risk, a breach of confidentiality, a dual relationship or stepping "
            "outside the peer role, and a line that is none of these is probably no critical "
            "slip: remove critical and let the meters and the why teach it"
        )
    said = " or ".join(f'critical = "{kind}" ({KIND_WORDS[kind]})' for kind in kinds)
    pick = "write" if len(kinds) == 1 else "pick the kind by what the line does,"
    return f"'{value}' is a principle, not a kind of critical slip: {marked}; {pick} {said}"


def _fits(word: str, start: str) -> bool:
    """A start of four letters or more begins the word; a shorter one is the whole word
    ("na" is not the start of "narrative", nor "law" of "lawn")."""
    return word.startswith(start) if len(start) >= 4 else word == start


def meaning_hint(options: list[str], value: str) -> str:
    """ "did you mean 'introductory'?" for a word that means one option, else ""."""
    words = [w for w in re.split(r"[^a-z/]+", value.lower()) if w]
    words = ["na" if w == "n/a" else w for w in words]
    meant = {
        option
        for option in options
        for word in words
        if any(_fits(word, start) for start in _MEANINGS.get(option, ()))
    }
    if len(meant) != 1:
        return ""
    (option,) = meant
    if option in KIND_WORDS:
        return f"did you mean '{option}'? That kind covers {KIND_WORDS[option]}"
    return f"did you mean '{option}'?"


def yes_for_a_word(name: str, options: list[str]) -> str:
    """`critical = true`, as if ticking a box: the key takes one of its words instead."""
    if not options:
        return ""
    what = "which kind of critical slip this line is" if name == "critical" else "a word"
    others = f" or another of {', '.join(repr(o) for o in options[1:])}" if options[1:] else ""
    return (
        f'{name} takes {what}, in quotes, not true or false: write {name} = "{options[0]}"{others}'
    )
