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
_TEST = re.compile(r"\b(?:urine|tests?|screens?|drops?|uas?|samples?)\b", re.IGNORECASE)
_SLIP_POINT = "or mark the choice undermines person-first-language if the slip is the point"


def words_instead(term: str) -> str:
    """What to say instead of a stigmatising `term` STIGMA found, as a sentence, fitting the
    term: a test result is not a person, and a death is not a question. One list for the
    trainee's cue (sim.cues), the author's lint and check's stigma rule: the lint offered
    "'person who uses drugs', ..., 'positive test'" for every term, and the cue offered
    person words for "dirty urine" and asking words for "my friend committed suicide"
    (ownwords40). The domain brief: a test is negative or positive, a death is "died by
    suicide", clean time is time in recovery."""
    low = term.lower()
    if "committed suicide" in low:  # said of a death ("my friend committed suicide")
        return "'died by suicide' says it of a death without the crime in it."
    if "suicide" in low:
        return "'thinking about suicide' or 'killing yourself' asks just as directly."
    if _TEST.search(term):
        return "a test result is 'negative' or 'positive'."
    if re.search(r"\bclean (?:time|dates?)\b", low):
        return "'time in recovery' or 'time not using' says it without the label."
    if re.search(r"\b(?:clean|dirty)\b", low):
        return "person-first language says 'in recovery', 'not using' or 'using'."
    return "person-first language says 'person who uses drugs' or 'person in recovery'."


def stigma_hint(term: str) -> str:
    """The words to say instead of a stigmatising `term` STIGMA found (the lint's hint)."""
    return f"{words_instead(term).rstrip('.')}; {_SLIP_POINT}"
