"""A finished run as xAPI 1.0.3 statements: one per decision and one for completion.

Every IRI peer-sim coins starts with `IRI_BASE` (documented in the README):

- the scenario:        {IRI_BASE}scenarios/{scenario id}
- a decision point:    {IRI_BASE}scenarios/{scenario id}/scenes/{scene id}
- extensions:          {IRI_BASE}extensions/{name}

Statement ids are UUIDv5 names derived from the run's registration, so the same
run always yields the same ids: a retried sync can only repeat a statement the
record store already holds, never add a second copy.

Statements set no `version`: xAPI 1.0.3 (Data 2.4.10) says a provider SHOULD NOT,
and one that does MUST write "1.0.0"; the record store fills it in. The patch
version we follow is the request header's.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sim.cues import Counts, count
from sim.records.record import (
    away_of,
    critical_slips,
    played_until,
    seconds_playing,
    slips_so_far,
    taken_back_of,
)
from sim.records.stored import StoredRun

if TYPE_CHECKING:
    from sim.model import Scenario

XAPI_VERSION = "1.0.3"  # the X-Experience-API-Version header sync sends; statements carry none
IRI_BASE = "https://w3id.org/peer-sim/xapi/"
VERB_RESPONDED = {
    "id": "http://adlnet.gov/expapi/verbs/responded",
    "display": {"en-US": "responded"},
}
VERB_COMPLETED = {
    "id": "http://adlnet.gov/expapi/verbs/completed",
    "display": {"en-US": "completed"},
}
# ADL's verb for an attempt ended without completion: a run the trainee left (declined to
# resume), which never changes again. Not `suspended`: that says it may be taken up again.
VERB_TERMINATED = {
    "id": "http://adlnet.gov/expapi/verbs/terminated",
    "display": {"en-US": "terminated"},
}
ACTIVITY_SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ACTIVITY_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def ext(name: str) -> str:
    return f"{IRI_BASE}extensions/{name}"


def scenario_iri(scenario_id: str) -> str:
    return f"{IRI_BASE}scenarios/{quote(scenario_id, safe='')}"


def statement_id(run: StoredRun, name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(run.registration), name))


_LOCAL = re.compile(r"[\w!#$%&'*+/=?^`{|}~-]+(\.[\w!#$%&'*+/=?^`{|}~-]+)*")
_LABEL = re.compile(r"[^\W_](?:(?:[^\W_]|-)*[^\W_])?")


def email_problem(email: str) -> str | None:
    """Why `email` cannot be an xAPI `mbox` (mailto:name@example.org), or None.

    `identity --email` took '@', 'a@', 'mailto:a@b.c' or 'a@b.c?cc=x@y.z'; every
    statement then carried it and a record store refused each run at sync (HTTP 422,
    a page of JSON), with nothing pointing at the email. The shape a record store
    checks: one @, a dot-separated name before it, a domain of dotted labels after.
    """
    if email.lower().startswith("mailto:"):
        return "give the address alone, without mailto:"
    if email.count("@") != 1:
        return "an email address has one @ (name@example.org)"
    name, domain = email.split("@")
    if not name or not domain:
        return f"there is nothing {'before' if not name else 'after'} the @ (name@example.org)"
    if len(name) > 64 or not _LOCAL.fullmatch(name):
        return "the part before the @ holds characters an address cannot (name@example.org)"
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return "the part after the @ is not a domain such as example.org"
    return None


def actor(identity: dict[str, str]) -> dict[str, Any]:
    """An email if the trainee gave one, else the anonymous account id kept in the store."""
    out: dict[str, Any] = {"objectType": "Agent"}
    if identity.get("name"):
        out["name"] = identity["name"]
    if identity.get("email"):
        out["mbox"] = "mailto:" + identity["email"]
    else:
        out["account"] = {"homePage": IRI_BASE, "name": identity["actor_id"]}
    return out


def score(run: StoredRun, slips: dict[int, str] | None = None) -> float:
    """Honoured minus undermined over their sum, across every decision: -1 to 1; at most 0
    when the run holds a critical slip (`slips`, from its kept debrief).

    The share alone scored a first-meeting run with a breach of confidentiality 0.89
    (programme26): a programme ranking runs by score put it among the best, while the
    ending was capped for it. A critical slip never ends well, so its run never scores
    above a run that honoured as much as it undermined.
    """
    honoured = sum(list(d.verdicts.values()).count("honours") for d in run.decisions)
    undermined = sum(list(d.verdicts.values()).count("undermines") for d in run.decisions)
    total = honoured + undermined
    share = round((honoured - undermined) / total, 4) if total else 0.0
    return min(share, 0.0) if slips else share


def duration(start: str, end: str, away: list[list[str]] | None = None) -> str:
    """ISO 8601 duration between two stored timestamps (PT1M5.25S), less the time away
    between leaving the run and resuming it: a programme reads it as time spent playing."""
    # to the hundredth first: 119.996 s rounded after the split was 'PT1M60S'
    seconds = round(seconds_playing(start, end, away), 2)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    return out + f"{round(secs, 2):g}S"


def typed_first(run: StoredRun) -> bool:
    """Whether the run was played in own-words practice (the engine's record says so)."""
    return bool(isinstance(run.progress, dict) and run.progress.get("own_words"))


def programme_iri(programme: str) -> str:
    """One id per programme however each room typed its name (`names.programme_key`)."""
    from sim.records.names import programme_key

    return IRI_BASE + "programmes/" + quote(programme_key(programme), safe="")


def _context(run: StoredRun, in_scenario: bool = True, programme: str = "") -> dict[str, Any]:
    """The run's context; a decision's parent is its scenario (the scenario itself has none).

    A store that names its programme (`identity --programme`) puts it in `grouping`, so
    a record store holding several cohorts' statements can tell them apart.
    """
    out: dict[str, Any] = {
        "registration": run.registration,
        "platform": "peer-sim",
        "language": "en-US",
    }
    activities: dict[str, Any] = {}
    if in_scenario:
        activities["parent"] = [{"id": scenario_iri(run.scenario_id), "objectType": "Activity"}]
    if programme:
        activities["grouping"] = [
            {
                "id": programme_iri(programme),
                "objectType": "Activity",
                "definition": {"name": {"en-US": programme}},
            }
        ]
    if activities:
        out["contextActivities"] = activities
    out["extensions"] = {
        ext("scenario"): run.scenario_id,
        ext("content-hash"): run.digest,
        ext("mode"): run.mode,
        ext("own-words"): typed_first(run),
    }
    return out


def _reviews(run: StoredRun) -> dict[int, dict[str, Any]]:
    """Decision number -> what the kept debrief says of it: the line it answered, and
    whether it was the strongest on offer. Empty when no debrief was kept."""
    snapshot = run.debrief if isinstance(run.debrief, dict) else {}
    decisions = snapshot.get("decisions")
    out: dict[int, dict[str, Any]] = {}
    for review in decisions if isinstance(decisions, list) else []:
        if not isinstance(review, dict):
            continue
        step = review.get("step")
        if not isinstance(step, int) or isinstance(step, bool):
            continue
        speaker, prompt = review.get("speaker"), review.get("prompt")
        said = prompt if isinstance(prompt, str) else ""
        if said and isinstance(speaker, str) and speaker:
            said = f"{speaker}: {said}"
        cues = review.get("cues")
        out[step] = {
            "prompt": said,
            "success": not review.get("alternative") and not review.get("critical"),
            "cues": [c for c in cues if isinstance(c, str)] if isinstance(cues, list) else [],
        }
    return out


def _word_counts(run: StoredRun) -> dict[str, int]:
    """The own-words counts as the kept debrief counted them: it read each entry knowing
    where a crisis was on the table (a "Do you have a plan?" there is a safety question,
    not a closed one), which the words alone do not say. Counted off the words when no
    debrief was kept."""
    snapshot = run.debrief if isinstance(run.debrief, dict) else {}
    kept = snapshot.get("words")
    names = ("open_questions", "closed_questions", "reflections", "directive")
    if isinstance(kept, dict) and all(type(kept.get(n)) is int for n in names):
        counts = Counts(*(kept[n] for n in names), safety_questions=_int(kept, "safety_questions"))
    else:
        counts = count(d.words for d in run.decisions)
    return {
        "entries": len(run.decisions),
        "open-questions": counts.open_questions,
        "closed-questions": counts.closed_questions,
        "safety-questions": counts.safety_questions,
        "reflections": counts.reflections,
        "directive": counts.directive,
    }


def _int(kept: dict[str, Any], name: str) -> int:
    """A count a debrief kept before it was counted is none (0), not an error."""
    value = kept.get(name)
    return value if type(value) is int else 0


NAME_WORDS = 72  # characters of a moment's words in its activity name


class MomentNames:
    """Each decision point's name and description, in the words of the scenario it came from.

    An LRS lists activities by name, and "First Meeting: role-question" (the scene id) told
    a programme's reader nothing (trainer-tests 2, 4, 5). A moment is named by what the
    person says there, as the scene's own text has it (not a variant, which varies from
    run to run, nor the debrief's prompt), so every run of one version of the scenario
    names it alike. Only when the scenario is found and its content hash is the run's;
    otherwise the scene id, as before. `find` looks a scenario up by id (the library).
    """

    def __init__(self, find: Callable[[str], Scenario | None] | None = None) -> None:
        self.find = find
        self._known: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {}

    def __call__(self, run: StoredRun) -> dict[str, tuple[str, str]]:
        """Scene id -> (name, description) for `run`'s scenario; {} when it is not at hand."""
        if self.find is None:
            return {}
        if run.scenario_id not in self._known:
            self._known[run.scenario_id] = _moments(self.find, run)
        version, names = self._known[run.scenario_id]
        return names if version == run.digest else {}


def _moments(
    find: Callable[[str], Scenario | None], run: StoredRun
) -> tuple[str, dict[str, tuple[str, str]]]:
    from sim.engine import digest

    try:
        scenario = find(run.scenario_id)
    except Exception:  # a library that does not load: names by scene id, the sync goes on
        return "", {}
    if scenario is None:
        return "", {}
    out = {}
    for scene_id, scene in scenario.scenes.items():
        said = " ".join(scene.text.split())
        who = scenario.characters.get(scene.speaker or "")
        words = f"{who.name}: {said}" if who is not None else said
        short = words if len(words) <= NAME_WORDS else words[: NAME_WORDS - 1].rsplit(" ", 1)[0]
        short += "" if short == words else "…"
        out[scene_id] = (f"{run.scenario_title}: {short}", words)
    return digest(scenario), out


def sendable(run: StoredRun) -> bool:
    """Finished, or left for good: a run that will not change again (see `statements`)."""
    return run.finished or run.status == "left"


def statements(
    run: StoredRun,
    identity: dict[str, str],
    moments: Callable[[StoredRun], dict[str, tuple[str, str]]] | None = None,
    find: Callable[[str], Scenario | None] | None = None,
) -> list[dict[str, Any]]:
    """A finished run's statements: a `responded` per decision and one `completed`.

    A run left unfinished (`status` "left": the trainee declined to resume it, so it never
    changes again) gives a `responded` per decision said, rebuilt from its progress on the
    scenario it was played on (`find`; none when that is not at hand or has changed), and
    one `terminated` in place of `completed`. A run that may still be resumed gives none:
    its statements would change as it goes on, and a stored statement cannot.
    """
    if not sendable(run):
        raise ValueError(
            f"run {run.id} may still be resumed; a run becomes statements once it has ended"
        )
    run.whole()
    if not run.finished:
        from sim.records.export import decisions_so_far

        run = dataclasses.replace(run, decisions=decisions_so_far(run, find))
    who = actor(identity)
    out: list[dict[str, Any]] = []
    scenario = {
        "id": scenario_iri(run.scenario_id),
        "objectType": "Activity",
        "definition": {
            "name": {"en-US": run.scenario_title},
            "type": ACTIVITY_SIMULATION,
        },
    }
    own_words = typed_first(run)
    named = moments(run) if moments is not None else {}
    known = critical_slips(run) if run.finished else left_slips(run, find)
    slips = known or {}
    reviews = _reviews(run)
    # lines said and taken back (practice undo, starting again): a first instinct, even undone
    undone = taken_back_of(run.progress)
    taken = [
        {"step": t["step"], "choice": t["choice"], "line": t["said"]}
        | ({"kind": t["critical"]} if t["critical"] else {})
        for t in undone
    ]
    for d in run.decisions:
        extensions: dict[str, Any] = {
            ext("step"): d.step,
            ext("choice"): d.choice_id,
            ext("line"): d.said,
            ext("principles"): dict(d.verdicts),
            ext("trust"): {"before": d.trust_before, "after": d.trust_after},
            ext("empowerment"): {
                "before": d.empowerment_before,
                "after": d.empowerment_after,
            },
        }
        if d.step in slips:
            extensions[ext("critical-slip")] = slips[d.step]
        here = [
            x
            for x, t in zip(taken, undone, strict=True)
            if (t["step"], t["scene"]) == (d.step, d.scene)
        ]
        if here:
            extensions[ext("taken-back")] = here
        result: dict[str, Any] = {
            # In own-words practice the response is what the trainee typed;
            # the line they picked is always the `line` extension.
            "response": d.words if own_words else d.said,
        }
        definition: dict[str, Any] = {
            "name": {"en-US": f"{run.scenario_title}: {d.scene}"},
            "type": ACTIVITY_INTERACTION,
            "interactionType": "other",
        }
        if d.scene in named:
            name, words = named[d.scene]
            definition["name"] = {"en-US": name}
            definition["description"] = {"en-US": words}
        review = reviews.get(d.step)
        if review is not None:
            if review["prompt"]:
                extensions[ext("prompt")] = review["prompt"]
            # The debrief's own verdict on the line: no stronger one was on offer and
            # it was no critical slip. Left out when the debrief was not kept: unknown
            # is not a failure.
            result["success"] = review["success"]
            if own_words and review["cues"]:
                # `success` judges the line picked; the typed words are the response, and
                # "You should go to a meeting tonight." stood beside success true with
                # nothing of the directive cue the trainee read (programme26)
                extensions[ext("cues")] = review["cues"]
        result["extensions"] = extensions
        out.append(
            {
                "id": statement_id(run, f"decision/{d.step}"),
                "actor": who,
                "verb": VERB_RESPONDED,
                "object": {
                    "id": f"{scenario_iri(run.scenario_id)}/scenes/{quote(d.scene, safe='')}",
                    "objectType": "Activity",
                    "definition": definition,
                },
                "result": result,
                "context": _context(run, programme=identity.get("programme", "")),
                "timestamp": d.decided_at or run.ended_at or run.updated_at,
            }
        )
    if not run.finished:
        out.append(_terminated(run, who, scenario, known, taken, identity.get("programme", "")))
        return out
    ending: dict[str, Any] = {
        ext("ending"): run.ending_id,
        ext("ending-title"): run.ending_title,
        ext("outcome"): run.outcome,
        ext("trust"): run.final_trust,
        ext("empowerment"): run.final_empowerment,
    }
    if own_words:  # the motivational-interviewing counts the debrief showed, for a programme
        ending[ext("own-words-counts")] = _word_counts(run)
    if taken:
        ending[ext("taken-back")] = taken
    if known is not None:  # an empty list is a fact a query can find: no critical slip
        ending[ext("critical-slips")] = [
            {"step": step, "kind": kind} for step, kind in sorted(known.items())
        ]
    out.append(
        {
            "id": statement_id(run, "completed"),
            "actor": who,
            "verb": VERB_COMPLETED,
            "object": scenario,
            "result": {
                "completion": True,
                "success": run.outcome == "strong",
                "score": {"scaled": score(run, known)},
                "duration": duration(
                    run.started_at, run.ended_at or run.updated_at, away_of(run.progress)
                ),
                "extensions": ending,
            },
            "context": _context(run, in_scenario=False, programme=identity.get("programme", "")),
            "timestamp": run.ended_at,
        }
    )
    return out


def left_slips(
    run: StoredRun, find: Callable[[str], Scenario | None] | None = None
) -> dict[int, str] | None:
    """An unfinished run's critical slips: from the progress written at each line (which
    names them only when there are some), else from its lines replayed on the scenario it
    was played on; None when neither can tell (not knowing is not "none")."""
    if isinstance(run.progress, dict) and "slips" in run.progress:
        return slips_so_far(run.progress)
    from sim.engine import ReplayError, Run, digest

    scenario = find(run.scenario_id) if find is not None else None
    if scenario is None or digest(scenario) != run.digest or not isinstance(run.progress, dict):
        return None
    try:
        replayed = Run.replay(scenario, run.progress)
    except (ReplayError, ValueError, TypeError, KeyError):
        return None
    decisions = replayed.state.decisions
    return {n: d.critical for n, d in enumerate(decisions, 1) if d.critical}


def _terminated(
    run: StoredRun,
    who: dict[str, Any],
    scenario: dict[str, Any],
    known: dict[int, str] | None,
    taken: list[dict[str, Any]],
    programme: str,
) -> dict[str, Any]:
    """The statement of a run left before its ending: how far it went, the meters there
    (when its decisions could be rebuilt), its critical slips and lines taken back."""
    extensions: dict[str, Any] = {ext("step"): run.choices_made}
    if run.decisions:
        last = run.decisions[-1]
        extensions[ext("trust")] = last.trust_after
        extensions[ext("empowerment")] = last.empowerment_after
    if taken:
        extensions[ext("taken-back")] = taken
    if known is not None:
        extensions[ext("critical-slips")] = [
            {"step": step, "kind": kind} for step, kind in sorted(known.items())
        ]
    return {
        "id": statement_id(run, "terminated"),
        "actor": who,
        "verb": VERB_TERMINATED,
        "object": scenario,
        "result": {
            "completion": False,
            "duration": duration(run.started_at, played_until(run), away_of(run.progress)),
            "extensions": extensions,
        },
        "context": _context(run, in_scenario=False, programme=programme),
        "timestamp": run.updated_at,
    }
