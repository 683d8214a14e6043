"""Work put off to after the next refresh, never done on a widget that went meanwhile.

`call_after_refresh` runs its callback at the screen's next refresh, whatever
happened in between. A screen closing in that moment (keys in one burst: a run
resumed and left, content notes answered as they opened) removes its children
first, so a callback that looked one up ran on a widget or screen with none left,
and `query_one` ended the app with NoMatches: the own-words box's focus and the
content notes' fit, both found by the resume monkey at its default seed on a
loaded machine (adversarial-33). Every such callback goes through `after_refresh`:
on a node that is gone or going (`textual_internals.going`: a child of the content
notes was gone while the screen still had others), or whose children are, it does
nothing; a lookup that fails while nothing is going is a real mistake, and still raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.css.query import NoMatches
from textual.dom import DOMNode

from sim.tui.textual_internals import going


def after_refresh(node: DOMNode, callback: Callable[..., Any], *args: Any) -> None:
    """`node.call_after_refresh(callback, *args)`, skipped if `node` went before it runs."""

    def run() -> None:
        if not node.is_attached or going(node):
            return
        try:
            callback(*args)
        except NoMatches:
            # its widgets went as it ran (a screen is pruned children first, and the
            # pruning is not always marked on this node yet); with every child there and
            # nothing going, the lookup itself is wrong
            if node.children and not going(node):
                raise

    node.call_after_refresh(run)
