"""Progress across runs: per-principle mastery over time, and which scenario to play next.

Mastery of a principle is the share of verdicts on it that were "honours"
among honours and undermines (neutral ones do not count either way). The
weakest principle is the one with a slip on it and the lowest share counted as if
one honour and one slip were added (so a single slip on a principle met once
does not outrank a pattern of slips), more slips breaking ties; the suggestion
is a scenario that trains it, one not yet completed first. With no slip on
any principle there is no weakest, and the suggestion is a scenario not yet
completed. Plain data here; `lines` is the text the CLI prints and the app shows.

Every line kept counts, in a run finished or left before its ending: a trainee who
missed the warning signs twice and left showed "1 unfinished" and nothing of the
lines (programme26), and a run left when it went badly is the one a supervisor needs.
Endings, completions and the suggestion's "not completed" come from finished runs only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.cells import wrap
from sim.records.listing import tally_of
from sim.records.stored import StoredRun
from sim.weakness import (
    BROKEN_BY,
    FEW_WORDS,
    broken_words,
    few_lines,
    share_words,
    weakness_key,
)

HISTORY = 6  # runs shown in "over time"
# How the list is ordered, in the words a trainee reads above it. "A pattern of slips before
# a single one" sat over one slip at 0% listed above two at 50% (trainee-test-10): the share
# still leads; a share from few lines only weighs less.
ORDER_WORDS = "a share from a line or two weighs less than one from many"
# ... and why a principle at 33% can head one at 0% (trainee playtest 26)
# "weakest first; one a critical slip undermined first" read as a riddle (debrief35), and
# "weakest first" above 0%, 83%, 0% read as a mistake (trainee35): the order in plain words.
# "each principle a critical slip undermined first" outlived the rule it said (records37):
# only the principle of the slip's kind is placed first (`sim.weakness.broken_words`)
SLIP_FIRST_WORDS = "the principle each critical slip broke first"
UNTIL_HONOURED = " until a later run honours it"
LOWEST_FIRST = "lowest share first"


def slip_placed(p: Progress) -> bool:
    """Whether the slip rule placed a principle, so the order words need to say it."""
    return any(pr.slip_run is not None and pr.undermined for pr in p.principles)


def order_words(p: Progress, rows_name_slips: bool = False) -> str:
    """How the list is ordered: the slip rule only when it placed a principle.

    `rows_name_slips`: each such principle's row says "critical slip in run N" (the app's
    screen), so "until a later run honours it" is left to the row: at 80x24 the fourth row
    those words took hid the first principle's counts; and the principles each kind breaks
    are named for the kinds of slip that placed one only (the text names every kind).
    """
    if slip_placed(p):
        until = "" if rows_name_slips else UNTIL_HONOURED
        kinds = {k for pr in p.principles if pr.slip_run is not None for k in pr.slip_kinds}
        which = broken_words(kinds if rows_name_slips else ())
        others = "" if rows_name_slips else "; the others its line undermined count by their share"
        return (
            f"listed with {SLIP_FIRST_WORDS} ({which}{others}){until}, then the others, "
            f"{LOWEST_FIRST}; {ORDER_WORDS}"
        )
    return f"{LOWEST_FIRST}; {ORDER_WORDS}"


@dataclass
class PrincipleProgress:
    id: str
    title: str
    honoured: int = 0
    undermined: int = 0
    neutral: int = 0
    history: list[tuple[int, int, int]] = field(default_factory=list)  # (run id, h, u)
    at_slips: int = 0  # of `undermined`, the lines that were critical slips (a tie-break)
    # the run whose critical slip undermined it, when no later run has honoured it without
    # one: such a principle is the weakest whatever its share (`sim.weakness`)
    slip_run: int | None = None
    # the slip in `slip_run` was of the kind that most plainly breaks this principle
    # (`sim.weakness.BROKEN_BY`), and which kind: the one of those it undermined to name
    slip_kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """A principle is placed by a slip only as `Tally` places one: a slip of the kind that
        breaks it (`BROKEN_BY`). A test's figures gave "Empower, don't direct" a slip run,
        which no slip can (progress40); made so, they are refused here."""
        if self.slip_run is None:
            return
        if self.id not in BROKEN_BY.values() or any(
            BROKEN_BY.get(kind) != self.id for kind in self.slip_kinds
        ):
            raise ValueError(
                f"no critical slip of kinds {self.slip_kinds} places {self.id!r} first "
                f"(sim.weakness.BROKEN_BY)"
            )

    @property
    def practised(self) -> int:
        return self.honoured + self.undermined

    @property
    def mastery(self) -> float | None:
        return self.honoured / self.practised if self.practised else None


@dataclass(frozen=True)
class ScenarioInfo:
    id: str
    title: str
    trains: tuple[str, ...]


@dataclass
class Progress:
    runs: int
    scenarios_completed: int
    principles: list[PrincipleProgress]
    weakest: PrincipleProgress | None
    suggestion: ScenarioInfo | None
    suggestion_reason: str
    # (run id, scenario as named (`ScenarioNames`), decision, kind) of each critical slip in a
    # finished run, oldest first: `progress --trainee` listed principles only, and a supervisor reading it for one
    # trainee missed the safety slip the class report showed
    slips: list[tuple[int, str, int, str]] = field(default_factory=list)
    # runs not finished whose kept lines are counted above (they have no ending)
    unfinished: int = 0
    # the critical slips in those runs, as `slips` (no debrief showed them to the trainee)
    left_slips: list[tuple[int, str, int, str]] = field(default_factory=list)
    # finished runs whose critical slips were never kept (a schema-2 store's): the list of
    # slips above cannot speak for them, and its silence read as "no slip in any run"
    unrecorded: list[int] = field(default_factory=list)
    # the suggestion has a run left unfinished that may be resumed: said after the reason
    # ("because you have not completed it yet" said nothing of it, trainee35)
    resume_words: str = ""


class Tally:
    """Verdicts on each principle, added run by run: the table `compute` orders.

    A summary of thousands of runs adds each as it is read and keeps only these
    counts (`history`, the counts run by run for `trend`, only when asked for).
    """

    def __init__(
        self, titles: dict[str, str] | None = None, history: bool = True, slips_first: bool = True
    ) -> None:
        """`slips_first`: follow which principle a critical slip left open, run after run (one
        person's runs, in the order played); off for a whole class's runs, where one
        trainee's later run says nothing of another's slip."""
        self.titles = titles or {}
        self.history = history
        self.slips_first = slips_first
        self.table: dict[str, PrincipleProgress] = {}

    def add(self, run: StoredRun) -> None:
        """A run's verdicts on the lines it kept: a finished run's decisions, a run left
        unfinished's progress (`listing.tally_of`), or its `tally` when read for a listing."""
        kinds: dict[str, list[str]] = {}  # principle id -> the kinds of slip here that break it
        if self.slips_first:
            for kind in self._slip_kinds(run):
                if kind in BROKEN_BY and kind not in kinds.get(BROKEN_BY[kind], ()):
                    kinds.setdefault(BROKEN_BY[kind], []).append(kind)
        for pid, (h, u, n, at_slips, broke) in tally_of(run).items():
            p = self.table.get(pid)
            if p is None:
                p = self.table[pid] = PrincipleProgress(pid, self.titles.get(pid, pid))
            p.honoured += h
            p.undermined += u
            p.neutral += n
            p.at_slips += at_slips
            if self.slips_first and broke:
                # placed first only by a slip of the kind that breaks it (`weakness_key`);
                # the other principles its line undermined count as ordinary undermines
                p.slip_run = run.id
                p.slip_kinds = tuple(kinds.get(pid, ()))
            elif h:
                p.slip_run = None  # honoured in a later run with no such slip on it
                p.slip_kinds = ()
            if self.history:
                p.history.append((run.id, h, u))

    @staticmethod
    def _slip_kinds(run: StoredRun) -> list[str]:
        from sim.records.record import run_slips

        return list(run_slips(run).values())

    def principles(self) -> list[PrincipleProgress]:
        """Weakest first, by the same rule that names the weakest, so the list and the
        "Weakest so far" line never disagree (a single slip at 0% below a pattern at 20%)."""
        return sorted(self.table.values(), key=weakness)


def weakest_of(principles: list[PrincipleProgress]) -> PrincipleProgress | None:
    """Never a principle with no slip on it: "weakest" at 100% would mislead."""
    practised = [p for p in principles if p.practised and p.undermined]
    return practised[0] if practised else None


def next_scenario(
    weakest: PrincipleProgress | None, library: list[ScenarioInfo], plays: dict[str, int]
) -> tuple[ScenarioInfo | None, bool]:
    """The scenario to play next, and whether it trains `weakest`; `plays`: finished runs
    per scenario id.

    One rule for `progress` and each trainee's line in the class report (which named only
    a weakest principle, so a trainer grading a class looked each trainee up in turn):
    of the scenarios that train the weakest principle, one not finished yet, then the
    least played, in library order at a tie; with no weakest (or none training it), the
    first scenario not finished yet.
    """
    if weakest is not None:
        training = [s for s in library if weakest.id in s.trains]
        if training:
            pick = min(
                training,
                key=lambda s: (s.id in plays, plays.get(s.id, 0), library.index(s)),
            )
            return pick, True
    fresh = [s for s in library if s.id not in plays]
    return (fresh[0], False) if fresh else (None, False)


def compute(
    runs: list[StoredRun],
    library: list[ScenarioInfo],
    titles: dict[str, str] | None = None,
    trainee: str = "",
) -> Progress:
    """`trainee`: whose runs these are, when not the reader's own (`progress --trainee`): the
    reason for the next scenario names them, where "your weakest principle" told a supervisor
    reading a trainee's progress that the weakness was theirs."""
    tally = Tally(titles)
    finished = [r for r in runs if r.finished]
    unfinished = [r for r in runs if not r.finished and r.listed]
    for run in runs:
        if run.listed:
            tally.add(run)
    principles = tally.principles()
    weakest = weakest_of(principles)
    completed = {r.scenario_id for r in finished}
    plays: dict[str, int] = {}
    for r in finished:
        plays[r.scenario_id] = plays.get(r.scenario_id, 0) + 1
    suggestion, trains = next_scenario(weakest, library, plays)
    reason = ""
    if suggestion is not None and trains and weakest is not None:
        whose = f"{trainee}'s" if trainee else "your"
        # the title in quotes: "it trains Protect privacy, and be honest about its limits,
        # your weakest principle" ran the title's comma into the sentence's (trainee35)
        reason = f"it trains “{weakest.title}”, {whose} weakest principle so far"
    elif suggestion is not None:
        reason = f"{trainee or 'you'} {'has' if trainee else 'have'} not completed it yet"
    # "because you have not completed it yet" over a run of it left to resume (trainee35)
    waiting = [
        r.id
        for r in unfinished
        if suggestion and r.scenario_id == suggestion.id and r.status == "playing"
    ]
    resume = ""
    if waiting:
        # a sentence of its own, after the reason: the app's screen adds to the reason
        resume = (
            f"{trainee} left run {max(waiting)} of it unfinished, which may still be resumed."
            if trainee
            else f"You left run {max(waiting)} of it unfinished: starting it asks whether to "
            "resume where you left off."
        )
    from sim.records.record import critical_slips, slips_so_far, slips_unrecorded
    from sim.records.scenario_names import ScenarioNames

    # a run named by its title alone could be a trainer's edited copy of the same title, or
    # an older version of the scenario: named as `report` names it (records44)
    names = ScenarioNames()
    for r in runs:
        names.add(r.scenario_id, r.scenario_title, r.digest)
    for sc in library:
        names.add(sc.id, sc.title)

    def named(r: StoredRun) -> str:
        return names.label(r.scenario_id, r.scenario_title, r.digest)

    slips = [
        (r.id, named(r), step, kind)
        for r in finished
        for step, kind in sorted((critical_slips(r) or {}).items())
    ]
    left = [
        (r.id, named(r), step, kind)
        for r in unfinished
        for step, kind in sorted(slips_so_far(r.progress).items())
    ]
    return Progress(
        len(finished),
        len(completed),
        principles,
        weakest,
        suggestion,
        reason,
        slips,
        len(unfinished),
        left,
        [r.id for r in finished if slips_unrecorded(r)],
        resume,
    )


SLIPS_LISTED = 10  # the newest; `peer-sim runs` names every run's


SLIPS_HEADING = "Critical slips (each caps its run's ending; worth talking over with a supervisor):"
LEFT_HEADING = "Critical slips in runs left unfinished (no ending or debrief showed them):"


def _slip_lines(slips: list[tuple[int, str, int, str]], heading: str = SLIPS_HEADING) -> list[str]:
    """The critical slips, the newest SLIPS_LISTED one a line, and how many earlier."""
    from sim.debrief.words import slip_short

    out = ["", heading]
    if len(slips) > SLIPS_LISTED:
        earlier = len(slips) - SLIPS_LISTED
        out.append(f"  {earlier:,} earlier, not listed here (`peer-sim runs` names them)")
    for run, title, decision, kind in slips[-SLIPS_LISTED:]:
        out.append(f"  {slip_short(kind)} at decision {decision} of run {run}, {title}")
    return out


def weakness(p: PrincipleProgress) -> tuple[bool, bool, bool, int, float, int, int, str]:
    """The order of weakest first (`sim.weakness`, shared with the debrief). Principles
    never undermined come after every one that was (else "Be present: 100%" met once sat above "Empower: 80%" in a list said to be
    weakest first), and those judged only neutral go last."""
    if not p.practised:
        return (True, True, True, 0, 1.0, 0, 0, p.id)
    return (
        False,
        not p.undermined,
        *weakness_key(
            p.honoured,
            p.undermined,
            p.id,
            p.at_slips,
            broke_by=p.slip_kinds if p.slip_run is not None else (),
        ),
    )


TREND_WORDS = "run by run, oldest first, the lines that honoured it: "


def trend(p: PrincipleProgress) -> str:
    """The last runs' counts in words ("2 of 4, 0 of 2"), oldest first; "" for one run.

    A trainee read "honoured of judged: 2/4" as a riddle; one run's count is the
    line above it again, so it is left out.
    """
    if len(p.history) < 2:
        return ""
    return ", ".join(
        f"{h} of {h + u}" if h + u else "neutral only" for _, h, u in p.history[-HISTORY:]
    )


def trend_by_run(p: PrincipleProgress) -> list[str]:
    """`trend`'s counts each with its run ("2 of 4 in run 3"), for the text: a supervisor
    read five counts under "Progress over 2 finished runs" and could not tell which run
    (left ones count too) each was, nor find it in `runs` (records37)."""
    if len(p.history) < 2:
        return []
    return [
        (f"{h} of {h + u}" if h + u else "neutral only") + f" in run {run}"
        for run, h, u in p.history[-HISTORY:]
    ]


def _whole_items(head: str, items: list[str], width: int, indent: str) -> list[str]:
    """`head` and `items` joined by ", ", wrapped at `width` with no item cut in two."""
    out = [indent + head]
    for n, item in enumerate(items):
        piece = item + ("," if n < len(items) - 1 else "")
        if len(out[-1]) + 1 + len(piece) > width and out[-1].strip() != head.strip():
            out.append(indent + "  " + piece)
        else:
            out[-1] += (" " if not out[-1].endswith(": ") else "") + piece
    return out


def lines(p: Progress, recordable: bool = True) -> list[str]:
    """The progress screen as plain text: every figure in words and numbers, no colour.

    No bar of #s and dots either: the percentage says the same, and a screen reader
    would read the bar out symbol by symbol on every line. `recordable=False`: the
    records folder cannot be written, so "it is recorded here" would contradict the
    read-only notice above it (adv30b).
    """
    if not p.runs and not p.unfinished:
        out = [
            "No finished runs yet. Play a scenario to its ending and it is recorded here."
            if recordable
            else "No finished runs yet (and none can be recorded in this folder: said above)."
        ]
        if p.suggestion:
            out.append(f"Start with: {p.suggestion.title} ({p.suggestion.id}).")
        return out
    left = (
        f"; the lines kept in {_runs(p.unfinished, 'unfinished run')} count too"
        if p.unfinished
        else ""
    )
    head = (
        f"Progress over {_runs(p.runs, 'finished run')} "
        f"({p.scenarios_completed} scenario{'s' if p.scenarios_completed != 1 else ''} "
        f"completed){left}"
        if p.runs
        else f"Progress over the lines kept in {_runs(p.unfinished, 'unfinished run')} "
        "(none finished yet)"
    )
    # "share of honoured among honoured and undermined" was the formula, not the words
    intro = "Principle mastery, the share of lines on each principle that honoured it (neutral ones aside)"
    if p.weakest:  # the order is worth explaining only when something was undermined
        intro += f", {order_words(p)}"
    out = [*wrap(head, 90), "", *wrap(f"{intro}:", 90)]
    for pr in p.principles:
        if pr.mastery is None:
            out.append(f"  {pr.title}: only neutral so far ({pr.neutral})")
            continue
        # on the row of each principle a slip put first, as the app's screen says it: the
        # text read 85%, 90%, then 0% under "weakest first" (trainee28)
        slipped = (
            f"; critical slip in run {pr.slip_run}"
            if pr.slip_run is not None and pr.undermined
            else ""
        )
        out.append(
            f"  {pr.title}: {round(pr.mastery * 100)}%, "
            f"honoured {pr.honoured}, undermined {pr.undermined}{slipped}"
        )
        if trend(pr):
            out += _whole_items(TREND_WORDS, trend_by_run(pr), 90, "      ")
    if p.weakest:
        # "0% from 1 line, too few lines to judge yet": a single line's 0% read as a verdict
        w = p.weakest
        share = share_words(w.honoured, w.undermined)
        if few_lines(w.honoured, w.undermined) and w.slip_run is None:
            # placed by a slip, the slip is the verdict, whatever the share rests on
            share += f", {FEW_WORDS}"
        # above principles with a lower share: say why, or the order reads as a mistake
        why = ""
        if p.weakest.slip_run is not None:
            why = f": {slip_words(p.weakest)}"
        out += [""] + wrap(f"Weakest so far: {p.weakest.title} ({share}){why}.", 78)
    if p.suggestion:
        out += wrap(
            f"Next: {p.suggestion.title} ({p.suggestion.id}), because {p.suggestion_reason}."
            + (f" {p.resume_words}" if p.resume_words else ""),
            78,
        )
    if p.slips:
        out += _slip_lines(p.slips)
    if p.left_slips:
        out += _slip_lines(p.left_slips, LEFT_HEADING)
    if p.unrecorded:
        out += [""] + wrap(unrecorded_words(p.unrecorded), 78)
    return out


def unrecorded_words(ids: list[int], where: str = "") -> str:
    """What the slips listed cannot say: which finished runs kept none (schema-2 stores')."""
    one = len(ids) == 1
    named = ", ".join(map(str, ids[:10])) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    return (
        f"Critical slips not recorded: run{'' if one else 's'} {named}{where} "
        f"{'was' if one else 'were'} kept by an older peer-sim, before runs kept their "
        "critical slips, so any said there is not listed or counted here (the transcript in "
        "`peer-sim export ID --format md` still shows every line)."
    )


def _runs(n: int, word: str = "run") -> str:
    """'1 run', '2 finished runs'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def slip_words(pr: PrincipleProgress) -> str:
    """ "a dual relationship undermined it in run 1": which slip placed `pr` first, when
    it is the kind that breaks this principle, and in which run; `progress` and the app's
    progress screen say it in these words ("" with no slip run)."""
    if pr.slip_run is None:
        return ""
    from sim.debrief.words import slip_short

    kinds = pr.slip_kinds
    slip = " and ".join(map(slip_short, kinds)) if kinds else "a critical slip"
    return f"{slip} undermined it in run {pr.slip_run}"
