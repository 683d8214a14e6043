"""`peer-sim play SCENARIO`: the app, or with --plain the line-by-line player."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from typing import TYPE_CHECKING

from sim.records.stored import local_time
from sim.text import brief, whole_number

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sim.engine import Run
    from sim.model import Catalogue, Scenario
    from sim.records.recorder import Recorder
    from sim.records.store import Store, StoredRun


def parse_script(text: str) -> list[str]:
    """`--choices 2,1,u,3` into answers: offered numbers, `u`, or stable choice ids.

    Ids (`hello#2`, or an author's `id`) name a choice whatever else is on
    offer, so a path read off `peer-sim graph` replays exactly.
    """
    from sim.problems import UsageError

    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts:
        # `--choices ''` (a script variable left empty) opened the app, as if no
        # --choices had been given, and waited there for keys a script never sends
        raise UsageError(
            "--choices is empty: give the choices to play, numbers as offered, choice ids "
            "(hello#2 or an id = ... name) and u for undo, separated by commas, as in "
            "--choices 2,1,3 (to play by hand, leave --choices out)"
        )
    entries = [e.strip() for e in text.split(",")]
    inner = entries[1:-1]
    if "" in inner:
        # `--choices 1,,3` (a number left out, or a script variable empty) played 1 then 3,
        # every later answer at the decision before the one it was written for (adv19)
        at = entries.index("", 1) + 1
        raise UsageError(
            f"--choices has an empty entry (entry {at} of '{brief(text)}'): give a number, "
            "a choice id or u between each pair of commas"
        )
    for p in parts:
        if not (whole_number(p) is not None or p.lower() == "u" or _CHOICE_ID.match(p)):
            raise UsageError(
                "--choices takes numbers as offered, choice ids (hello#2 or an id = ... name) "
                f"and u for undo, separated by commas, not '{brief(p)}'"
            )
    return parts


_CHOICE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(#[0-9]+)?$")


def poll_stdin(timeout: float) -> str | None:
    """A line typed within `timeout` seconds ("" at end of input), or None."""
    import select
    import time

    try:
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
    except (OSError, ValueError, TypeError):  # stdin cannot be polled (e.g. a Windows console)
        time.sleep(timeout)
        return None
    return sys.stdin.readline() if ready else None


MAX_LINE = 8192  # characters of one typed line kept; the rest of a longer line is skipped
MAX_SKIPPED = 1024 * 1024  # of a line longer still: the rest is read as lines of its own
# Refused answers in a row after which input that is not a terminal ends the run: a script
# or pipe giving no answer that fits (`yes | peer-sim play x --plain`) went on for ever.
GIVE_UP = 20


def read_line(stream=None) -> str | None:  # noqa: ANN001 (a text stream)
    """One line of input, bounded: a pasted megabyte is read in pieces and cut, never held whole.

    None at end of input. Skipping is bounded too: input with no line break at all
    (`< /dev/zero`) was skipped for ever, holding the player with no word said.
    """
    stream = stream or sys.stdin
    line = stream.readline(MAX_LINE)
    if line == "":
        return None
    skipped = 0
    if not line.endswith("\n"):
        while skipped < MAX_SKIPPED:  # skip the rest of an over-long line
            rest = stream.readline(MAX_LINE)
            skipped += len(rest)
            if rest == "" or rest.endswith("\n"):
                break
    return line.rstrip("\r\n")


MAX_PASTED_LINES = 100  # lines of one pasted answer kept; the rest are read and dropped


def pasted_rest(stream=None, wait: float = 0.05) -> list[str]:  # noqa: ANN001 (a text stream)
    """The lines already waiting at a terminal after the one just read: the rest of a paste.

    A terminal hands a program one line per read, so an answer pasted over three
    lines into the own-words prompt was taken as its first line, and the others
    answered the prompts after it: a line "2" picked choice 2 unasked
    (adversarial-9). Typing never has a next line ready this soon after Enter; a
    paste does. Not a terminal (a script, a pipe): nothing, each line is an answer.
    """
    import select

    stream = stream or sys.stdin
    try:
        if not stream.isatty():
            return []
    except (OSError, ValueError):
        return []
    rest: list[str] = []
    while True:
        try:
            if not select.select([stream], [], [], wait)[0]:
                break
        except (OSError, ValueError):
            break
        line = read_line(stream)
        if line is None:
            break
        # A paste of more lines than an answer keeps is still read to its end: its
        # 101st line used to answer the choice prompt ("2" picked line 2, adversarial-10).
        if len(rest) < MAX_PASTED_LINES:
            rest.append(line)
    return rest


def load(args: argparse.Namespace) -> Scenario | None:
    """The scenario; with --watch, a broken file is waited for until it loads (None: stopped)."""
    from sim.commands.common import resolve_scenario
    from sim.problems import ScenarioError

    try:
        return resolve_scenario(args.scenario, args.scenarios)
    except ScenarioError as exc:
        if not getattr(args, "watch", False) or not exc.problems:
            raise
        from sim.authoring.watch import wait_until_loads

        return wait_until_loads(exc.problems[0].path, exc.problems, sys.stdout, poll_stdin)


def open_recorder(args: argparse.Namespace) -> Recorder | None:
    """Training runs are recorded; an author's test run (--start, --set, --watch) is not."""
    if getattr(args, "no_record", False):
        return None
    if getattr(args, "start", None) or getattr(args, "set", None) or getattr(args, "watch", False):
        return None
    from sim.commands.common import opening_records
    from sim.records.recorder import Recorder

    where = getattr(args, "data_dir", None)
    with opening_records(where):
        return Recorder.open(where, getattr(args, "trainee", None) or "")


def _at_a_terminal() -> bool:
    """A person typing, not a script piping answers in (which the notes' pause would shift)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (OSError, ValueError):
        return False


class StopSignal(BaseException):
    """A signal that would end a plain run (SIGTERM, SIGHUP, SIGQUIT: ctrl+\\, ...): it
    ends as ctrl+c ends it, saying what was kept.

    Killed by the default action, the player left only the shell's "Terminated": the run
    was saved, and nothing said so or where to resume it (adversarial-12). A BaseException,
    as KeyboardInterrupt is, so no `except Exception` on the way swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def words(self) -> str:
        import signal

        return (
            "the terminal closed"
            if self.signum == getattr(signal, "SIGHUP", -1)
            else "told to stop"
        )


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """While a plain run plays, a signal that would end it (TERM, HUP, QUIT: ctrl+\\,
    USR1, ...) raises StopSignal in the main thread."""
    from sim.commands.streams import on_stop_signals

    def stop(signum: int, _frame: object) -> None:
        raise StopSignal(signum)

    with on_stop_signals(stop):
        yield


class ResumeUnanswered(Exception):
    """Input ended at the resume question: nothing is changed and nothing is played."""


class ResumeStopped(Exception):
    """Ctrl+C, TERM or HUP at the resume question: nothing changed, said of every run
    asked about (the general stop said "the unfinished run" of two)."""

    def __init__(self, code: int, left: list[StoredRun]) -> None:
        super().__init__(code)
        self.code, self.left = code, left


class Afresh:
    """n to the resume question: the runs left off, given up only as the new run begins
    (`give_up`, past the content notes), as the app does: given up at the n, a trainee
    who then stopped at the notes had lost the old run with nothing begun in its place,
    and was told "nothing was recorded" (trainee playtest 37)."""

    def __init__(self, store: Store, left: list[StoredRun]) -> None:
        self.store, self.left = store, left

    def give_up(self) -> None:
        for r in self.left:
            self.store.leave(r.id)


def offer_resume(
    recorder: Recorder,
    scenario: Scenario,
    catalogue: Catalogue,
    read: Callable[[str], str | None],
    mode: str,
    locked: bool = False,
    asked: str | None = None,
) -> Run | Afresh | None:
    """Ask whether to go on with a run of this scenario left unfinished: the run resumed,
    `Afresh` (n: the runs left, to give up as the new run begins), or None (none left,
    or it could not be resumed).

    `locked` (`--lock-mode`): only a run begun in `mode`, as in the app. `asked`: the
    mode given on the command line; a run begun in the other is said to go on in its
    own (`--mode assessment` resumed a practice run, coach notes and undo, unremarked).
    """
    from sim.debrief.lines import wrap
    from sim.engine import ReplayError, Run

    store = recorder.store
    left = store.unfinished(scenario.id, mode if locked else None) if store is not None else []
    if not left:
        return None
    # named, as the app's question names it: asked before the intro, "this conversation"
    # was none yet to a trainee hearing the lines in order (trainee playtest 24)
    title = f"“{scenario.title}”"
    if len(left) == 1:
        stored = left[0]
        # wrapped as every other plain line: at 80 columns the terminal broke "(prac" /
        # "tice mode)." (trainee44)
        print("\n" + "\n".join(wrap(f"You left {title} unfinished on {_left_words(stored)}.")))
    else:  # all in one question: one at a time, each start asked about one more
        print(f"\nYou left {title} unfinished {len(left)} times (newest first):")
        for n, r in enumerate(left, 1):
            print(f"  {n}. on {_left_words(r)}")
    if asked is not None and len(left) == 1 and left[0].mode != asked:
        said = (
            f"You asked for {asked} mode: resumed, it goes on in {left[0].mode} mode, as it "
            f"began; n starts afresh in {asked} mode."
        )
        print("\n".join(wrap(said)))
    elif asked is not None and any(r.mode != asked for r in left):
        said = (
            f"You asked for {asked} mode: a resumed run goes on in the mode it began in; "
            f"n starts afresh in {asked} mode."
        )
        print("\n".join(wrap(said)))
    # Only a plain n gives the runs up: they cannot be resumed after, so a typo,
    # a slip of Enter or the end of input must not decide it (Enter resumes, as in the app).
    which = "y or Enter to resume" if len(left) == 1 else f"Enter for 1, or 1 to {len(left)}"
    while True:
        try:
            answer = read(
                f"Resume {'it' if len(left) == 1 else 'one'}? ({which}, n to start afresh) "
            )
        except (KeyboardInterrupt, StopSignal) as exc:
            raise ResumeStopped(
                128 + exc.signum if isinstance(exc, StopSignal) else 130, left
            ) from None
        if answer is None or answer.strip().lower() in ("q", "quit"):  # as at every question
            print(f"\nStopped. {_still_there(left)}")
            raise ResumeUnanswered
        typed, answer = answer.strip(), answer.strip().lower()
        if answer in ("", "y", "yes", "n", "no"):
            stored = left[0]
            break
        number = whole_number(answer)  # '²' raised, 5,000 digits raised, '١' read as 1
        if number is not None and 1 <= number <= len(left):
            stored = left[number - 1]
            break
        print(f"'{brief(typed)}' is not an answer here: type {_answers(len(left))}.")
    if answer in ("n", "no"):
        kept = "run stays" if len(left) == 1 else "runs stay"
        print(f"Starting afresh; the unfinished {kept} listed in peer-sim runs.")
        return Afresh(store, left)
    try:
        run_ = Run.replay(scenario, stored.progress, partial=True)
    except ReplayError as exc:
        store.leave(stored.id)
        print(f"It cannot be resumed ({exc}); starting afresh.")
        return None
    if not recorder.resume(stored, run_, catalogue):
        print("Another peer-sim took that run over; starting afresh.")
        return None
    if run_.replay_note:
        print(run_.replay_note)
    return run_


def _left_words(stored: StoredRun) -> str:
    """'2026-12-01 14:02 CST after 3 choices (practice mode)'."""
    when = local_time(stored.updated_at)
    n = stored.choices_made
    own = isinstance(stored.progress, dict) and stored.progress.get("own_words") is True
    words = (
        ", in your own words" if own else ""
    )  # it resumes in own-words practice, as the app says
    return f"{when} after {n} choice{'s' if n != 1 else ''} ({stored.mode} mode{words})"


def _answers(count: int) -> str:
    if count == 1:
        return "y to resume, n to start afresh, or q to stop here"
    return f"a number from 1 to {count} to resume that one, n to start afresh, or q to stop here"


def _still_there(left: list[StoredRun]) -> str:
    if len(left) == 1:
        return "The unfinished run is still there to resume next time."
    return "The unfinished runs are still there to resume next time."


def run(args: argparse.Namespace) -> int:
    # `peer-sim --mode assessment play X` means the same as `peer-sim play X --mode assessment`
    args.mode = args.mode or getattr(args, "app_mode", None)
    if not args.plain:
        from sim.tui.launch import launch

        # The app loads the file itself; with --watch a broken one is waited for first.
        if getattr(args, "watch", False) and load(args) is None:
            return 1
        return launch(scenario=args.scenario, extra_dirs=args.scenarios, mode=args.mode, args=args)
    from sim.authoring.startpoint import describe, parse_start

    script = parse_script(args.choices) if args.choices is not None else None
    scenario = load(args)
    if scenario is None:
        return 1
    start = parse_start(args, scenario)
    watch = None
    if getattr(args, "watch", False) and scenario.path:
        from sim.authoring.watch import Watcher

        watcher = Watcher(scenario.path)

        def watch(run: Run) -> tuple[Run | None, list[str]] | None:
            found = watcher.poll(run)
            return None if found is None else (found.run, found.messages)

    if start:
        print(describe(start))
    with stop_signals():
        try:
            return _play_plain(args, scenario, script, start, watch)
        except StopSignal as exc:  # between the player's own handlers: nothing more to say
            return 128 + exc.signum


def _play_plain(
    args: argparse.Namespace,
    scenario: Scenario,
    script: list[str] | None,
    start: dict,
    watch: Callable[[Run], tuple[Run | None, list[str]] | None] | None,
) -> int:
    from sim.engine import Run
    from sim.loading import catalogue_for_scenario
    from sim.plain.player import ScriptError, play

    def read(prompt: str) -> str | None:
        """An answer on the gate's prose rule (`clean_line`): what a terminal or a file adds
        unseen is not part of it, so '1' behind a byte-order mark (a choices file saved by
        Notepad) or with a zero-width space pasted after it is 1, not "'\\ufeff1' is not one
        of the choices", and an arrow key's escape sequence at a dumb prompt is nothing typed."""
        from sim.text import clean_line

        sys.stdout.write(prompt)
        sys.stdout.flush()
        line = read_line()
        if line is None:
            return None
        # A paste of several lines is one answer at every prompt, not only for own words:
        # "I hear you", then "2", pasted at "Your choice" picked line 2 of the next
        # decision unseen once the first line was refused (trainee20). As one answer it
        # is refused whole, and asked again.
        rest = pasted_rest()
        if rest:
            line = " ".join(part for part in (line, *rest) if part.strip())
        return clean_line(line)

    read_words = read  # own words: a paragraph pasted over several lines is one answer

    catalogue = catalogue_for_scenario(scenario)
    recorder = open_recorder(args)
    resumed = None
    afresh: Afresh | None = None  # n to the resume question: runs given up as this one begins
    mode = args.mode or "practice"
    if recorder is not None:
        for message in recorder.take_messages():
            print(message)
        if script is None:
            try:
                locked = bool(getattr(args, "lock_mode", False))
                resumed = offer_resume(
                    recorder, scenario, catalogue, read, mode, locked, asked=args.mode
                )
            except ResumeUnanswered:
                return 1
            except ResumeStopped as stop:
                with contextlib.suppress(OSError):  # a closed terminal reads nothing more
                    print(f"\nStopped. {_still_there(stop.left)}")
                return stop.code
            except (KeyboardInterrupt, StopSignal) as exc:
                with contextlib.suppress(OSError):  # a closed terminal reads nothing more
                    print("\nStopped. The unfinished run is still there to resume next time.")
                return 128 + exc.signum if isinstance(exc, StopSignal) else 130
            if isinstance(resumed, Afresh):
                afresh, resumed = resumed, None
            mode = recorder.mode if resumed is not None else mode
    first = resumed or Run.begin(scenario, **start)
    stopped: BaseException | None = None
    begun = False

    def begins() -> None:
        """The new run begins, past its content notes: only now are the runs answered n
        about given up and the new one recorded, so stopping at the notes changes
        nothing, as Back there does in the app (trainee playtest 37)."""
        nonlocal begun
        begun = True
        if afresh is not None:
            afresh.give_up()
        if recorder is not None:
            recorder.begin(first, mode, catalogue)

    try:
        run_ = play(
            scenario,
            catalogue,
            sys.stdout,
            read,
            mode=mode,
            script=script,
            run=first,
            watch=watch,
            record=recorder.hook if recorder is not None else None,
            own_words=bool(getattr(args, "own_words", None)),
            confirm_notes=_at_a_terminal(),
            read_words=read_words,
            give_up=None if _at_a_terminal() else GIVE_UP,
            confirm_empty=_at_a_terminal(),
            begins=begins if resumed is None else None,
        )
    except ScriptError as exc:
        print(f"peer-sim: {exc}", file=sys.stderr)
        left = recorder.leave() if recorder is not None else None
        if left is not None:
            print(
                f"Run {left} is kept in peer-sim runs as left unfinished; a scripted run that "
                "stops before an ending is not offered for resume.",
                file=sys.stderr,
            )
        return 1
    except (KeyboardInterrupt, StopSignal) as exc:  # says what was kept, as q and ctrl+d do
        stopped = exc
        how = exc.words if isinstance(exc, StopSignal) else "ctrl+c"
        with contextlib.suppress(OSError):
            print(f"\n\nStopped before the end ({how}).")
        run_ = None
    if recorder is not None and recorder.finished_id is not None:
        n = recorder.finished_id
        print(f"\nRecorded as run {n}. For a supervisor: peer-sim export {n} --format md")
    elif recorder is not None and recorder.run_id is not None and recorder.enabled:
        recorder.release()
        print("\nSaved unfinished: the next peer-sim play of this scenario offers to resume it.")
    elif recorder is not None and recorder.run_id is not None:
        # writing failed on the way (said then): only the part saved before is kept
        print(
            "\nOnly the part of this run saved before recording stopped is kept; the next "
            "peer-sim play of this scenario offers to resume from there."
        )
    elif recorder is not None and recorder.enabled:
        # opened and left before the first line: kept as an attempt, as the app keeps it
        recorder.release()
    if afresh is not None and not begun:  # stopped at the content notes: nothing given up
        with contextlib.suppress(OSError):
            print(_still_there(afresh.left))
    if run_ is None:
        return 128 + stopped.signum if isinstance(stopped, StopSignal) else 130
    return 0 if run_.over else 1
