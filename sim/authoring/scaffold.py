"""`peer-sim new NAME`: a small, commented scenario that already passes check and test.

Every part of the format appears once, with a comment saying what it does,
so an author can start by changing words rather than by reading a reference.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from sim.authoring.schema import SCHEMA_FILE
from sim.refused import file_in_the_way, no_new_file
from sim.shell_words import shell_word
from sim.text import brief, shown

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_ID = 80  # the max_length of sim.model.types.Id (not imported: that is pydantic)

TEMPLATE = """{schema_line}# A peer-sim scenario. Lines starting with # are comments: peer-sim ignores them.
# Check it with:   peer-sim check {file}
# Try every path:  peer-sim test {file}
# Play it:         peer-sim play {file}      (add --watch to reload as you edit)

format = 1                       # always 1
title = "{title}"
summary = "One or two sentences shown in the library."
setting = "Where and when it happens, e.g. a drop-in centre on a weekday morning."
trains = ["active-listening", "empowerment"]   # principle ids: `peer-sim principles` lists them
content_notes = []               # e.g. ["overdose", "alcohol use"], shown before play
minutes = 5                      # about how long one play takes
difficulty = "introductory"      # introductory | intermediate | advanced
# order = 50                     # optional: its place in its level, 1 first (test --slips measures)
start = "hello"                  # the first scene

[meters]                         # starting values, 0 to 100
trust = 30                       # does this person feel safe with the coach?
empowerment = 30                 # does this person own their recovery?

[characters.alex]                # an id you use as `speaker` below
name = "Alex"
about = "28, came in after a friend suggested it."

# A scene: what the other person says, then the coach's choices.
[scenes.hello]
speaker = "alex"
action = "Alex sits down without taking off their coat."   # optional stage direction
text = "I'm not really sure what I'm doing here."

# Choices are numbered from 1 in the order written.
[[scenes.hello.choices]]
say = "Part of you isn't sure about being here."
goto = "reason"                  # a scene id, an ending id, or "@outcome"
trust = 8                        # meter changes, -100 to 100
empowerment = 2
principles = {{ active-listening = "honours" }}   # honours | neutral | undermines
why = "A reflection shows you heard Alex before asking for anything."
best = true                      # the model answer at this moment
sets = ["reflected"]             # flags remember what happened

[[scenes.hello.choices]]
say = "Let me tell you how this programme works first, so you know what to expect from us."
goto = "reason"
trust = -4
empowerment = -4
principles = {{ active-listening = "undermines" }}
why = "Starting with your agenda tells Alex their doubts can wait."

# A scene without choices goes on with `next` (Enter continues).
[scenes.reason]
speaker = "alex"
text = "My friend thought it might help. I don't know."
next = "what-now"

# A variant: the first whose `when` holds replaces the text (replies follow what was said).
[[scenes.reason.variants]]
when = {{ flags = ["reflected"] }}
text = "Yeah. Part of me wants to turn round. My friend thought it might help."

[scenes.what-now]
speaker = "alex"
text = "So what happens now?"

[[scenes.what-now.choices]]
say = "What would make this time worth it for you?"
goto = "@outcome"                # pick the ending by the meters (see the endings below)
empowerment = 20
principles = {{ empowerment = "honours" }}
why = "Alex sets the direction, which is the point of peer support."
when = {{ flags = ["reflected"] }}  # only offered when this holds

[[scenes.what-now.choices]]
say = "What do you want to get out of today?"
goto = "@outcome"
empowerment = 10
principles = {{ empowerment = "honours" }}
why = "An open question hands Alex the agenda."

[[scenes.what-now.choices]]
say = "I'll write you a plan for the week, with every meeting and time set out for you."
goto = "@outcome"
empowerment = -6
principles = {{ empowerment = "undermines" }}
why = "A plan written for Alex is not Alex's plan."

[[scenes.what-now.choices]]
say = "Here's my own number. Call me any time, day or night; I'll get you through this."
goto = "@outcome"
trust = 10
empowerment = -10
principles = {{ boundaries = "undermines" }}
why = "A coach on call day and night is a dual relationship Alex will come to depend on."
critical = "dual-relationship"   # a critical slip: a run with it never ends better than cap
cap = "mixed"                    # mixed (the default) or poor

# "@outcome" picks the first ending (in this order) whose `when` holds;
# the last ending has no `when`, so it is the fallback.
[endings.partnership]
title = "A partnership begins"
outcome = "strong"               # strong | mixed | poor
text = "Alex agrees to come back next week, with their own goal."
when = {{ min_trust = 35, min_empowerment = 50 }}

[endings.maybe]
title = "Maybe next week"
outcome = "mixed"
text = "Alex takes a leaflet and says they might come back."
when = {{ min_empowerment = 25 }}

[endings.gone]
title = "Gone"
outcome = "poor"
text = "Alex leaves and does not come back."

[debrief]
reflect = [
  "What did Alex need from you before anything else?",
  # asked only when its condition holds at the end of the run
  {{ text = "What did your reflection at the start change?", when = {{ flags = ["reflected"] }} }},
]
"""


class ScaffoldError(Exception):
    pass


def target_for(name: str) -> Path:
    path = Path(name)
    if name.endswith(("/", os.sep)) and path.name:
        # Path("drafts/") is Path("drafts"): `new drafts/`, the name left off, wrote
        # drafts.toml beside the folder the author meant to write into
        raise ScaffoldError(
            f"'{shown(name)}' names a folder, not the new scenario: give its id after the "
            f"folder, e.g. {shown(str(path / 'first-visit'))}"
        )
    if not path.name:  # '', '.', '/': a folder, not a file name (with_name would raise)
        raise ScaffoldError(
            f"'{shown(name)}' names no file: give the new scenario's id, e.g. first-visit"
        )
    if path.suffix != ".toml":
        path = path.with_name(path.name + ".toml")
    if not NAME.match(path.stem):
        from sim.loading.names import slug_of  # the loader's own suggestion ("Ünïcode": unicode)

        slug = slug_of(path.stem)[:MAX_ID]
        example = f"did you mean {slug}?" if slug and NAME.match(slug) else "e.g. first-visit"
        slashed = Path(name.replace("\\", "/"))
        if os.sep == "/" and "\\" in name.rstrip("\\") and slashed.name:  # `new drafts\\ana`
            stem = slashed.stem if slashed.suffix == ".toml" else slashed.name
            meant = slashed.with_name(slug_of(stem)[:MAX_ID] or "first-visit")
            example = f"here folders are separated by /, not \\: did you mean {shown(str(meant))}?"
        raise ScaffoldError(
            f"'{brief(path.stem)}' is not a valid scenario id: use lowercase letters, digits, "
            f"'-' and '_' ({example})"
        )
    if len(path.stem) > MAX_ID:
        # every id in a scenario is at most 80 characters, and the title made from
        # this one would be past the 120 a title may have
        raise ScaffoldError(
            f"'{brief(path.stem)}' is {len(path.stem)} characters long; a scenario id is at "
            f"most {MAX_ID} (e.g. first-visit)"
        )
    return path


NO_SCHEMA = """\
# For completion and checks as you type (Taplo, Even Better TOML), run
#   peer-sim schema -o scenario.schema.json
# in this folder and make this the first line:  #:schema scenario.schema.json
"""


def schema_line(path: Path) -> str:
    """`#:schema` with a working relative path when `path` is inside a checkout
    that has schema/scenario.schema.json; else a comment saying how to get one."""
    folder = Path(os.path.realpath(path.parent))  # never raises on a link loop
    for root in (folder, *folder.parents):
        schema = root / SCHEMA_FILE.relative_to(SCHEMA_FILE.parents[1])
        if os.path.isfile(schema):  # never raises, even in a folder we may not enter
            # three lines, as NO_SCHEMA: the README's "first-visit.toml:57:1" is the line
            # an author meets whether the file was made in a clone or anywhere else
            return (
                f"#:schema {Path(os.path.relpath(schema, folder)).as_posix()}\n"
                "# The line above gives completion and checks as you type in editors that\n"
                "# read it (Taplo, Even Better TOML); its path is relative to this file.\n"
            )
    return NO_SCHEMA


def render(path: Path) -> str:
    title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    # A comment line ends at a line break: a folder named with one would break the file,
    # and any name the shell cannot take back as shown makes a command that fails.
    file = shell_word(path.as_posix()) or path.name
    return TEMPLATE.format(schema_line=schema_line(path), file=file, title=title)


def create(name: str) -> Path:
    """Write NAME.toml; refuse to overwrite anything."""
    path = target_for(name)
    if os.path.lexists(path):  # a link too, even one to nowhere or to itself
        raise ScaffoldError(f"{shown(path)} already exists; choose another name or move it first")
    blocked = file_in_the_way(path)
    if blocked is not None:
        raise ScaffoldError(f"cannot write {shown(path)}: {blocked} (give a name in a folder)")
    if not path.parent.is_dir():
        raise ScaffoldError(
            f"there is no folder {shown(path.parent)} (make it first, or give the name alone "
            f"to write {shown(Path(path.name))} here)"
        )
    text = render(path)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            try:
                handle.write(text)
                handle.flush()
            except OSError:  # a full disk: leave no half-written scenario behind
                handle.close()
                path.unlink()
                raise
    except OSError as exc:  # a read-only folder, a full disk
        reason = (
            "the folder is read-only"
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
            else exc.strerror or str(exc)
        )
        said = no_new_file(path.parent, exc)  # /proc: "No such file" in a folder that is there
        if said is not None:
            reason = f"{said}; make it in a folder you can write"
        raise ScaffoldError(f"cannot write {shown(path)}: {reason}") from None
    return path
