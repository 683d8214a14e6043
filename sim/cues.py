"""Cues on a trainee's own words, by simple rules anyone can read: no model.

In own-words practice the trainee types what they would say before seeing
the lines. Motivational interviewing is trained by producing reflections and
open questions, and its standard measures count them (open vs closed
questions, reflections, the reflection-to-question ratio). These rules spot
the surface shapes only, so every cue says what its rule saw ("this reads as
a closed question: it starts with 'Do'"), never that the words were wrong.

The directive and stigma rules are the author lint's own (`sim.language`),
so a line the lint calls directive always gets the directive cue here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from sim.cue_shapes import (
    ASK_ONLY,
    CLOSED_START,
    EXCLAIMS,
    FACT,
    LEAD_IN,
    OPEN_START,
    REQUEST,
    RHETORICAL,
    SUGGESTS,
    TAG,
    asked_part,
    quoted,
    reflection_marker,
)
from sim.language import DIRECTIVE, STIGMA, has_stigma_stem, words_instead
from sim.safety_questions import (
    ASKS_ABOUT_SUICIDE,
    BRINGS_IN_SUPERVISOR,
    NAMES_SUPERVISOR,
    OFFERS_HELP,
    RISK_FOLLOW_UP,
    Said,
    Scenario,
    crisis_at,
)
from sim.text import JOINERS, clean_line, first_words

MAX_WORDS = 2_000  # characters of typed words kept: a long paste is cut, never a hang

SENTENCE = re.compile(r"[^.!?]+[.!?]*")

# Words with no shape any rule knows ("Eight months of doing good. And then something
# changed."): many good reflections say back what was heard with no marker at all, and
# silence there read as a verdict, or as the rules having broken. So the entry gets a
# neutral note of what the rules looked for and could not judge: never counted, never
# praise or blame (a trainee in playtest 17 wrote a fine reflection and heard nothing).
# "A statement without the reflection words" under a plain explanation of confidentiality
# told a trainee who was not reflecting about reflecting (trainee35): the note says what
# the rules looked for and found none of, and what they cannot tell, reflection or not.
# "...so they say nothing of it: whether it says back what you heard, explains or offers
# something, they cannot tell" said something right after saying it would not, and a
# trainee met it at every other turn of an own-words run (trainee40): it says what they
# cannot tell, once.
STATEMENT = (
    "These rules found no question here and none of the reflection words they know ('it "
    "sounds like', 'you feel'…), so they cannot tell whether it says back what you heard, "
    "explains, or offers something."
)
# Where a reflection runs on into a question in one sentence ("You seem a bit heavy
# tonight, what's going on?"): a comma, semicolon or dash between the two.
CLAUSE = re.compile(r"\s*[,;]\s+|\s+[-\u2013\u2014]\s+")
# Where a request can start a later part of a sentence ("I know it's been hard, but
# tell me about day 71 here", trainee37): after a comma, semicolon, colon or dash, or
# after "and", "but" or "so".
LATER = re.compile(r"\s*[,;:]\s*|\s+[-\u2013\u2014]\s+|\s+(?:and|but|so)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    kind: str  # empty, one-word, open-question, closed-question, safety-question, question,
    # reflection, directive, stigma, or statement (no rule knew the words: `STATEMENT`)
    message: str


@dataclass(frozen=True)
class Counts:
    open_questions: int = 0
    closed_questions: int = 0
    reflections: int = 0
    directive: int = 0
    safety_questions: int = 0  # asked as crisis practice asks: counted apart, never as closed

    @property
    def ratio(self) -> float | None:
        """Reflections per question, the MI measure; None before any question.

        Safety questions stay out of it: counted in, a trainee who asked about a plan
        and the means as crisis practice asks would see their ratio fall for it."""
        questions = self.open_questions + self.closed_questions
        return None if questions == 0 else self.reflections / questions


def _kept(ch: str) -> bool:
    """Printable, or one of the invisible characters writing needs: the joiners (Persian,
    Hindi and emoji sequences such as a family) and the tags of flag emoji. Turned into
    spaces, they broke words apart ('👩‍👩‍👧' became '👩 👩 👧', adversarial-6)."""
    return ch.isprintable() or ch in JOINERS or "\U000e0020" <= ch <= "\U000e007f"


def clean_words(text: str) -> str:
    """Typed words as plain text, by the gate's one rule for prose on one line
    (`sim.text.clean_line`): an escape sequence goes whole, so a pasted colour code
    leaves nothing behind (turning each control character into a space left the
    visible "[31m" among the words in the plain player, while the app's box dropped
    it); then whitespace collapsed and the length capped. The app's box
    (`plain_value`) uses the same rule, so both keep the same words."""
    return _words(text)[:MAX_WORDS]


def _words(text: str) -> str:
    kept = "".join(ch if _kept(ch) else " " for ch in clean_line(text[: MAX_WORDS * 2]))
    return " ".join(kept.split())


def words_cut(text: str) -> bool:
    """Whether `clean_words` leaves some of `text` out (a paste longer than MAX_WORDS), so
    the trainee can be told: a 100 kB paste was kept as its first 2,000 characters with
    no word said, the record ending mid-word."""
    return len(_words(text)) > MAX_WORDS


def cues(words: str, crisis: bool = False) -> list[Cue]:
    """What the rules see in one entry of the trainee's words, in reading order.

    `crisis`: a crisis is on the table at this decision (`decision_cues` and
    `typed_cues` work it out from the run), so a yes-or-no follow-up about risk is
    a safety question. A sentence after a direct question about suicide in the same
    entry ("Are you thinking about suicide? Do you have a plan?") is one too.
    """
    text = clean_words(words)
    if not text:
        return [Cue("empty", "Nothing was typed here.")]
    out: list[Cue] = []
    if len(text.split()) == 1:
        out.append(
            Cue("one-word", "One word: a reflection or an open question usually needs a few more.")
        )
    sentences = [part for s in SENTENCE.findall(text) if s.strip() for part in _clauses(s.strip())]
    for sentence in sentences:
        found = _sentence(sentence, crisis)
        crisis = crisis or any(c.kind == "safety-question" for c in found)
        if len(sentences) > 1:  # "it starts with 'how'" of a line that starts "I'm so sorry"
            said = sentence if len(sentence) <= 40 else first_words(sentence, chars=39)
            found = [
                replace(c, message=c.message.replace("This reads as", f"“{said}” reads as", 1))
                for c in found
            ]
        out += found
    for phrase in directive_phrases(text):
        out.append(
            Cue(
                "directive",
                f"'{phrase}' is directive wording: it tells rather than asks or offers.",
            )
        )
    if has_stigma_stem(text.lower()):
        for m in STIGMA.finditer(text):
            out.append(
                Cue(
                    "stigma",
                    f"'{m.group(0)}' is a stigmatising term; " + words_instead(m.group(0)),
                )
            )
    if not out:  # a statement no rule knows: say what was looked for, claim nothing
        out.append(Cue("statement", STATEMENT))
    return out


def _clauses(sentence: str) -> list[str]:
    """A sentence that says a reflection and then asks, split in two so each is read: "You
    seem a bit heavy tonight, what's going on?" counted as a reflection alone, its open
    question lost (trainee35). A sentence can be both; each cue quotes its own part.

    Split only where the words before the break have a reflection's words and the words
    after it start a question a rule knows (an open start, or a yes-or-no start ending in
    "?"); a yes-seeking tag ("You feel stuck, don't you?") stays one closed question."""
    if TAG.search(sentence):
        return [sentence]
    for m in CLAUSE.finditer(sentence):
        head, rest = sentence[: m.start()], sentence[m.end() :]
        lead = LEAD_IN.match(rest)
        asked = rest[lead.end() :] if lead and lead.end() < len(rest) else rest
        question = OPEN_START.match(asked) or (rest.endswith("?") and CLOSED_START.match(asked))
        if question and reflection_marker(head) and _sentence(rest):
            return [head + sentence[m.start() : m.end()].rstrip(), rest]
    return [sentence]


def directive_phrases(text: str) -> list[str]:
    """The directive phrases in `text`, lower-cased; matches run together are one phrase.

    "you should just go" matched twice ("you should", then "just go"): two cues for one
    instruction, and the debrief counted 5 directive phrases in a run of 3 (trainee33).
    """
    spans: list[list[int]] = []
    for m in DIRECTIVE.finditer(text):
        # run together: only spaces between, and no new sentence ("...to. Just go.")
        if spans and not text[spans[-1][1] : m.start()].strip() and text[m.start()].isalpha():
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    return [text[a:b].strip(" .!?;:").lower() for a, b in spans]


# "clean" or "dirty" said of a test ("dirty urine", "a clean screen"): STIGMA's own nouns


def _sentence(sentence: str, crisis: bool = False) -> list[Cue]:
    """One sentence's shape: a safety question, an open question, a closed one, or a
    reflection (the word lists are `sim.cue_shapes`).

    A closed start ("do", "are", "is", "can", "have") counts only with a
    question mark, since "Do it." is an instruction, not a question; and with
    one it is a closed question even when a reflection's words follow ("Do you
    feel safe?" asks for a yes or a no), unless it is a safety move
    (`sim.safety_questions`), whose yes-or-no shape is the point. An open start
    ("what", "how") counts with a question mark or with no end mark at all (typed
    without one); a request ("tell me about") however it ends; "which", "who" and
    "where" only with a question mark. Lead-in words ("so", "and") and an opening
    clause ("Looking back,") are passed over to find the first real word.
    """
    asks = sentence.endswith("?")
    lead = LEAD_IN.match(sentence)
    body = sentence[lead.end() :] if lead and lead.end() < len(sentence) else sentence
    part = asked_part(body)[1] if asks else body
    passed = quoted(sentence[: len(sentence) - len(part)].strip(" ,:"))
    after = ""
    if passed:
        shown = passed if len(passed) <= 30 else first_words(passed, chars=30)
        after = f" (after '{shown}')"
    # an open question stays one ("What would you use?"): only a yes-or-no shape was at risk
    yes_or_no = CLOSED_START.match(part) or not OPEN_START.match(part)
    safety = _safety(body, crisis, yes_or_no) if asks else None
    if safety is not None:
        return [safety]
    if asks:
        shape = _question(sentence, part, after)
        if shape is not None:
            return [shape]
    else:
        opener = OPEN_START.match(body)
        word = opener.group(0).lower() if opener else ""
        unmarked = not sentence.endswith((".", "!"))
        asked = word.startswith(REQUEST) or (unmarked and not EXCLAIMS.match(body))
        if word and not word.startswith(ASK_ONLY) and asked:
            return [
                Cue(
                    "open-question",
                    f"This reads as an open question: it starts with '{word}'{after}.",
                )
            ]
    marker = reflection_marker(sentence)
    if marker:
        return [Cue("reflection", f"This reads as a reflection: it uses '{marker}'.")]
    later = _later_request(sentence)
    if later is not None:
        return [later]
    if not asks:
        return []
    return [
        Cue(
            "question",
            "This reads as a question; these rules cannot tell whether it is open or closed.",
        )
    ]


def _later_request(sentence: str) -> Cue | None:
    """A request ("tell me about", "describe", "help me understand", "walk me through")
    that starts a later part of a sentence no other rule read, counted as it is at the
    start: an open question however the sentence ends. Only requests: a later "how"
    also starts an argument ("This is a lot to carry, and how can you help her if
    you're falling apart?", a bundled line), so it stays a question of no known shape."""
    for m in LATER.finditer(sentence):
        rest = sentence[m.end() :]
        lead = LEAD_IN.match(rest)
        rest = rest[lead.end() :] if lead and lead.end() < len(rest) else rest
        opener = OPEN_START.match(rest)
        word = opener.group(0).lower() if opener else ""
        if not word.startswith(REQUEST):
            continue
        head = quoted(sentence[: m.start()].strip())
        shown = head if len(head) <= 30 else first_words(head, chars=30)
        return Cue(
            "open-question",
            f"This reads as an open question: '{word}' starts its later part (after '{shown}').",
        )
    return None


def _question(sentence: str, part: str, after: str) -> Cue | None:
    """The shape of a sentence ending in a question mark, read from `part` (what is left
    after lead-ins and an opening clause); None when no question rule knows it, so a
    reflection said with a rising end ("So you're saying it helped?") stays one."""
    tag = TAG.search(sentence)
    if tag:
        return Cue(
            "closed-question",
            f"This reads as a closed question: it ends with '{tag.group(1).lower()}?', which "
            "invites a yes or a no.",
        )
    fact = FACT.search(part)
    if fact:
        return Cue(
            "closed-question",
            f"This reads as a closed question: it asks '{fact.group(0).lower()}'{after}, "
            "which invites a short fact.",
        )
    closed = CLOSED_START.match(part)
    if closed:
        return Cue(
            "closed-question",
            f"This reads as a closed question: it starts with '{closed.group(0).lower()}'"
            f"{after}, which invites a yes or a no.",
        )
    suggests = SUGGESTS.match(part)
    if suggests:
        return Cue(
            "question",
            f"This reads as a suggestion put as a question: it starts with "
            f"'{suggests.group(0).lower()}'{after}, which offers an idea rather than asking "
            "for theirs.",
        )
    rhetorical = RHETORICAL.search(part)
    if rhetorical:
        return Cue(
            "question",
            f"This reads as a question that argues rather than asks: "
            f"'{rhetorical.group(0).lower()}' seldom wants an answer.",
        )
    opener = OPEN_START.match(part)
    if opener:
        return Cue(
            "open-question",
            f"This reads as an open question: it starts with '{opener.group(0).lower()}'{after}.",
        )
    return None


def _safety(body: str, crisis: bool, yes_or_no: object) -> Cue | None:
    """The safety question a question is, if it is one (rules in `sim.safety_questions`);
    None for every other question. A direct question about suicide is named so however
    it starts; help, the supervisor and risk follow-ups only when `yes_or_no` (not an
    open start)."""
    if ASKS_ABOUT_SUICIDE.search(body):
        return Cue(
            "safety-question",
            "This asks about suicide directly, as crisis practice asks it: a plain "
            "yes-or-no question is right here (asking does not plant the idea).",
        )
    if not yes_or_no:
        return None
    help_ = OFFERS_HELP.search(body)
    if help_:
        return Cue(
            "safety-question",
            f"This offers crisis help (it says '{help_.group(0)}'): a plain yes-or-no "
            "question is right here, so it is not counted as a closed question.",
        )
    supervisor = BRINGS_IN_SUPERVISOR.search(body) or (crisis and NAMES_SUPERVISOR.search(body))
    if supervisor:
        return Cue(
            "safety-question",
            f"This involves your supervisor (it says '{supervisor.group(0).lower()}'): a plain "
            "yes-or-no question is right here, so it is not counted as a closed question.",
        )
    risk = RISK_FOLLOW_UP.search(body) if crisis else None
    if risk:
        return Cue(
            "safety-question",
            f"This asks about safety (it says '{risk.group(0).lower()}') with a crisis on "
            "the table: a plain yes-or-no question is right here, so it is not counted as "
            "a closed question.",
        )
    return None


def count(entries: Iterable[str | list[Cue]]) -> Counts:
    """The run's counts across every entry: its words, or the cues already read off them
    (`run_cues`, which knows where a crisis was on the table)."""
    tally = dict.fromkeys(
        ("open-question", "closed-question", "reflection", "directive", "safety-question"), 0
    )
    for entry in entries:
        for cue in cues(entry) if isinstance(entry, str) else entry:
            if cue.kind in tally:
                tally[cue.kind] += 1
    return Counts(*tally.values())


class _Offer(Protocol):
    index: int


class _State(Protocol):
    scene: str
    decisions: Sequence[Said]


class Run(Protocol):
    """What is read of a run waiting at a decision (sim.engine's Run, a layer above)."""

    scenario: Scenario

    @property
    def state(self) -> _State: ...

    def offers(self) -> Sequence[_Offer]: ...


def typed_cues(run: Run, words: str) -> list[Cue]:
    """The cues on words typed at the decision `run` waits at, read with what was said
    before it and the lines on offer now (`crisis_at`)."""
    offered = [offer.index for offer in run.offers()]
    return cues(words, crisis_at(run.scenario, run.state.scene, run.state.decisions, offered))


def run_cues(scenario: Scenario, decisions: Sequence[Said]) -> list[list[Cue]]:
    """Each decision's cues, each read with what the run had said before it (`crisis_at`):
    the one reading the app, the plain player, the debrief and its counts share."""
    return [last_cues(scenario, decisions[: step + 1]) for step in range(len(decisions))]


def last_cues(scenario: Scenario, decisions: Sequence[Said]) -> list[Cue]:
    """The cues on the words of the last of `decisions`, read with the ones before it."""
    d = decisions[-1]
    return cues(d.words, crisis_at(scenario, d.scene, decisions[:-1], d.offered))
