"""Bytes from the terminal that are not UTF-8 are read as U+FFFD, not a crash (Textual 8.2.8).

Textual's drivers decode input with a strict UTF-8 decoder, so one byte that is
not UTF-8 killed the input thread, and the app panicked: a Rich traceback on the
terminal and the conversation gone, exit status 0. Such a byte comes from a
terminal set to Latin-1 (é typed is 0xE9), a paste out of a legacy program, an
8-bit C1 control (0x9B, CSI), or a line of noise (adversarial-10). Here the
decoders replace what they cannot read; the boxes keep U+FFFD as a visible
mark the trainee can delete, and nothing else sees the bytes.
"""

from __future__ import annotations

import codecs
import functools
import sys
from typing import Any


def lenient_decoder(encoding: str) -> Any:
    """`codecs.getincrementaldecoder`, its decoders made with errors="replace"."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def install() -> None:
    """Give Textual's drivers the lenient decoder (before they start reading)."""
    import importlib

    for name in ("linux_driver", "linux_inline_driver", "web_driver"):
        try:
            module = sys.modules.get(f"textual.drivers.{name}") or importlib.import_module(
                f"textual.drivers.{name}"
            )
        except ImportError:  # another platform's driver
            continue
        if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
            module.getincrementaldecoder = lenient_decoder  # type: ignore[attr-defined]
