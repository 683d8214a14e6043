"""The JSON Schema of the scenario format, generated from the pydantic models.

Editors use it for completion and validation as you type: with Taplo or the
Even Better TOML extension for VS Code, put this first line in a scenario

    #:schema ../schema/scenario.schema.json

(the path is relative to the scenario file). The schema is generated, never
hand-written: `peer-sim schema` prints it, and a test keeps the shipped copy
in `schema/scenario.schema.json` identical to what the models say.

TOML has no null, so the optional fields are shown as plain optional keys,
and each key carries a one-line description from the format reference.
The checker still knows more than the schema can say (links between scenes,
principles in the catalogue, reachability): run `peer-sim check` too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_ID = "https://peer-sim.invalid/schema/scenario.schema.json"
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema" / "scenario.schema.json"
PRINCIPLES_SCHEMA_ID = "https://peer-sim.invalid/schema/principles.schema.json"
PRINCIPLES_SCHEMA_FILE = SCHEMA_FILE.with_name("principles.schema.json")

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Scenario": {
        "format": "Always 1.",
        "title": "Shown in the library.",
        "summary": "One or two sentences shown in the library.",
        "setting": "Where and when it happens.",
        "trains": "Principle ids this scenario trains; each should be exercised by some choice.",
        "content_notes": "Shown before play, e.g. overdose, alcohol use.",
        "minutes": "About how long a play takes, in whole minutes.",
        "difficulty": "introductory, intermediate or advanced.",
        "order": "Where the library lists it within its difficulty level: 1 first; "
        "scenarios without one follow, by title. Gentlest first: peer-sim test --slips "
        "prints the share of one-slip paths still strong (lower is harder).",
        "start": "The id of the first scene.",
        "meters": "Starting values of trust and empowerment (0 to 100).",
        "characters": "The people in the scenario, by id: [characters.dana].",
        "scenes": "The scenes, by id: [scenes.hello].",
        "endings": "The endings, by id: [endings.partnership].",
        "debrief": "Reflection prompts shown after the debrief.",
    },
    "Meters": {
        "trust": "Does this person feel safe with me? 0 to 100.",
        "empowerment": "Does this person own their recovery? 0 to 100.",
    },
    "Character": {"name": "Shown beside what they say.", "about": "A line about them."},
    "Scene": {
        "text": "What the other person says (or narration when there is no speaker).",
        "speaker": "A character id; omit for narration.",
        "action": "A stage direction, shown set apart.",
        "choices": "What the coach can say: [[scenes.ID.choices]], numbered from 1. "
        "A scene has choices or next, never both.",
        "next": 'Go on without a choice: a scene id, an ending id, or "@outcome"; or a list '
        "of [[scenes.ID.next]] branches (goto, when), the first that holds is taken.",
        "variants": "Other texts for this scene: [[scenes.ID.variants]] with when and text; "
        "the first whose when holds on entering the scene is shown instead of text.",
    },
    "Variant": {
        "when": "Show this text when the condition holds on entering the scene.",
        "text": "Said instead of the scene's text.",
        "action": "A stage direction instead of the scene's (optional).",
    },
    "Step": {
        "goto": 'A scene id, an ending id, or "@outcome".',
        "when": "Take this branch when the condition holds; leave it out on the last branch.",
    },
    "EndingVariant": {
        "when": "Show this text when the condition holds at the end of the run.",
        "text": "Shown instead of the ending's text.",
    },
    "Reflection": {
        "text": "The question to reflect on.",
        "when": "Ask it only when this condition holds at the end of the run.",
    },
    "Choice": {
        "say": "The trainee coach's words.",
        "goto": 'A scene id, an ending id, or "@outcome" (the first ending whose when holds).',
        "trust": "Change to trust, -100 to 100 (default 0).",
        "empowerment": "Change to empowerment, -100 to 100 (default 0).",
        "principles": "Principle ids with a verdict: honours, neutral or undermines.",
        "why": "The debrief's explanation of this choice (the checker warns when missing).",
        "note": "A one-line coach note for practice mode (default: first sentence of why).",
        "best": "Mark the model answer for this decision.",
        "when": "Offer this choice only when the condition holds.",
        "sets": "Flags set when chosen.",
        "clears": "Flags cleared when chosen.",
        "id": 'A stable id for saved runs (default "scene#n").',
        "critical": "Marks a critical slip: safety, confidentiality, dual-relationship or "
        "outside-role. A run holding one never ends better than its cap.",
        "cap": 'The best outcome a run with this critical slip can end with: "mixed" '
        '(default) or "poor".',
    },
    "Condition": {
        "min_trust": "Trust at least this (inclusive).",
        "max_trust": "Trust at most this (inclusive).",
        "min_empowerment": "Empowerment at least this (inclusive).",
        "max_empowerment": "Empowerment at most this (inclusive).",
        "flags": "All of these flags are set.",
        "not_flags": "None of these flags is set.",
        "visited": "All of these scenes have been seen.",
        "not_visited": "None of these scenes has been seen.",
        "any": "OR: at least one of these conditions holds too (they cannot hold any).",
    },
    "Ending": {
        "title": "Shown at the end.",
        "outcome": "strong, mixed or poor.",
        "text": "What happens, shown at the end.",
        "when": 'Used by "@outcome": the first ending (in file order) whose when holds.',
        "variants": "Other texts for this ending: [[endings.ID.variants]] with when and text.",
        "also": "Paragraphs added after the ending's text: [[endings.ID.also]] with when and "
        "text; every one whose when holds is added, in file order.",
    },
    "Debrief": {
        "reflect": "Reflection prompts shown after the debrief: text, or "
        "{ text = ..., when = { ... } } to ask only when the condition held at the end."
    },
}


def scenario_schema() -> dict[str, Any]:
    from sim.model import Scenario

    raw = Scenario.model_json_schema()
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
    }
    schema.update(_tidy(raw))
    schema["title"] = "peer-sim scenario (format 1)"
    schema["description"] = (
        "A peer-sim scenario file. Reference: README, 'Writing scenarios'. "
        "Check it with `peer-sim check FILE`."
    )
    for name, definition in schema.get("$defs", {}).items():
        # Clause is Condition without `any`: the same keys, the same words.
        _describe(name, definition, "Condition" if name == "Clause" else name)
    _describe("Scenario", schema)
    return schema


# The principle catalogue (principles.toml) has a schema of its own.
PRINCIPLE_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Catalogue": {
        "format": "Always 1.",
        "principles": "The principles, by id: [principles.active-listening]. "
        "Scenarios name these ids in each choice's principles.",
    },
    "Principle": {
        "title": "A short name, shown in the debrief.",
        "summary": "One sentence on what the principle asks of a coach.",
        "explanation": "Why it matters, shown in the debrief.",
        "sounds_like": "Lines a coach might say that honour it, shown in the debrief.",
        "slips": "Common ways a coach undermines it (a reference for authors).",
        "sources": "Where the principle comes from (a reference for authors).",
    },
}


def principles_schema() -> dict[str, Any]:
    """The JSON Schema of principles.toml, generated from the catalogue model."""
    from sim.model import Catalogue

    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": PRINCIPLES_SCHEMA_ID,
    }
    schema.update(_tidy(Catalogue.model_json_schema()))
    schema["title"] = "peer-sim principle catalogue (format 1)"
    schema["description"] = (
        "principles.toml: the principles scenarios name. A folder's own copy replaces "
        "the bundled one. Check it with `peer-sim check FOLDER`."
    )
    for name, definition in [*schema.get("$defs", {}).items(), ("Catalogue", schema)]:
        props = definition.get("properties", {})
        for key, text in PRINCIPLE_DESCRIPTIONS.get(name, {}).items():
            if key in props:
                props[key].pop("title", None)
                props[key] = {"description": text, **props[key]}
    return schema


def _tidy(node: Any) -> Any:
    """Drop what TOML cannot say (null) and close keyed tables as the models do."""
    if isinstance(node, list):
        return [_tidy(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _tidy(v) for k, v in node.items()}
    options = out.get("anyOf")
    if isinstance(options, list):
        kept = [o for o in options if o != {"type": "null"}]
        if len(kept) == 1 and len(kept) < len(options):
            del out["anyOf"]
            out = {**kept[0], **out}
    if out.get("default", 0) is None:
        del out["default"]
    if "patternProperties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def _describe(name: str, definition: dict[str, Any], words: str | None = None) -> None:
    props = definition.get("properties", {})
    for key, text in DESCRIPTIONS.get(words or name, {}).items():
        if key in props:
            props[key].pop("title", None)
            props[key] = {"description": text, **props[key]}


def schema_text(kind: str = "scenario") -> str:
    """The schema of scenario files, or with kind "principles" of principles.toml."""
    schema = principles_schema() if kind == "principles" else scenario_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
