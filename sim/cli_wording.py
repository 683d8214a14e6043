"""How the command line words its refusals: argparse, said so a trainee can act on it.

argparse's own messages name what it parsed ("invalid choice", "unrecognized
arguments", "invalid int value"), not what the person meant: a scenario named
without `play`, an option given to the wrong command, a path where `--slips`
wanted a number. Kept apart from `sim.cli`, which builds the parser.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO, NoReturn

from sim.shell_words import shell_word
from sim.text import brief, shown, shown_name, whole_number


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    """The subcommands' names, in the order `--help` lists them."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(subs[0].choices) if subs else []


class Parser(argparse.ArgumentParser):
    """argparse, saying which command an option belongs to when it reached the wrong one.

    `peer-sim --scenarios DIR --watch` (or `peer-sim check x --plain`) would
    otherwise get only "unrecognized arguments: --watch".
    """

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        """argparse's printer, except that a failed write to stdout is not swallowed:
        `peer-sim --help >/dev/full` (or with stdout closed) said nothing and exited 0."""
        if message and file is sys.stdout:
            file.write(message)
            file.flush()
            return
        super()._print_message(message, file)

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        """argparse's, except that the words it did not recognise are quoted as `_word` does.

        argparse joins them raw: `runs -o '/proc/ZQ '` read "unrecognized arguments: -o
        /proc/ZQ " (the space unseen, where two words and one with a space read alike), and
        a newline in one forged a line of its own on the terminal.
        """
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = getattr(parsed, "command", None)
            self.error(_UNRECOGNIZED + _words(extras) + _owners(self, extras, command))
        return parsed

    def error(self, message: str) -> NoReturn:
        message = _not_a_command(message, _commands(self))
        if not message.startswith(_UNRECOGNIZED):
            message = _typed_value(message)
        # One line, every unsafe character visible: the messages quote what was typed.
        super().error(shown(message))


_UNRECOGNIZED = "unrecognized arguments: "
_WORDS_SHOWN = 8  # 20,000 stray words are one line that names the first few


def _word(text: str) -> str:
    """One typed word as a message quotes it: escapes visible, at most 80 characters, and
    in quotes when it is empty or holds a blank (so '/proc/ZQ ' and 'a b' are seen as one)."""
    return shown_name(text, limit=80, spaced=True)


def _words(words: list[str]) -> str:
    """The words argparse did not recognise, each as `_word` shows it."""
    shown_words = " ".join(_word(w) for w in words[:_WORDS_SHOWN])
    more = len(words) - _WORDS_SHOWN
    return shown_words + (f" and {more} more" if more > 0 else "")


def _typed_value(message: str) -> str:
    """argparse's other messages that quote what was typed, quoted as `_word` does.

    "ambiguous option: --st=VALUE could match ..." quotes the whole word, value and all
    (`check '--st=\nFAKE'` put a line of the caller's on the terminal), and "invalid
    choice: 'xxxx...'" a 5,000-character value whole.
    """
    import ast
    import re

    m = re.match(r"ambiguous option: (.*) could match (.*)$", message, re.S)
    if m:
        return f"ambiguous option: {_word(m.group(1))} could match {m.group(2)}"
    m = re.match(r"(argument .*?: invalid choice: )(.*)( \(choose from .*\))$", message, re.S)
    if m:
        try:
            value = ast.literal_eval(m.group(2))  # argparse quotes it with repr()
        except (ValueError, SyntaxError):
            return message
        if isinstance(value, str):
            return f"{m.group(1)}'{brief(value, 80)}'{m.group(3)}"
    return message


def _not_a_command(message: str, names: list[str]) -> str:
    """argparse's "argument COMMAND: invalid choice: 'first-meeting' (choose from ...)",
    said for what it usually is: a scenario named without `play`, or a typo.

    A trainee told "peer-sim first-meeting" by a colleague got a list of sixteen
    commands and no word of `play`. (Imports here: only an error pays for them.)
    """
    import ast
    import difflib
    import re

    m = re.match(r"argument COMMAND: invalid choice: (.*) \(choose from (.*)\)$", message, re.S)
    if not m:
        return message
    try:
        word = ast.literal_eval(m.group(1))  # argparse quotes it with repr()
    except (ValueError, SyntaxError):
        return message
    if not isinstance(word, str):
        return message
    commands = list(names)
    name = brief(word, 80)
    meant = [c for c in _MEANT.get(word.lower(), ()) if c in commands]
    if meant:
        said = " or ".join(f"`peer-sim {c}` ({_DOES[c]})" for c in meant)
        return f"'{name}' is not a command; did you mean {said}?"
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.75)
    if close:
        return f"'{name}' is not a command; did you mean `peer-sim {close[0]}`?"
    listed = ", ".join(commands)
    typed = shell_word(word) if name == word else None  # a cut name: a wrong command line
    if typed and (re.fullmatch(r"[\w.-]+", word) or word.endswith(".toml") or os.sep in word):
        return (
            f"'{name}' is not a command. To play a scenario, name it after play: "
            f"peer-sim play {typed} (the commands: {listed})"
        )
    return f"'{name}' is not a command (the commands: {listed})"


# Words other tools use for a command peer-sim has under another name. By spelling
# alone "lint" is nearest `list` and "validate" looks like a scenario's id, so an
# author asking for the checker was sent to the library or told to play "validate"
# (author test 9).
_MEANT: dict[str, tuple[str, ...]] = {
    "lint": ("check",),
    "validate": ("check",),
    "verify": ("check",),
    "run": ("play", "runs"),
    "start": ("play",),
    "open": ("play",),
    "init": ("new",),
    "create": ("new",),
    "draw": ("graph",),
    "print": ("script",),
    "read": ("script",),
}
_DOES = {
    "check": "checks scenario files: errors and warnings",
    "play": "plays a scenario",
    "runs": "lists the runs you have played",
    "new": "starts a new scenario file",
    "graph": "draws a scenario's shape",
    "script": "prints a scenario to read through",
}


def whole(text: str) -> int:
    """A whole number typed as an option's value: ASCII digits, perhaps a sign; the option
    checks its own range after.

    argparse's `type=int` is Python's `int`, which took '٣' as 3, '１' as 1 and '1_0'
    as 10 (`--seed`, `--random`, `--port`), where `--choices` and every answer refuse
    them, and quoted a number 5,000 digits long whole in its refusal (adversarial-11).
    """
    typed = text.strip()  # as int() and --set take ' 5'
    sign = typed[:1] in ("-", "+")
    number = whole_number(typed[sign:], 30)
    if number is None:
        raise argparse.ArgumentTypeError(f"takes a whole number, not '{brief(text, 40)}'")
    return -number if typed[:1] == "-" else number


def slips_count(text: str) -> int:
    """N for `test --slips [N]`; a path there is `--slips` written before the paths.

    argparse would say only "invalid int value: 'my.toml'", as if the file were wrong.
    """
    try:
        return whole(text)
    except argparse.ArgumentTypeError:
        name = shown(text)
        if not (text.endswith(".toml") or "/" in text or os.path.exists(text)):
            raise argparse.ArgumentTypeError(
                f"takes a whole number of slips, 1 or more, not '{brief(text, 40)}'"
            ) from None
        word = shell_word(text)
        if word is None:  # an escaped name pasted would name another file
            raise argparse.ArgumentTypeError(
                f"takes a number of slips, and '{name}' is a path: write the path before "
                "--slips, or give the number after it"
            ) from None
        raise argparse.ArgumentTypeError(
            f"takes a number of slips, and '{name}' is a path: write the path first "
            f"(peer-sim test {word} --slips), or give the number (--slips 1 {word})"
        ) from None


# options of the whole program that every command reading the library heeds; the other
# program-wide ones (--mode, --own-words ...) mean something to play and serve alone
_PROGRAM_WIDE = ("--scenarios",)


def _owners(parser: argparse.ArgumentParser, words: list[str], command: str | None = None) -> str:
    """ " (--watch belongs to ...)" for the first unknown option some command takes, else ""."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return ""
    for word in words:
        option = word.split("=", 1)[0]
        if not option.startswith("-"):
            continue
        top = parser._option_string_actions.get(option)
        if top is not None and command is not None and option in _PROGRAM_WIDE:
            # `export last --scenarios DIR`: the option is the whole program's, before the
            # command; "an option of `peer-sim list` ..., as in peer-sim list PATH
            # --scenarios" sent a trainer to another command and left out the DIR
            value = f" {top.metavar}" if top.metavar else ""
            return f" ({option} goes before the command: peer-sim {option}{value} {command} ...)"
        owners = [
            (name, sp)
            for name, sp in subs[0].choices.items()
            if option in sp._option_string_actions
        ]
        if owners:
            name, sp = owners[0]
            args = " ".join(
                a.metavar or a.dest for a in sp._actions if not a.option_strings and a.required
            )
            names = " or ".join(f"`peer-sim {n}`" for n, _ in owners)
            action = sp._option_string_actions[option]
            value = ""
            if action.nargs != 0:
                value = action.metavar or (
                    "{" + ",".join(action.choices) + "}" if action.choices else action.dest.upper()
                )
            example = " ".join(x for x in ("peer-sim", name, args, option, value) if x)
            return f" ({option} is an option of {names}, as in {example})"
    return ""
