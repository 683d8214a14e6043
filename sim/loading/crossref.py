"""Links between parts of a scenario, checked once the shapes are valid.

pydantic validates each table on its own; whether `goto = "why-here"` names a
real scene only shows when the whole file is known. Each broken link is one
problem at its own key, with the closest valid name as a hint.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sim.model.types import OUTCOME_GOTO
from sim.problems import did_you_mean, name_flaw
from sim.shell_words import suggest

if TYPE_CHECKING:
    from sim.model import Catalogue, Clause, Condition, Scenario

Found = tuple[tuple[object, ...], str, str, str]  # loc, message, hint, code


def cross_reference(scenario: Scenario, catalogue: Catalogue | None) -> list[Found]:
    return list(_links(scenario, catalogue))


def _bundled_ids() -> set[str]:
    from sim.loading.library import load_catalogue

    try:
        return set(load_catalogue().principles)
    except Exception:  # noqa: BLE001 - a hint never hides the problem it explains
        return set()


def _catalogue_above(scenario_path: str, pid: str, used: Path | None) -> Path | None:
    """A principles.toml in a folder above the scenario's that has `pid`: one applies only
    to the scenarios in its own folder, so a draft moved into a subfolder (drafts/) lost
    the principles its author added, and was told only to list the catalogue's ids."""
    from sim.loading.folders import CATALOGUE_NAME
    from sim.loading.library import load_catalogue

    if not scenario_path:
        return None
    folder = Path(scenario_path).resolve().parent
    for above in list(folder.parents)[:8]:
        candidate = above / CATALOGUE_NAME
        if used is not None and candidate == used.resolve():
            return None
        if not candidate.is_file():
            continue
        try:
            found = pid in load_catalogue(candidate).principles
        except Exception:  # noqa: BLE001 - a hint never hides the problem it explains
            return None
        if not found:
            return None
        try:  # named as the author named the scenario: five/principles.toml, not /home/...
            near = Path(os.path.relpath(candidate))
        except ValueError:  # another drive, on Windows
            return candidate
        return near if len(str(near)) < len(str(candidate)) else candidate
    return None


# A speaker an author writes for narration, which is a scene with no speaker at all.
_NARRATION = frozenset(("narrator", "narration", "none", "nobody", "scene", "the-moment"))
# The coach as a scene's speaker: a [characters.you] would be an error of its own (a name
# that reads like 'You', the label of the coach's lines), so the hint says where the
# coach's words go instead.
_COACH = frozenset(("you", "coach", "peer-coach", "me", "i", "trainee", "the-coach"))
_COACH_HINT = (
    "a scene is what the other person says; the coach's words are the lines a trainee "
    'picks, each a say = "..." in a [[scenes.{sid}.choices]] block: give this scene the id '
    "of the person who speaks, or delete this line for narration"
)


class _Setters:
    """The first choice that sets each flag, built only when a condition names no scene:
    `visited = ["told-may"]` where told-may is a flag (the two lists sit side by side in a
    `when`, and a flag and a scene are both just names) was told only "is not a scene"."""

    def __init__(self, sc: Scenario) -> None:
        self._sc = sc
        self._first: dict[str, str] | None = None

    def of(self, flag: str) -> str | None:
        if self._first is None:
            self._first = {}
            for sid, scene in self._sc.scenes.items():
                for i, choice in enumerate(scene.choices):
                    for name in choice.sets:
                        # sim.engine.choice_id's rule, written out: loading sits below the engine
                        self._first.setdefault(name, choice.id or f"{sid}#{i + 1}")
        return self._first.get(flag)


def _links(sc: Scenario, catalogue: Catalogue | None) -> Iterator[Found]:
    scenes, endings = sc.scenes, sc.endings
    setters = _Setters(sc)
    targets = set(scenes) | set(endings) | {OUTCOME_GOTO}
    principles = set(catalogue.principles) if catalogue else None
    where = "`peer-sim principles`"
    local: Path | None = None  # a folder's own catalogue, which replaces the bundled one
    if catalogue and catalogue.path:
        from sim.loading.folders import CATALOGUE_NAME, bundled_dir

        cat_path = Path(catalogue.path)
        if cat_path != bundled_dir() / CATALOGUE_NAME:
            local = cat_path
            where = f"`{suggest('peer-sim principles', cat_path.parent)}`"
    catalogue_hint = f"the catalogue's ids are listed by {where}"
    told: list[bool] = []  # the remedy for a replaced catalogue said once per file

    def principle_hint(pid: str) -> str:
        close = did_you_mean(pid, principles or ())
        if local is not None and not close and pid in _bundled_ids():
            # An author who added one principle of their own lost all the bundled ones.
            said = f"'{pid}' is a bundled principle, but {local} replaces the bundled catalogue"
            if told:  # the same remedy 120 times over buried the file's other errors
                return f"{said} (what to do: the first error that says so)"
            told.append(True)
            return (
                f"{said}: start a new file from the output of `peer-sim principles --toml`, "
                f"copy your own [principles.ID] entries to its end, and save it over {local}"
            )
        if close:
            return close
        above = _catalogue_above(sc.path, pid, local)
        if above is not None:
            here = Path(sc.path).parent / above.name
            return (
                f"'{pid}' is in {above}, but a {above.name} applies only to the scenarios in "
                f"its own folder, not its subfolders: copy it to {here}, or move this "
                "scenario up beside it"
            )
        return catalogue_hint

    if sc.start not in scenes:
        yield (
            ("start",),
            # not "start names 'asks', ...": the line already opens with the key, `start:`
            f"'{sc.start}' is not a scene",
            (
                f"'{sc.start}' is an ending: name the scene the conversation opens with"
                if sc.start in endings
                else did_you_mean(sc.start, scenes) or "name the scene the conversation opens with"
            ),
            "unknown-scene",
        )
    for both in sorted(set(scenes) & set(endings)):
        yield (
            ("endings", both),
            f"'{both}' is both a scene and an ending",
            "give one of them another name so goto is never ambiguous",
            "duplicate-id",
        )

    def goto_problem(loc: tuple[object, ...], target: str) -> Iterator[Found]:
        if target not in targets:
            # '@' is not a name's letter, but "@outcome" holds one: say that, not
            # "'@' is not a letter" beside a hint to write '@outcome'.
            flaw = (
                "the one target that starts with '@' is \"@outcome\""
                if target.startswith("@")
                else name_flaw(target)
            )
            key = loc[-1] if loc[-1] == "next" else "goto"
            dashed = re.sub(r"\.+", "-", target).strip("-")
            hint = (
                f"a name holds no '.': call it '{dashed}', here and in its header "
                f"([scenes.{dashed}])"
                if "." in target and dashed and name_flaw(dashed) == ""
                else did_you_mean(target, targets)
            ) or (
                f'{key} names a scene, an ending, or "@outcome" to pick the ending by the meters'
                + (
                    ""  # a draft: say how to play the part written so far
                    if flaw
                    else f"; one still to write: add [scenes.{target}], or [endings.{target}] "
                    f'for an ending, or write {key} = "@outcome" until then to play the rest'
                )
            )
            message = f"'{target}' is not a scene or an ending" + (f": {flaw}" if flaw else "")
            yield (loc, message, hint, "unknown-goto")

    if principles is not None:
        for i, pid in enumerate(sc.trains):
            if pid not in principles:
                yield (
                    ("trains", i),
                    f"'{pid}' is not a principle in the catalogue",
                    principle_hint(pid),
                    "unknown-principle",
                )

    choice_ids: dict[str, tuple[str, int]] = {}  # id -> (scene, index) of its first use
    for sid, scene in scenes.items():
        base: tuple[object, ...] = ("scenes", sid)
        if scene.speaker is not None and scene.speaker not in sc.characters:
            # `speaker` takes the id after [characters.ID]; authors often write the name.
            named = [
                cid
                for cid, ch in sc.characters.items()
                if ch.name.strip().lower() == scene.speaker.lower()
            ]
            yield (
                base + ("speaker",),
                f"'{scene.speaker}' is not a character id",
                f"[characters.{named[0]}] has the name '{sc.characters[named[0]].name}': "
                f'speaker takes the id, so write speaker = "{named[0]}"'
                if named
                else did_you_mean(scene.speaker, sc.characters)
                or (
                    # the README's narration is a scene without a speaker
                    "narration has no speaker: delete this line and the scene shows without "
                    f"a name; or add [characters.{scene.speaker}] with a name"
                    if scene.speaker.lower() in _NARRATION
                    else _COACH_HINT.format(sid=sid)
                    if scene.speaker.lower() in _COACH
                    else f"add [characters.{scene.speaker}] with a name"
                ),
                "unknown-character",
            )
        if scene.choices and scene.next is not None:
            yield (
                base + ("next",),
                f"scene '{sid}' has both choices and next",
                "a scene either offers choices or goes on with next; remove one",
                "choices-and-next",
            )
        elif not scene.choices and scene.next == ():
            yield (
                base + ("next",),
                f"next in scene '{sid}' is an empty list, so the conversation stops here",
                'write next = "a-scene-or-ending", or put its branches in the list: next = '
                '[ { when = { flags = ["..."] }, goto = "..." }, { goto = "..." } ]',
                "dead-end",
            )
        elif not scene.choices and scene.next is None:
            yield (
                base,
                f"scene '{sid}' has neither choices nor next, so the conversation stops here",
                "add [[scenes." + sid + '.choices]], or next = "a-scene-or-ending"',
                "dead-end",
            )
        if isinstance(scene.next, str):
            yield from goto_problem(base + ("next",), scene.next)
        elif scene.next is not None:
            last = len(scene.next) - 1
            for i, step in enumerate(scene.next):
                if step.goto not in targets:
                    yield from goto_problem(base + ("next", i, "goto"), step.goto)
                if step.when is not None:
                    yield from _conditions(
                        base + ("next", i, "when"), step.when, scenes, endings, setters
                    )
                    continue
                if i < last:
                    yield (
                        base + ("next", i),
                        "this branch of next has no when, so it always holds and "
                        + (
                            "the branch after it"
                            if last - i == 1
                            else f"the {last - i} branches after it"
                        )
                        + " can never be taken",
                        "give it a when, or move it to the end as the fallback",
                        "shadowed-branch",
                    )
        for i, variant in enumerate(scene.variants):
            yield from _conditions(
                base + ("variants", i, "when"), variant.when, scenes, endings, setters
            )
        # This loop runs for every choice of every file in a library, so the
        # happy path builds nothing: locations are made only for a problem.
        best_seen = -1
        for i, choice in enumerate(scene.choices):
            if choice.goto not in targets:
                yield from goto_problem(base + ("choices", i, "goto"), choice.goto)
            if choice.best:
                if choice.critical:
                    # The debrief would offer a critical slip as the stronger line.
                    yield (
                        base + ("choices", i, "best"),
                        f"this choice is a critical slip ({choice.critical}), so it cannot be "
                        "the model answer",
                        "remove best = true here and mark the line a coach should say instead, "
                        "or remove critical if this line is not a slip",
                        "best-critical",
                    )
                elif best_seen >= 0:
                    yield (
                        base + ("choices", i, "best"),
                        f"choice {best_seen + 1} of this scene is already marked best",
                        "mark only the model answer with best = true: remove best from one of them",
                        "several-best",
                    )
                else:
                    best_seen = i
            if principles is not None and not principles.issuperset(choice.principles):
                for pid in choice.principles:
                    if pid not in principles:
                        yield (
                            base + ("choices", i, "principles", pid),
                            f"'{pid}' is not a principle in the catalogue",
                            principle_hint(pid),
                            "unknown-principle",
                        )
            if choice.when is not None:
                yield from _conditions(
                    base + ("choices", i, "when"), choice.when, scenes, endings, setters
                )
            if choice.cap is not None and choice.critical is None:
                yield (
                    base + ("choices", i, "cap"),
                    "cap only applies to a critical slip",
                    'add critical = "safety", "confidentiality", "dual-relationship" or '
                    '"outside-role", or remove cap',
                    "cap-without-critical",
                )
            if choice.id is not None:
                if choice.id in choice_ids:
                    first_scene, first = choice_ids[choice.id]
                    yield (
                        base + ("choices", i, "id"),
                        f"choice id '{choice.id}' is used twice: choice {first + 1} of scene "
                        f"'{first_scene}' has it too",
                        "each choice id must be unique in the file: rename one of them",
                        "duplicate-id",
                    )
                choice_ids.setdefault(choice.id, (sid, i))
    for eid, ending in endings.items():
        if ending.when is not None:
            yield from _conditions(("endings", eid, "when"), ending.when, scenes, endings, setters)
        for i, variant in enumerate(ending.variants):
            yield from _conditions(
                ("endings", eid, "variants", i, "when"), variant.when, scenes, endings, setters
            )
        for i, extra in enumerate(ending.also):
            yield from _conditions(
                ("endings", eid, "also", i, "when"), extra.when, scenes, endings, setters
            )
    for i, item in enumerate(sc.debrief.reflect):
        if not isinstance(item, str) and item.when is not None:
            yield from _conditions(
                ("debrief", "reflect", i, "when"), item.when, scenes, endings, setters
            )


def _conditions(
    loc: tuple[object, ...],
    cond: Condition,
    scenes: dict[str, object],
    endings: Collection[str] = (),
    setters: _Setters | None = None,
) -> Iterator[Found]:
    """A condition's own keys, then each clause of its `any`."""
    if _suspect(cond, scenes):
        yield from _condition(loc, cond, scenes, endings, setters)
    for i, clause in enumerate(cond.any):
        if _suspect(clause, scenes):
            yield from _condition(loc + ("any", i), clause, scenes, endings, setters)


def _suspect(cond: Clause, scenes: dict[str, object]) -> bool:
    """Cheap pre-test: could `_condition` find anything wrong?"""
    if cond.visited or cond.not_visited or (cond.flags and cond.not_flags):
        return True
    return (cond.min_trust is not None and cond.max_trust is not None) or (
        cond.min_empowerment is not None and cond.max_empowerment is not None
    )


def _condition(
    loc: tuple[object, ...],
    cond: Clause,
    scenes: dict[str, object],
    endings: Collection[str],
    setters: _Setters | None = None,
) -> Iterator[Found]:
    for key in ("visited", "not_visited"):
        flag_key = "flags" if key == "visited" else "not_flags"
        names = "scenes seen so far" if key == "visited" else "scenes not seen yet"
        for i, sid in enumerate(getattr(cond, key)):
            if sid in scenes:
                continue
            setter = setters.of(sid) if setters is not None else None
            # A flag named like an ending (own-voice, set on the way to 'own-voice') is
            # what the author meant to test; the same for a flag where a scene belongs.
            as_flag = (
                f"'{sid}' is a flag, set by {setter}: to test it, move it from {key} to "
                f'{flag_key} = ["{sid}"]'
                if setter
                else ""
            )
            if sid in endings:
                yield (
                    loc + (key, i),
                    f"'{sid}' is an ending, not a scene: {key} names {names}",
                    (
                        f"no condition can know the ending, but {as_flag}"
                        if as_flag
                        else "no condition can know the ending; name a flag that the choices "
                        "leading to it set (sets = [...]), or a scene on the way there"
                    ),
                    "unknown-scene",
                )
            elif as_flag:
                yield (
                    loc + (key, i),
                    f"'{sid}' is not a scene: {key} names {names}",
                    as_flag,
                    "unknown-scene",
                )
            else:
                yield (
                    loc + (key, i),
                    f"'{sid}' is not a scene",
                    did_you_mean(sid, scenes),
                    "unknown-scene",
                )
    for low, high in (("min_trust", "max_trust"), ("min_empowerment", "max_empowerment")):
        lo, hi = getattr(cond, low), getattr(cond, high)
        if lo is not None and hi is not None and lo > hi:
            yield (
                loc + (low,),
                f"{low} is above {high}, so this can never hold",
                f"make {low} no more than {high}",
                "impossible-condition",
            )
    for flag in set(cond.flags) & set(cond.not_flags):
        yield (
            loc + ("flags",),
            f"flag '{flag}' is both required and forbidden, so this can never hold",
            "remove it from flags or from not_flags",
            "impossible-condition",
        )
    for sid in sorted(set(cond.visited) & set(cond.not_visited)):
        # the same slip as a flag in both lists; the explorer would only say "never shows"
        yield (
            loc + ("visited",),
            f"scene '{sid}' must be both seen and not seen, so this can never hold",
            "remove it from visited or from not_visited",
            "impossible-condition",
        )
