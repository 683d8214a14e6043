"""A class sharing one store: trainee names, and the summary a trainer reads.

When peer-sim is served to a room (`peer-sim serve`), every browser tab asks
for a name or code and its runs carry it; the trainer then wants the room at a
glance rather than one trainee at a time: who played what, how it ended, and
which principles the class as a whole finds hardest (what to teach next).
Plain data here; `sim.records.class_text` writes it as the text `peer-sim report`
prints and the app shows on its class summary screen, `sim.records.class_export` as
CSV and JSON.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim.look_alike import look_alike
from sim.records.progress import (
    PrincipleProgress,
    ScenarioInfo,
    Tally,
    next_scenario,
    weakest_of,
)
from sim.records.record import critical_slips, run_seconds, slips_so_far, taken_back_of
from sim.records.scenario_names import ScenarioNames
from sim.records.stored import StoredRun
from sim.text import BLANK_LETTERS, JOINERS, brief, invisible_name, name_key, seen

if TYPE_CHECKING:
    from sim.records.store import Store

MAX_NAME = 40
OWNER = "(your own runs)"  # how the runs with no trainee name are labelled


# The scripts whose spelling uses a joiner (the Arabic script's Persian and Urdu, the
# Indic scripts' half forms), by the first word of their letters' Unicode names.
_JOINING = frozenset(
    [
        "ARABIC",
        "SYRIAC",
        "NKO",
        "MANDAIC",
        "MONGOLIAN",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
    ]
)


def _joins(name: str, at: int) -> bool:
    """Is `name[at]` a joiner between two letters of a script that writes with one, or
    beside an emoji?

    That is spelling: a Persian name written with its non-joiner, a Hindi half form,
    an emoji family. Anywhere else (between Latin, Cyrillic or Greek letters, at an
    end) it is invisible, and would let 'an\u200dn' pass for 'ann' or 'Ан\u200cна'
    for 'Анна', so it is refused there.
    """
    if name[at] not in JOINERS or not 0 < at < len(name) - 1:
        return False
    return all(_writes_with_joiner(ch) for ch in (name[at - 1], name[at + 1]))


def _writes_with_joiner(ch: str) -> bool:
    """An emoji (or its variation selector), or a letter or mark of a joining script."""
    category, named = unicodedata.category(ch), unicodedata.name(ch, "")
    if category[0] == "S" or named.startswith("VARIATION SELECTOR"):
        return True
    return category[0] in "LM" and named.split(" ")[0] in _JOINING


MAX_MARKS = 4  # combining marks on one letter: more than any script writes (Vietnamese two)


def stacked_marks(name: str) -> bool:
    """Starts with a combining mark, or piles more than MAX_MARKS on one letter."""
    run = 0
    for i, ch in enumerate(name):
        if unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            if i == 0 or run > MAX_MARKS:
                return True
        else:
            run = 0
    return False


class TraineeNameError(ValueError):
    """A trainee name that cannot be used; the message says why, for the trainee."""


def tidy_name(text: str) -> str:
    """A name as kept: surrounding spaces gone, inner runs of spaces (a tab, a no-break
    space) one space, and one spelling of 'ë' (NFC)."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def name_problem(name: str, limit: int = MAX_NAME) -> str:
    """Why a name (tidied, not empty) cannot be kept and shown, for the person who typed it;
    "" when it can.

    One rule for every name peer-sim keeps and prints: a trainee's (`clean_name`), and the
    store's own name and programme (`identity --name/--programme`), which were two similar
    checks (programme28): a control or formatting character is refused rather than
    silently dropped, since that could turn one name into another (a joiner is spelling
    between letters of a script that writes with one); accents alone or piled on one
    letter draw over the lines around; a name that draws as blank space is no name.
    """
    if len(name) > limit:
        return f"At most {limit} characters, please."
    hidden = next(
        (
            i
            for i, ch in enumerate(name)
            # a letter that draws as blank space hides in a name as a control does:
            # 'Sam\u3164' passed as a trainee beside 'Sam' (its identity check refused it)
            if (unicodedata.category(ch)[0] == "C" and not _joins(name, i)) or ch in BLANK_LETTERS
        ),
        None,
    )
    if hidden is not None:
        # which character, and where: one pasted in cannot be seen to be deleted
        what = (
            invisible_name(name[hidden])
            or f"a character no one can see (U+{ord(name[hidden]):04X})"
        )
        where = f"after '{brief(name[:hidden], 30)}'" if hidden else "at the start"
        return f"Letters, digits, spaces and punctuation only, please: this holds {what} {where}."
    if stacked_marks(name):
        # a name of accents alone ('\u0301\u0301') stacks on whatever a list prints before
        # it, and forty on one letter smear over the lines around (adversarial-9)
        return "Letters with a few accents at most, please."
    if not seen(name):
        # 'ㅤ' (a Hangul filler, a letter to Unicode) was a trainee of their own, listed
        # in the report and `runs` as a blank name (adv26)
        what = (
            invisible_name(name[0]) or f"a character that shows as nothing (U+{ord(name[0]):04X})"
        )
        return f"Letters that show, please: this name draws as blank space ({what} at the start)."
    return ""


def clean_name(text: str) -> str:
    """A trainee's name or code as typed, made safe to keep and show (`name_problem`).
    Names compare without regard to case."""
    name = tidy_name(text)
    if not name:
        raise TraineeNameError("Type a name or a code (your trainer may have given you one).")
    problem = name_problem(name)
    if problem:
        raise TraineeNameError(problem)
    if name_key(name) == name_key(OWNER):
        # the class summary's label for the unnamed runs: a trainee so named was
        # listed twice under it and left out of the trainee count
        raise TraineeNameError(f"{OWNER} labels the runs with no name; choose another.")
    return name


@dataclass(frozen=True)
class Slip:
    """A critical slip in one run, and where a trainer finds it."""

    run: int
    scenario: str  # its title
    mode: str
    decision: int
    kind: str
    place: str = ""  # the records folder, when the summary reads several (run ids repeat)
    scenario_id: str = ""  # titles repeat (a copy edited under a new file name keeps its title)
    digest: str = ""  # the run's content hash: one scenario edited between runs is two versions

    @classmethod
    def of(cls, run: StoredRun, decision: int, kind: str, place: str) -> Slip:
        """The slip at `decision` of `run`: kept, taken back, or in a run left unfinished."""
        return cls(
            run.id,
            run.scenario_title,
            run.mode,
            decision,
            kind,
            place,
            run.scenario_id,
            run.digest,
        )

    def where(self) -> str:
        """'run 2', or 'run 2 in /srv/room-b' when the summary reads several folders."""
        return f"run {self.run}" + (f" in {self.place}" if self.place else "")


@dataclass
class Assessed:
    """One trainee's assessment runs of one scenario: what a trainer grading the class reads.

    The trainee's line counts outcomes over every scenario ("in assessment 2 / 0 / 1"), and
    the endings are counted over the class, so which scenario a trainee passed, and how
    the latest attempt went, was found only by reading `runs` line by line (classroom29).
    """

    scenario_id: str
    scenario: str  # its title, as a run of it recorded it
    outcomes: Counter[str] = field(default_factory=Counter)  # finished runs, by outcome
    unfinished: int = 0
    latest: tuple[str, int, str] = ("", 0, "")  # (updated_at, run id, outcome) of the newest

    @property
    def latest_outcome(self) -> str:
        return self.latest[2]


@dataclass
class TraineeSummary:
    name: str
    finished: int = 0
    unfinished: int = 0
    # unfinished in assessment: a run left when it went badly and begun afresh leaves
    # no outcome, so a supervisor reading only outcomes never sees the attempt
    assessed_unfinished: int = 0
    # unfinished and given up (the trainee declined to resume it): a trainer waits for the
    # others, which may still be resumed, and follows these up (programme28)
    given_up: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    scenarios: set[str] = field(default_factory=set)
    weakest: PrincipleProgress | None = None
    last_active: str = ""
    seconds: float = 0.0  # time in conversation over every run, finished or not, less time away
    assessed: Counter[str] = field(default_factory=Counter)  # finished in assessment, by outcome
    # what a trainer follows up first
    slips: list[Slip] = field(default_factory=list)
    # in runs left before their ending: no debrief showed them to the trainee, and a
    # supervisor reading only finished runs never heard of them
    left: list[Slip] = field(default_factory=list)
    # said, then taken back (a practice undo, or starting again, which the command
    # palette offers in assessment too)
    undone: list[Slip] = field(default_factory=list)
    # finished runs that kept no critical slips (a schema-2 store's), as (run id, records
    # folder): a count of 0 for them told a trainer such a run was clean
    unrecorded: list[tuple[int, str]] = field(default_factory=list)
    # the records folders the trainee's runs are in, when the summary reads several
    places: set[str] = field(default_factory=set)
    plays: Counter[str] = field(default_factory=Counter)  # finished runs per scenario id
    # the scenario `progress --trainee` suggests to them, and whether it trains their weakest
    # principle: the class's "To work on next" named three principles' groups only, so a
    # trainer setting each trainee's next scenario looked them up one by one (classroom29)
    next: ScenarioInfo | None = None
    next_trains_weakest: bool = False
    # assessment runs per scenario id, finished or not (`assessment_results` gives them sorted)
    assessed_by: dict[str, Assessed] = field(default_factory=dict)

    def assessment_results(self) -> list[Assessed]:
        """Per scenario played in assessment, by title (then id)."""
        return sorted(
            self.assessed_by.values(), key=lambda a: (a.scenario.casefold(), a.scenario_id)
        )

    def _assessed(self, run: StoredRun) -> Assessed:
        a = self.assessed_by.setdefault(
            run.scenario_id, Assessed(run.scenario_id, run.scenario_title)
        )
        a.scenario = run.scenario_title or a.scenario
        return a


@dataclass
class ClassSummary:
    trainees: list[TraineeSummary]
    endings: dict[str, Counter[tuple[str, str]]]  # scenario id -> (ending, outcome) -> runs
    principles: list[PrincipleProgress]  # across the class, weakest first
    weakest_for: Counter[str]  # principle id -> trainees for whom it is the weakest
    look_alike: list[list[str]] = field(default_factory=list)  # names kept apart, drawn alike
    places: list[str] = field(default_factory=list)  # the records folders read
    # scenario id -> how many versions (content hashes) its finished runs were played on
    versions: dict[str, int] = field(default_factory=dict)
    # scenario id -> its title (as its newest finished run recorded it): endings are kept by
    # id, since two scenarios can share a title and their endings must not be added together
    scenario_titles: dict[str, str] = field(default_factory=dict)
    # the library's scenarios and what each trains: "To work on next" names one per principle
    library: list[ScenarioInfo] = field(default_factory=list)
    # scenario id -> title, of runs played from scenarios the library read does not hold:
    # `report` without the --scenarios the class was served suggested from the bundled
    # library alone, and said nothing (classroom29)
    not_in_library: dict[str, str] = field(default_factory=dict)
    # scenario id -> (ending, outcome) -> mode -> runs: `endings` split by mode, since
    # "3 runs" of an ending counted practice and assessment together unsaid (report39)
    ending_modes: dict[str, dict[tuple[str, str], Counter[str]]] = field(default_factory=dict)
    # every scenario the runs (and the library) name, and the versions the runs were played on:
    # how a run's scenario is named so that two of one title, or two versions, read apart
    names: ScenarioNames = field(default_factory=ScenarioNames)

    def modes_of(self, scenario_id: str, ending: tuple[str, str]) -> Counter[str]:
        """The runs that reached `ending` of a scenario, by mode ("practice", "assessment")."""
        return self.ending_modes.get(scenario_id, {}).get(ending, Counter())

    def scenario_label(self, scenario_id: str, title: str = "", digest: str = "") -> str:
        """The title a trainer knows; with the id when another scenario has the same title,
        and with a run's version (`digest`) when its scenario was played on several
        (`ScenarioNames.label`): a slip in a trainer's edited copy read as one in the
        original (records44)."""
        title = self.scenario_titles.get(scenario_id) or title
        return self.names.label(scenario_id, title, digest)

    def slip_label(self, slip: Slip) -> str:
        """The scenario of a slip's run, as `scenario_label` names a run's."""
        return self.scenario_label(slip.scenario_id, slip.scenario, slip.digest)

    def by_title(self) -> list[str]:
        """Scenario ids in the order a trainer looks them up: by title, then id."""
        return sorted(self.endings, key=lambda i: (self.scenario_label(i).casefold(), i))


class ClassTally:
    """The class summary built run by run, keeping counts and slips, never the runs.

    `class_summary` adds each run as a store yields it (`Store.class_listing`: finished
    runs first, then the others, as `summarise` takes them), so a year of classes costs
    the memory of its trainees, not of its runs.
    `several`: the runs come from several records folders, each named with its runs.
    """

    def __init__(
        self,
        library: list[ScenarioInfo],
        titles: dict[str, str] | None = None,
        several: bool = False,
    ) -> None:
        self.library, self.titles, self.several = library, titles or {}, several
        self.trainees: dict[str, tuple[TraineeSummary, Tally]] = {}  # by name_key
        self.endings: dict[str, Counter[tuple[str, str]]] = {}
        self.ending_modes: dict[str, dict[tuple[str, str], Counter[str]]] = {}
        self.versions: dict[str, set[str]] = {}  # scenario id -> content hashes played
        self.scenario_titles: dict[str, str] = {}  # scenario id -> title
        self.principles = Tally(titles, history=False, slips_first=False)
        self.played: dict[str, str] = {}  # scenario id -> title, of every listed run
        self.names = ScenarioNames()  # of every run, then the library's scenarios

    def add(self, run: StoredRun, place: str = "") -> None:
        place = place if self.several else ""
        key = name_key(run.trainee)
        if key not in self.trainees:
            self.trainees[key] = (
                TraineeSummary(run.trainee or OWNER),
                Tally(self.titles, history=False),
            )
        t, theirs = self.trainees[key]
        if place:
            t.places.add(place)
        t.last_active = max(t.last_active, run.updated_at)
        for back in taken_back_of(run.progress):
            if back["critical"]:
                slip = Slip.of(run, back["step"], back["critical"], place)
                t.undone.append(slip)
        t.seconds += run_seconds(run)
        self.names.add(run.scenario_id, run.scenario_title, run.digest)
        if run.finished or run.listed:
            self.played.setdefault(run.scenario_id, run.scenario_title)
        if run.finished:
            t.finished += 1
            t.outcomes[run.outcome or "?"] += 1
            t.scenarios.add(run.scenario_id)
            t.plays[run.scenario_id] += 1
            if run.mode == "assessment":
                t.assessed[run.outcome or "?"] += 1
                graded = t._assessed(run)
                graded.outcomes[run.outcome or "?"] += 1
                graded.latest = max(graded.latest, (run.updated_at, run.id, run.outcome or "?"))
            if critical_slips(run) is None:
                t.unrecorded.append((run.id, place))
            for step, kind in sorted((critical_slips(run) or {}).items()):
                t.slips.append(Slip.of(run, step, kind, place))
            theirs.add(run)
            self.principles.add(run)
            per = self.endings.setdefault(run.scenario_id, Counter())
            reached = (run.ending_title or "?", run.outcome or "?")
            per[reached] += 1
            by_mode = self.ending_modes.setdefault(run.scenario_id, {})
            by_mode.setdefault(reached, Counter())[run.mode] += 1
            self.versions.setdefault(run.scenario_id, set()).add(run.digest)
            self.scenario_titles.setdefault(run.scenario_id, run.scenario_title)
        elif run.listed:  # a run left before any line stood is no unfinished run to follow up
            # its kept lines count in the principles, as `progress` counts them: missing the
            # warning signs twice and leaving read as "1 unfinished" only (programme26)
            theirs.add(run)
            self.principles.add(run)
            t.unfinished += 1
            t.given_up += run.status == "left"
            if run.mode == "assessment":
                t.assessed_unfinished += 1
                t._assessed(run).unfinished += 1
            for step, kind in sorted(slips_so_far(run.progress).items()):
                t.left.append(Slip.of(run, step, kind, place))

    def summary(self, read: list[str] | None = None) -> ClassSummary:
        """The summary of the runs added; `read` lists every folder read (see `summarise`)."""
        trainees: list[TraineeSummary] = []
        weakest_for: Counter[str] = Counter()
        for t, theirs in self.trainees.values():
            t.weakest = weakest_of(theirs.principles())
            t.next, t.next_trains_weakest = next_scenario(t.weakest, self.library, t.plays)
            if t.weakest is not None:
                weakest_for[t.weakest.id] += 1
            trainees.append(t)
        trainees.sort(key=lambda t: (t.name == OWNER, t.name.casefold()))
        named = [t.name for t in trainees if t.name != OWNER]
        principles = self.principles.principles()
        for sc in self.library:  # a suggestion of the library's is named as a run's scenario
            self.names.add(sc.id, sc.title)
        return ClassSummary(
            trainees,
            self.endings,
            principles,
            weakest_for,
            look_alike(named),
            read or [],
            {sid: len(digests) for sid, digests in self.versions.items()},
            self.scenario_titles,
            self.library,
            self._not_in_library(),
            self.ending_modes,
            self.names,
        )

    def _not_in_library(self) -> dict[str, str]:
        """The scenarios played that the library read does not hold (none without a library:
        a report that could not load one suggests nothing)."""
        if not self.library:
            return {}
        known = {sc.id for sc in self.library}
        return {sid: title for sid, title in sorted(self.played.items()) if sid not in known}


def class_summary(
    stores: list[Store],
    library: list[ScenarioInfo],
    titles: dict[str, str] | None = None,
    places: list[str] | None = None,
) -> ClassSummary:
    """The summary of every run in `stores`, each added as it is read and let go, so
    a year of classes is not held at once: what `peer-sim report` and the app's class
    summary both read. `places`, one per store, names its records folder (see
    `summarise`); the runs are named with it when the stores are several folders.
    """
    read = places or []
    tally = ClassTally(library, titles, several=len(set(read)) > 1)
    for store, place in zip(stores, places or [""] * len(stores), strict=True):
        for run in store.class_listing():
            tally.add(run, place)
    return tally.summary(read)


def summarise(
    runs: list[StoredRun],
    library: list[ScenarioInfo],
    titles: dict[str, str] | None = None,
    places: list[str] | None = None,
    read: list[str] | None = None,
) -> ClassSummary:
    """Runs of every trainee (finished ones with their decisions) -> the class summary.

    `places`, beside `runs`, names the records folder each run came from when a
    programme reads several classrooms' stores as one: a trainee is matched by name
    across them (as within one), and a run is named with its folder, since each
    store numbers its runs from 1. `read` lists every folder read, those with no run
    too: taken from the runs alone, the JSON's records_folders left out a room where
    nobody had played yet while the text's "Records:" line named it.
    """
    several = len(set(read if read is not None else places or [])) > 1
    tally = ClassTally(library, titles, several)
    for run, place in zip(runs, places or [""] * len(runs), strict=True):
        tally.add(run, place)
    if read is None:
        read = list(dict.fromkeys(places or []))
    return tally.summary(read)
