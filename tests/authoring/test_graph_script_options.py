"""`graph` and `script` take one scenario the same way (one parser shape, sim.cli): an
option learnt on one works on the other, and each keeps its own formats."""

from __future__ import annotations

import argparse

import pytest

from sim.cli import build_parser


def _sub(name: str) -> argparse.ArgumentParser:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sub.choices[name]


def _shape(name: str) -> list[tuple]:
    return [
        (a.dest, tuple(a.option_strings), a.metavar)
        for a in _sub(name)._actions
        if a.dest not in ("help", "format")
    ]


def test_graph_and_script_take_the_same_arguments():
    assert _shape("graph") == _shape("script")


@pytest.mark.parametrize(
    "name, formats", [("graph", ["mermaid", "dot"]), ("script", ["text", "md"])]
)
def test_each_keeps_its_formats_and_default(name, formats):
    (fmt,) = [a for a in _sub(name)._actions if a.dest == "format"]
    assert list(fmt.choices) == formats and fmt.default == formats[0]
    args = build_parser().parse_args([name, "first-meeting", "-o", "x.out"])
    assert (args.scenario, args.output, args.format) == ("first-meeting", "x.out", formats[0])
