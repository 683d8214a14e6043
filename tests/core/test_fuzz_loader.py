"""Fuzzing the loader: whatever the input, only ScenarioError may escape.

Three sources of input: arbitrary TOML documents, structural mutations of a
real scenario's data, and byte-level damage to a real scenario's text.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.loading import bundled_dir, load_catalogue, load_scenario
from sim.problems import ScenarioError

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = [
    FIXTURES / "mini.toml",
    *sorted(p for p in bundled_dir().glob("*.toml") if p.name != "principles.toml"),
]
TEXTS = [p.read_text() for p in SOURCES]
CATALOGUE = load_catalogue()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items())
            + "}"
        )
    raise TypeError(value)


def to_toml(doc: dict) -> str:
    return "".join(f"{json.dumps(str(k))} = {toml_value(v)}\n" for k, v in doc.items())


def attempt(text: str | bytes) -> None:
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    try:
        load_scenario(Path("fuzz.toml"), CATALOGUE, raw=raw)
    except ScenarioError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert all(str(p.path) == "fuzz.toml" for p in exc.problems)


scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["hello", "@outcome", "honours", "strong", "introductory", "x"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = [
    "format",
    "title",
    "summary",
    "setting",
    "start",
    "meters",
    "scenes",
    "endings",
    "trains",
    "minutes",
    "difficulty",
    "characters",
    "debrief",
    "goto",
    "say",
    "text",
    "when",
]


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=8))
def test_arbitrary_toml_documents(doc):
    attempt(to_toml(doc))


def mutate(data: object, path: list[object], action: str, new: object) -> object:
    if not path:
        return new if action == "replace" else data
    head, rest = path[0], path[1:]
    if isinstance(data, dict) and head in data:
        copy = dict(data)
        if not rest and action == "delete":
            del copy[head]
        else:
            copy[head] = mutate(copy[head], rest, action, new)
        return copy
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        copy = list(data)
        if not rest and action == "delete":
            del copy[head]
        else:
            copy[head] = mutate(copy[head], rest, action, new)
        return copy
    return data


def paths_of(data: object, prefix: list[object]) -> list[list[object]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths_of(v, prefix + [k])
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths_of(v, prefix + [i])
    return out


@FUZZ
@given(st.data())
def test_structural_mutations_of_real_scenarios(data):
    text = data.draw(st.sampled_from(TEXTS))
    doc = tomli.loads(text)
    for _ in range(data.draw(st.integers(1, 4))):
        paths = paths_of(doc, [])
        where = data.draw(st.sampled_from(paths))
        action = data.draw(st.sampled_from(["delete", "replace"]))
        doc = mutate(doc, where, action, data.draw(values))
    if isinstance(doc, dict):
        attempt(to_toml(doc))


@FUZZ
@given(st.data())
def test_byte_damage_to_real_scenarios(data):
    raw = bytearray(data.draw(st.sampled_from(TEXTS)).encode())
    for _ in range(data.draw(st.integers(1, 6))):
        pos = data.draw(st.integers(0, len(raw)))
        kind = data.draw(st.sampled_from(["insert", "delete", "flip", "line"]))
        if kind == "insert":
            raw[pos:pos] = data.draw(
                st.binary(min_size=1, max_size=4)
                | st.sampled_from(
                    [b"[", b"]", b'"', b"=", b"\n", b"{", b"[[", b"'''", b'"""', b"#", b"\\"]
                )
            )
        elif kind == "delete":
            del raw[pos : pos + data.draw(st.integers(1, 30))]
        elif kind == "flip" and pos < len(raw):
            raw[pos] = data.draw(st.integers(0, 255))
        else:
            lines = bytes(raw).split(b"\n")
            i = pos % max(1, len(lines))
            lines.insert(i, lines[i] if lines else b"")
            raw = bytearray(b"\n".join(lines))
    attempt(bytes(raw))


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    attempt(text)
