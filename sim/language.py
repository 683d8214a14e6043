"""The language rules peer-sim knows: directive wording and stigmatising terms.

One place for them, so the author's lint (a coach line marked `honours` that
sounds directive; stigma in the coach's words, and unquoted in every other text
but a character's own, sim.authoring.stigma_text) and the cues on a trainee's
own words (`sim.cues`) can never disagree about what counts.
"""

from __future__ import annotations

import re

# "just" is directive as in "Just call them" or "you could just stop", not in
# "you just said" or "just as nervous": only its imperative uses count. After
# the speaker's own subject ("I just don't want...", "we just think") it is an
# adverb in a statement about the speaker, not an instruction.
_STATEMENT = "".join(
    rf"(?<!\b{subject}\s)" for subject in ("i", "we", "he", "she", "they", "it", "i'm", "we're")
)
_IMPERATIVE = (
    r"stop|try|go|call|do|get|say|tell|quit|don'?t|avoid|ask|pick|keep|stay|be|make|put|"
    r"come|let|give|take|find|leave|walk|think|focus|relax|breathe|trust|follow|listen"
)
# "It sounds like you need to know she is safe" reflects a need; it tells nobody to do
# anything (trainee playtest 10 got "reflection" and "directive" at once). After a
# reflection's stem the phrase is the person's, not the speaker's instruction.
_REFLECTED = "".join(
    rf"(?<!{stem} )"
    for stem in (
        "sounds like", "sounds as if", "seems like", "seems as if", "feels like",
        "feel like", "you feel", "you're feeling", "hear", "hear that", "saying",
    )
)  # fmt: skip
DIRECTIVE = re.compile(
    rf"{_REFLECTED}\b(?:you should|you need to|you have to|you must|you've got to)\b"
    r"|(?:^|[.!?;:]\s*)just\s+(?:" + _IMPERATIVE + r")\b"
    r"|\b(?:can|could|should|would|will|gotta|why don't you|why not)\s+(?:you\s+)?just\b"
    rf"|{_STATEMENT}\bjust\s+(?:{_IMPERATIVE}|need to|have to|got to)\b",
    re.IGNORECASE,
)
_PERSON = (
    r"you|you're|youre|you've|you are|you were|you was|he|she|they|he's|she's|they're|"
    r"i'm|im|i am|i was|we|we're|stay|stays|staying|stayed|get|gets|getting|got|"
    r"been|being|be|keep|keeping|remain|remaining|still|was|were|is|are"
)
STIGMA = re.compile(
    r"\b(addicts?|junkies|junkie|junky|(?:substance |drug |alcohol )?abusers?)\b"
    rf"|\b(?:{_PERSON})\s+(?:\w+\s+)?(clean|dirty)\b"
    r"|\b(clean|dirty)\s+(?:urine|tests?|screens?|drops?|uas?|samples?|time|dates?)\b"
    # "committed suicide" casts a death (or a wish to die) as a crime: the domain
    # brief's wrong patterns. Asking directly stays right; only the verb is the slip.
    r"|\b(commit(?:s|ted|ting)?\s+suicide)\b",
    re.IGNORECASE,
)
_STIGMA_STEMS = ("addict", "abuser", "junk", "clean", "dirty", "commit")
has_stigma_stem = re.compile("|".join(_STIGMA_STEMS)).search  # any stem in the lower-cased text
STIGMA_HINT = (
    "person-first language: say 'person who uses drugs', 'in recovery', 'not using', "
    "'positive test'; or mark the choice undermines person-first-language if the slip is the point"
)
SUICIDE_HINT = (
    "say 'died by suicide', or ask 'are you thinking about suicide?' or 'about killing "
    "yourself?', which asks just as directly; or mark the choice undermines "
    "person-first-language if the slip is the point"
)


def stigma_hint(term: str) -> str:
    """The words to say instead of a stigmatising `term` STIGMA found."""
    return SUICIDE_HINT if "suicide" in term.lower() else STIGMA_HINT
