"""Play a scenario over stdin/stdout, interactively or from a script of choices.

It holds no rules: every move goes through `sim.engine.Run`, so what a
screen-reader user plays is exactly what the app plays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO

from sim.cues import MAX_WORDS, clean_words, typed_cues, words_cut
from sim.debrief import build_debrief
from sim.debrief.words import practice_note, slip_now
from sim.engine import EngineError, Run, choice_id
from sim.plain import render
from sim.problems import did_you_mean
from sim.text import brief, whole_number
from sim.trainee_care import CARE_LINE

if TYPE_CHECKING:
    from sim.model import Catalogue, Scenario


class ScriptError(Exception):
    """A scripted run asked for something the scenario does not offer."""


def play(
    scenario: Scenario,
    catalogue: Catalogue | None,
    out: TextIO,
    read: Callable[[str], str | None],
    mode: str = "practice",
    script: list[str] | None = None,
    run: Run | None = None,
    watch: Callable[[Run], tuple[Run | None, list[str]] | None] | None = None,
    record: Callable[[Run], list[str]] | None = None,
    own_words: bool = False,
    confirm_notes: bool = False,
    read_words: Callable[[str], str | None] | None = None,
    give_up: int | None = None,
    confirm_empty: bool = False,
    begins: Callable[[], None] | None = None,
) -> Run:
    """Play to an ending (or until input ends) and print the debrief.

    `read(prompt)` returns a line or None at end of input; with `script`, the
    listed answers are used instead and running out of them is an error. With
    `give_up`, that many refused answers in a row end the run as `q` does: for input
    from a pipe, where no one reads the refusals (`yes | peer-sim play x --plain`
    asked again for ever, 6,000 lines a second).
    """
    # `watch(run)` (live reload) is asked between turns: None when nothing
    # changed, else (the run to go on with, or None to keep this one; lines to show).
    # `record(run)` (sim.records) is told after every move and returns lines to show.
    # With `own_words`, each decision first reads one line of the trainee's own
    # words (scripted runs type nothing), then the number of the closest line;
    # `read_words` reads them (default `read`; the CLI's takes a pasted paragraph whole).
    # With `confirm_notes` (a trainee at a terminal), a new run of a scenario with
    # content notes waits after them, so they can stop before the first scene, as the app lets them.
    # `begins` is called as the run begins, past those notes (the CLI records the new run
    # and gives up the runs answered n about there), so stopping at the notes changes nothing.
    # With `confirm_empty` (a trainee at a terminal), an empty line given as own words is
    # asked about once, as the app asks: an Enter pressed by habit, one too many after
    # "(Enter to continue)", spent the decision's words on "(nothing typed)".
    resumed = run is not None and bool(run.state.decisions)
    run = run or Run.begin(scenario)
    run.own_words = run.own_words or own_words
    answers: Iterator[str] | None = iter(script) if script is not None else None
    used = 0  # scripted answers taken so far, to name the one that does not fit
    practice = mode == "practice"
    titles = {pid: p.title for pid, p in catalogue.principles.items()} if catalogue else {}

    def say(lines: list[str] | str) -> None:
        out.write("\n".join([lines] if isinstance(lines, str) else lines) + "\n")

    def ask(prompt: str) -> str | None:
        nonlocal used
        if answers is None:
            return read(prompt)
        answer = next(answers, None)
        used += answer is not None
        if answer is None:
            raise ScriptError(
                f"the scripted choices ran out at scene '{run.state.scene}' before an ending"
            )
        say(f"{prompt}{answer}")
        return answer

    say(render.intro(scenario, mode))
    if run.own_words:
        say(render.own_words_intro(practice))
    if confirm_notes and scenario.content_notes and not resumed and answers is None:
        say(render.wrap(CARE_LINE))
        answer = read("\n(Enter to begin, q to stop here) ")
        if answer is None or answer.strip().lower() in ("q", "quit"):
            say("\nStopped before the first scene; nothing was recorded.")
            return run
    if begins is not None:
        begins()
    if resumed and answers is None:
        if scenario.content_notes:  # the notes are shown again: so is where to turn (small40)
            say(render.wrap(CARE_LINE))
        say(["", *render.resumed_lines(scenario, run)])
    typed: str | None = None  # own words for the decision on screen, once typed
    if practice:  # assessment shows no meter, number or change until the debrief
        say(["", render.meters_line(run.state.trust, run.state.empowerment)])
    shown = None
    advances = 0
    refused = 0  # answers in a row that were not taken

    def refuse(message: str | list[str]) -> bool:
        """Say why an answer was not taken; True when it is time to give up."""
        nonlocal refused
        say(message)
        refused += 1
        if give_up is None or refused < give_up:
            return False
        say(
            render.wrap(
                f"\nStopped before the end: {refused} answers in a row were not among the "
                "choices, and they come from a script or a pipe, not a terminal, so no one "
                "is there to correct them."
            )
        )
        return True

    def reloaded() -> bool:
        nonlocal run, scenario
        found = watch(run) if watch is not None else None
        if found is None:
            return False
        new, lines = found
        # the note in sentences, wrapped as every other line is (a line cut mid-word by the
        # terminal, "the l / ast one", read as a typo); a problem stays one line, as
        # `peer-sim check` prints it, for grep and an editor's jump to file:line
        say(
            [""] + [w for line in lines for w in (render.wrap(line) if line[:1] != " " else [line])]
        )
        if new is None:
            return False
        run, scenario = new, new.scenario
        if practice:
            say(render.meters_line(run.state.trust, run.state.empowerment))
        return True

    def undone() -> None:
        """Take back the last line, at whichever question `u` was typed, and say so."""
        nonlocal typed, refused, shown
        run.undo()
        typed, refused, shown = None, 0, None
        say(["", "(Undone. Back to this moment.)", render.meters_line(*_meters(run))])

    def recorded() -> None:
        if record is not None:
            lines = record(run)
            if lines:
                say([""] + lines)

    while not run.over:
        recorded()
        if reloaded():
            shown = None
            continue
        if shown is not run.state:
            say(render.scene_lines(scenario, run.state))
            shown = run.state
        if not run.waits_for_choice and run.stuck:
            say(
                [
                    "",
                    "There is no way on from here: no branch of this scene's next holds.",
                    "(An authoring problem: run `peer-sim check` on the file.)",
                ]
            )
            break
        if not run.waits_for_choice:
            said = read("\n(Enter to continue) ") if answers is None else ""
            if said is None or said.strip().lower() in ("q", "quit"):
                say("\nStopped before the end.")
                return run
            if _is_undo(said) and not practice and not run.own_words:
                # "No lines to choose here", as if u were a number (trainee playtest 28);
                # in own words u is a letter, refused with the rest
                if refuse(render.wrap(f"{NO_UNDO} Press Enter to read on (q stops).")):
                    return run
                continue
            if _is_undo(said) and practice:
                if run.can_undo:
                    undone()
                    continue
                # most scenarios open with narration: u there met the "No lines to choose"
                # refusal, as if u were a number (trainee playtest 26)
                nothing = (
                    "Nothing to undo yet: no line said so far. Press Enter to read on (q stops)."
                )
                if refuse(render.wrap(nothing)):
                    return run
                continue
            if said.strip():
                # a line typed here was dropped unsaid and the scene read on: in own words
                # a reply to the narration lost, and `q` read on instead of stopping
                if refuse(render.wrap(_reads_on_first(run.own_words))):
                    return run
                continue
            refused = 0
            advances += 1
            if advances > len(scenario.scenes):
                say(
                    [
                        "",
                        "The scenes go on with `next` in a loop and never reach a choice.",
                        "(An authoring problem: run `peer-sim check` on the file.)",
                    ]
                )
                break
            run.advance()
            continue
        advances = 0
        offers = run.offers()
        if not offers:
            say(
                [
                    "",
                    "There is no way on from here: the scenario has a dead end at this point.",
                    "(An authoring problem: run `peer-sim check` on the file.)",
                ]
            )
            break
        if run.own_words and typed is None:
            if answers is None:
                raw = (read_words or read)(
                    "\nIn your own words, what would you say? (one line, then Enter) "
                )
                if confirm_empty and raw is not None and not raw.strip():
                    raw = (read_words or read)(
                        "Nothing typed yet. Type your words, or Enter again for none: "
                    )
                if raw is None or raw.strip().lower() in ("q", "quit"):
                    # q stops at every other question here; as words it was cued "One word"
                    say("\nStopped before the end.")
                    return run
                if practice and _is_undo(raw):
                    # u undoes at "(Enter to continue)" and at the choice; here it was kept
                    # as the words "u", cued "One word" (trainee playtest 26)
                    if run.can_undo:
                        undone()
                    else:
                        say("(Nothing to undo yet: no line said so far.)")
                    continue
            else:
                raw = ""
            typed = clean_words(raw)
            if answers is None:
                say(render.wrap("You wrote: " + (f"“{typed}”" if typed else "(nothing typed)")))
                if words_cut(raw):
                    say(f"(Only the first {MAX_WORDS:,} characters are kept.)")
            if practice:
                say(render.cue_lines(typed_cues(run, typed)))
            say("\nNow pick the line closest to what you meant:")
        say(render.offer_lines(offers))
        moment = _moment(run)
        # "1 to 3", not "1-3": at a screen reader's usual punctuation level the
        # dash is not spoken, and "1-3" is heard as "one three"
        keys = f"1 to {len(offers)}" if len(offers) > 1 else "1"
        extra = ", u to undo" if practice and run.can_undo else ""
        answer = ask(f"\nYour choice ({keys}{extra}, q to quit): ")
        if answer is None or answer.strip().lower() in ("q", "quit"):
            say("\nStopped before the end.")
            return run
        if answers is None and reloaded():
            # The file changed while you read. Your answer still counts if this
            # moment offers the very choices you saw; otherwise choose again.
            if _moment(run) != moment:
                say(
                    "The scenario changed at this point, so your answer was not used; choose again."
                )
                shown = None
                continue
            say(f"(The choices here are unchanged, so your answer '{answer.strip()}' stands.)")
        typed_answer, answer = answer.strip(), answer.strip().lower()
        if _is_undo(answer):
            if not practice or not run.can_undo:
                no = (
                    "nothing to undo yet" if practice else "undo is only available in practice mode"
                )
                if answers is not None and practice:
                    # a `u` before any line said: the interactive player says so and asks
                    # again; a script goes on with its next answer, where it stopped the
                    # whole run with an error (trainee playtest 26)
                    say("(Nothing to undo yet: no line said so far. On to the next answer.)")
                    continue
                if answers is not None:  # assessment: what u meant cannot be kept
                    raise ScriptError(no)
                # the sentences the app says (trainee playtest 28); a script's error keeps `no`
                if refuse(render.wrap(NO_UNDO if not practice else NOTHING_YET)):
                    return run
            else:
                undone()
            continue
        try:
            run.choose(_number(run, offers, answer), typed or "")
        except (ValueError, EngineError):
            if answers is not None:
                raise ScriptError(_not_offered(run, offers, answer, used, keys)) from None
            if not answer.strip():  # a screen reader reads "''" as "quote quote"
                why: str | list[str] = f"Nothing typed; type a number from {keys}"
            else:
                why = render.wrap(
                    f"'{brief(typed_answer)}' is not one of the choices; type a number from {keys}"
                )
            if refuse(why):
                return run
            continue
        typed = None
        refused = 0
        d = run.state.decisions[-1]
        chosen = scenario.scenes[d.scene].choices[d.index]
        say(["", "You:"] + render.wrap(chosen.say, "  "))
        if practice:
            say(
                render.meters_line(
                    d.trust_after, d.empowerment_after, d.trust_change, d.empowerment_change
                )
            )
        if practice and chosen.critical:
            say(render.wrap("Critical slip: " + slip_now(chosen.critical, chosen.cap or "mixed")))
        note = practice_note(chosen, titles) if practice else ""
        if note:
            say(render.wrap("Coach note: " + note))
    recorded()
    if run.over:
        say(render.debrief_lines(build_debrief(run, catalogue), mode))
    if answers is not None and script is not None and run.over and used < len(script):
        # A path pasted from before an edit can be longer than the run is now.
        rest = ",".join(script[used:])
        say(
            f"\n(The run ended after {used} of the {len(script)} scripted choices; "
            f"the rest were not used: {rest}.)"
        )
    return run


def _not_offered(run: Run, offers: list, answer: str, used: int, keys: str) -> str:
    """Which --choices entry does not fit, where, and what would."""
    ids = [choice_id(run.state.scene, o.index, o.choice) for o in offers]
    close = did_you_mean(answer, ids)
    return (
        f"--choices entry {used}, '{brief(answer)}', is not on offer at scene '{run.state.scene}' "
        f"(decision {len(run.state.decisions) + 1}): give a number from {keys} or one of the "
        f"ids {', '.join(ids)}" + (f" ({close})" if close else "")
    )


def _number(run: Run, offers: list, answer: str) -> int:
    """The offered number an answer means: a number as shown, or a stable choice id
    (the author's `id`, or `scene#n` counted in the file), so a path built from
    `peer-sim graph` or a recorded run replays exactly."""
    number = whole_number(answer)
    if number is not None:
        return number
    for o in offers:
        if choice_id(run.state.scene, o.index, o.choice) == answer:
            return o.number
    raise ValueError(answer)


def _is_undo(answer: str) -> bool:
    """`u` or `undo`, typed at any of the player's questions."""
    return answer.strip().lower() in ("u", "undo")


def _meters(run: Run) -> tuple[int, int]:
    return run.state.trust, run.state.empowerment


# what u says when there is no line to take back, as the app's toasts say it
NOTHING_YET = "Nothing to undo yet: no line said so far."
NO_UNDO = (
    "No undo in assessment mode: as in a real conversation, what you said stays said; "
    "the debrief goes over it."
)


def _reads_on_first(own_words: bool) -> str:
    """Why a line typed at "(Enter to continue)" was not taken: there is nothing to say yet."""
    if own_words:
        return (
            "Not yet: the scene goes on first, and what you typed was not kept. Press Enter "
            "to read on; you are asked for your words when it is your turn (q stops)."
        )
    return "No lines to choose here: the scene goes on. Press Enter to read on (q stops)."


def _moment(run: Run) -> tuple:
    """What the trainee sees when asked to choose: the scene and the offered choices."""
    if not run.waits_for_choice:
        return ()
    return (run.state.scene, [(o.number, o.choice.say) for o in run.offers()])
