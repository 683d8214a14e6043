"""The surface shapes the own-words cues read (`sim.cues`): lists of words anyone can read.

Each pattern names what it saw, and the cue quotes it ("it starts with 'which'"),
so a trainer can check every reading by eye. What no pattern knows gets no claim:
"That's hard." is a fine thing to say and no rule here knows its shape.

Questions follow the usual MI coding: an open question leaves the answer to the
person ("What would help?", "Which of those sounds like you?"); a closed one
asks for a yes or a no or a short fact ("Do you...?", "How many drinks?",
"..., right?"). Reflections say back what the person feels, wants or lives
through ("You're trying to...", "I can hear how...", "You've been...").
Found by playing the bundled scenarios in own words (trainee playtests 16-17):
"Which of those sounds like you?" was read as a reflection, "How about I call
her?" and "What's her number?" as open questions, and "You're terrified of
getting that call." as nothing.
"""

from __future__ import annotations

import re

OPEN_START = re.compile(
    r"^(?:what(?! if\b)|how(?! about\b)|tell me(?: more)? about|"
    r"tell me(?= (?:more|what|how|why|where|when|who|everything|a bit|a little))|"
    r"describe|help me understand|in what way|what's|how's|when you|walk me through|"
    # asked only with a question mark (`ASK_ONLY`): "Who cares" typed bare asks nothing
    r"which (?:of|one|part|feels|do you|would you|matters|weighs|sounds|fits)|"
    r"who (?:could|would|might|else|can you|do you)|"
    r"where (?:do|would|could|might) (?:you|we) (?:want|like|see|start|begin)|"
    r"where are you (?:at|leaning|with)|where would)\b",
    re.IGNORECASE,
)
ASK_ONLY = ("which", "who", "where")
# Openers that ask however the sentence ends ("Tell me about it."); the others
# ask only with a question mark or no end mark at all: "How awful." and "What I
# hear is..." start the same way and ask nothing.
REQUEST = ("tell me", "describe", "help me understand", "walk me through")
EXCLAIMS = re.compile(r"^what an?\b", re.IGNORECASE)  # "What a week you've had."
# Words a question often leans on before its real first word ("So, what do you think?")
LEAD_IN = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|now(?! that)|then|hey|alright|right)\b[\s,]*)+", re.IGNORECASE
)
# An opening clause a question is asked after ("Looking back, what do you notice?",
# "If you do go, would you take a kit?", "Whenever you're ready: what led up to it?")
INTRO = re.compile(
    r"^(?:(?:looking|thinking) (?:back|about|ahead)|now that|if|when|whenever|before|after|"
    r"once|whatever|given|since|as|before anyone)\b[^,:?]*[,:]\s*",
    re.IGNORECASE,
)
PREAMBLE = re.compile(r"^[^:?]*:\s*")  # "Two things first: what...?"
VOCATIVE = re.compile(r"^[\w'-]+,\s*")  # a name or a word before the question: "Sam, what...?"
# "Want to ask her now?" and "Mind if I sit?" drop their "Do you": yes-or-no all the same
CLOSED_START = re.compile(
    r"^(?:do|does|did|don't|doesn't|didn't|are|aren't|is|isn't|was|wasn't|were|weren't|can|can't|could|couldn't|will|won't|wouldn't|shouldn't|hasn't|"
    r"would|have|haven't|has|had|should|shall|may|might|am|want|mind)\b",
    re.IGNORECASE,
)
# A question after a short fact: a number, a length of time, a name or number on a form
FACT = re.compile(
    r"\bhow (?:many|long|often|old|far)\b|\bhow much(?=\?|$| did\b| have you\b| had\b)|"
    r"^what (?:time|day|date)\b|"
    r"^what(?:'s| is) (?:your|her|his|their) (?:address|number|phone number|name)\b",
    re.IGNORECASE,
)
# A statement with a yes-seeking tag: "What she doesn't know can't hurt her, right?"
TAG = re.compile(
    r",\s*(right|yeah|yes|okay|ok|all right|alright|"
    r"(?:is|are|was|were|do|does|did|have|has|can|could|will|wo|would|should)n't "
    r"(?:it|you|they|he|she|we|i|there))\?$",
    re.IGNORECASE,
)
# The coach's idea put as a question: it proposes rather than asks for theirs
SUGGESTS = re.compile(r"^(?:how about|why not|why don't (?:you|we|i))\b", re.IGNORECASE)
# Stock questions that argue rather than ask
RHETORICAL = re.compile(
    r"\b(?:what's the (?:worst|harm)|what have you (?:really )?got to lose|how hard can it be)\b",
    re.IGNORECASE,
)

_FEELING = (
    r"afraid|scared|terrified|frightened|worried|anxious|nervous|tired|exhausted|"
    r"worn (?:out|down)|angry|mad|furious|frustrated|upset|hurt|hurting|sad|lonely|"
    r"ashamed|embarrassed|guilty|torn|stuck|overwhelmed|relieved|proud|hopeful|grieving|"
    r"disappointed|heartbroken|devastated|shaken|numb|confused|unsure|fed up|sick of|done with"
)
_SOUNDS = (
    r"scary|hard|awful|painful|frightening|lonely|exhausting|overwhelming|heavy|tough|"
    r"rough|difficult|confusing|frustrating|upsetting|unfair|terrifying|sad|important|"
    r"unbearable|terrible|horrible|stressful|draining"
)
# Markers that say a reflection wherever they stand in a sentence
REFLECTION = re.compile(
    r"\b(?:it sounds like|sounds like|it sounds as if|part of you|so you're saying|"
    r"what i hear is|what i'm hearing|i'm hearing|i can hear|i hear (?:how|that|what|the|a lot)|"
    r"i can see (?:how|that|you're|you are)|"
    r"(?:it )?seems (?:like|to)|"
    # a reflection of feeling names it without "you": "That sounds really hard."
    r"(?:that|this) sounds|that must (?:be|have been)|that landed (?:hard|heavy|badly)|"
    # a value said back: "So staying alive matters to you." (trainee35: no cue at all)
    r"(?:matters|mattered|is important|means (?:a lot|so much|everything)) to you|"
    rf"that's a (?:{_SOUNDS}) (?:place|thing|spot)|"
    rf"sounds (?:so |really |pretty |very )?(?:{_SOUNDS}))\b",
    re.IGNORECASE,
)
# "You..." markers count only where "you" starts a clause: "You feel let down", "and
# you're carrying a lot"; never "why you feel this way", "make you feel like less" or
# "if you're feeling better", which are not said back to the person.
_ADVERB = r"(?:so |really |pretty |still |also |just |a (?:bit|little) |kind of |)"
YOU_REFLECTION = re.compile(
    r"(?:^|[,;:\u2013\u2014]\s*|\b(?:and|but|so|that|because|now|still|maybe|"
    r"i know|i get|i see|i guess|i imagine|i bet)\s+)"
    r"(you (?:feel|felt|seem|sound|want|wish|hope|miss|care|'d like|would like)|you've been|"
    rf"you(?:'re| are| were) {_ADVERB}(?:feeling|saying|wondering|not sure|trying|carrying|"
    rf"hoping|missing|struggling|dreading|holding|juggling|{_FEELING}))\b",
    re.IGNORECASE,
)
# Naming a diagnosis is an interpretation, not a reflection: "it sounds like
# depression to me", "what you're describing sounds like trauma"
LABEL = re.compile(
    r"\b(?:depression|trauma|ptsd|bipolar|disorder|denial|codependen\w*)\b", re.IGNORECASE
)


def asked_part(body: str) -> tuple[str, str]:
    """The part of a question that asks, and the opening passed over to find it: the
    words before a colon ("Whenever you're ready: what led up to it?"), an opening
    clause ("Looking back, what do you notice?") or a name ("Sam, what...?"). ("", body) when nothing is passed."""
    for pattern in (INTRO, PREAMBLE, VOCATIVE):
        m = pattern.match(body)
        if m and m.end() < len(body):
            rest = body[m.end() :]
            lead = LEAD_IN.match(rest)
            if lead and lead.end() < len(rest):
                rest = rest[lead.end() :]
            if OPEN_START.match(rest) or CLOSED_START.match(rest):
                return m.group(0).strip(" ,:"), rest
    return "", body


def reflection_marker(sentence: str) -> str | None:
    """The words that make `sentence` read as a reflection, or None: the first marker
    in it, unless what follows it names a diagnosis (`LABEL`)."""
    found = [m for m in (REFLECTION.search(sentence), YOU_REFLECTION.search(sentence)) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start(m.lastindex or 0))
    start = m.start(m.lastindex or 0)
    if LABEL.search(sentence, start):
        return None
    return quoted(m.group(m.lastindex or 0))


def quoted(words: str) -> str:
    """Words a rule saw, as a cue quotes them: lower case, but "I" ("it uses 'I can hear'")."""
    return re.sub(r"\bi\b", "I", words.lower())
