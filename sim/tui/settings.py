"""What the app remembers between runs, and the keys a user has moved: `config.toml`.

The file lives in the user config directory (platformdirs: `~/.config/peer-sim`
on Linux), or in `PEER_SIM_CONFIG_DIR` when that is set (tests, a shared
classroom machine). It is both remembered and written by hand:

    theme = "peer-sim-light"          # remembered when you pick a theme (ctrl+p, Theme)
    mode = "assessment"               # remembered when you switch mode (m)
    last_scenario = "first-meeting"   # highlighted in the library next time
    own_words = true                  # remembered when you switch own-words practice (w)

    [keys]                            # binding id = "key" or "key1,key2"
    "play.undo" = "backspace"
    "app.quit" = "ctrl+q,f10"

The app rewrites only the four remembered lines, so comments and `[keys]`
stay as written. A file that cannot be read is never rewritten: the app says
what is wrong (file, line) and uses the defaults. No Textual import here.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from sim.homes import NoHome, home_path
from sim.loading.files import read_limited
from sim.problems import ScenarioError
from sim.refused import no_new_file

ENV = "PEER_SIM_CONFIG_DIR"
FILE_NAME = "config.toml"
MODES = ("practice", "assessment")
MAX_BYTES = 64 * 1024

BINDING_IDS: dict[str, str] = {
    "app.help": "show help (?, f1)",
    "app.quit": "quit (ctrl+q)",
    "library.start": "start the highlighted scenario (enter)",
    "library.mode": "switch practice / assessment (m)",
    "library.own-words": "own-words practice on / off (w)",
    "library.progress": "your progress and past runs (g)",
    "library.quit": "quit from the library (q)",
    **{f"play.choose-{n}": f"say line {n} ({n})" for n in range(1, 10)},
    "play.continue": "carry on when a scene goes on by itself (space)",
    "play.undo": "undo your last line (u, ctrl+z)",
    "play.pause": "pause (p, f2)",
    "play.problems": "list a watched file's problems (e)",
    "play.leave": "back to the library (escape)",
    "choices.up": "highlight the line above (up)",
    "choices.down": "highlight the line below (down)",
    "choices.say": "say the highlighted line (enter)",
}
"""Every binding id a `[keys]` entry can name (a test checks these are the app's)."""

REMEMBERED = ("theme", "mode", "last_scenario", "own_words")


@dataclass
class Settings:
    theme: str | None = None
    mode: str | None = None
    last_scenario: str | None = None
    own_words: bool | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """What was wrong with the file, one sentence each; the app shows them once."""
    writable: bool = True
    """False when the file exists but could not be read: then it is never rewritten."""


def config_dir() -> Path:
    """The settings folder; NoHome when $PEER_SIM_CONFIG_DIR names a home folder not found."""
    env = os.environ.get(ENV)
    if env:
        return home_path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("peer-sim", appauthor=False))


def config_path() -> Path:
    return config_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (default: config_path()); defaults and a message if it is broken."""
    settings = Settings()
    try:
        path = path or config_path()
    except NoHome as exc:
        settings.writable = False
        settings.problems.append(f"{ENV} {exc}; using the defaults, and nothing is remembered.")
        return settings
    try:
        if not path.exists():
            return settings
        if not path.is_file():
            settings.writable = False
            settings.problems.append(f"{path} is not a regular file; using the defaults.")
            return settings
        raw = read_limited(path, MAX_BYTES, what="settings")  # checked again once open
    except OSError as exc:
        settings.writable = False
        settings.problems.append(f"{path} can't be read ({exc.strerror}); using the defaults.")
        return settings
    except ScenarioError as exc:  # swapped for a FIFO or a device, or grew past the limit
        settings.writable = False
        settings.problems.append(f"{path}: {exc.problems[0].message}; using the defaults.")
        return settings
    if len(raw) > MAX_BYTES:
        settings.writable = False
        settings.problems.append(f"{path} is over {MAX_BYTES // 1024} KiB; using the defaults.")
        return settings
    try:
        data = _parse(raw.decode("utf-8"))
    except UnicodeDecodeError:
        settings.writable = False
        settings.problems.append(f"{path} is not UTF-8 text; using the defaults.")
        return settings
    except ValueError as exc:  # tomllib.TOMLDecodeError and tomli's are ValueErrors
        settings.writable = False
        settings.problems.append(
            f"{path}: {_one_line(exc)}. Using the defaults until it is fixed "
            "(peer-sim will not overwrite it)."
        )
        return settings
    _read_into(settings, data, path)
    return settings


def _parse(text: str) -> dict:
    """The file's data; a ValueError for anything wrong with it, deep nesting included."""
    try:
        import tomli as toml
    except ImportError:  # pragma: no cover - tomli is a dependency
        import tomllib as toml  # type: ignore[no-redef]
    try:
        return toml.loads(text)
    except RecursionError:  # tomli refuses deep keys and nesting with this, not a ValueError
        raise ValueError("keys or tables nested far too deeply for a settings file") from None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()).rstrip(".")


def _read_into(settings: Settings, data: dict, path: Path) -> None:
    def bad(key: str, why: str) -> None:
        settings.problems.append(f"{path}: {key} {why}; it is ignored.")

    for key, value in data.items():
        if key in ("theme", "last_scenario"):
            if isinstance(value, str) and value.strip():
                setattr(settings, key, value.strip())
            else:
                bad(key, "should be text in quotes")
        elif key == "mode":
            if value in MODES:
                settings.mode = value
            else:
                bad("mode", 'should be "practice" or "assessment"')
        elif key == "own_words":
            if isinstance(value, bool):
                settings.own_words = value
            else:
                bad("own_words", "should be true or false, without quotes")
        elif key == "keys":
            if isinstance(value, dict):
                _read_keys(settings, value, path)
            else:
                bad("keys", 'should be a table: [keys] then lines like "play.undo" = "backspace"')
        else:
            near = difflib.get_close_matches(key, [*REMEMBERED, "keys"], n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            settings.problems.append(
                f"{path}: '{_shown(key)}' is not a setting peer-sim knows{hint}; it is ignored."
            )


KEY_NAME = re.compile(r"^[a-z0-9_+\-]+$")


def _read_keys(settings: Settings, table: dict, path: Path) -> None:
    for binding_id, keys in table.items():
        where = f"{path}: [keys] '{_shown(binding_id)}'"
        if binding_id not in BINDING_IDS:
            near = difflib.get_close_matches(binding_id, list(BINDING_IDS), n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else " (the README lists them)"
            settings.problems.append(f"{where} is not a key peer-sim knows{hint}; it is ignored.")
            continue
        names = [k.strip() for k in keys.split(",")] if isinstance(keys, str) else []
        if not names or not all(KEY_NAME.match(k) for k in names):
            settings.problems.append(
                f'{where} should be key names in quotes, like "ctrl+z" or "u,backspace"; '
                "it is ignored."
            )
            continue
        settings.keys[binding_id] = ",".join(names)


def _shown(text: str) -> str:
    from sim.text import shown

    return shown(text)


# -- remembering -------------------------------------------------------------------
def remember(path: Path | None = None, **values: str | bool) -> str | None:
    """Write `theme=`, `mode=`, `last_scenario=` or `own_words=`; a problem, or None.

    Only those lines change (added at the top when missing); the rest of the file,
    comments and [keys] included, is kept. A file that does not parse is left alone.
    """
    try:
        path = path or config_path()
    except NoHome as exc:
        return f"{ENV} {exc}; nothing was remembered."
    unknown = set(values) - set(REMEMBERED)
    if unknown:
        raise ValueError(f"not remembered: {sorted(unknown)}")
    try:
        if path.exists() and (not path.is_file() or path.stat().st_size > MAX_BYTES):
            return f"{path} is not a settings file peer-sim can read; nothing was remembered."
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError):
        return f"{path} can't be read; nothing was remembered."
    try:
        _parse(text)
    except ValueError:
        return f"{path} has a mistake; nothing was remembered until it is fixed."
    lines = text.splitlines()
    first_table = next(
        (i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines)
    )
    for key, value in values.items():
        line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
        pattern = re.compile(rf"^\s*{key}\s*=")
        at = next((i for i in range(first_table) if pattern.match(lines[i])), None)
        if at is None:
            lines.insert(0, line)
            first_table += 1
        else:
            lines[at] = line
    new = "\n".join(lines) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    try:
        _parse(new)  # never write a file that would not read back
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, path)
    except ValueError:
        return f"{path}: could not remember {', '.join(values)}."
    except OSError as exc:
        # a full disk left an empty config.toml.tmp beside the settings (adversarial-9)
        with contextlib.suppress(OSError):
            if tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
        said = no_new_file(path.parent, exc)  # /proc: "No such file" in a folder that is there
        if said is not None:
            return f"{path} can't be written: {said}; nothing was remembered."
        return f"{path} can't be written ({exc.strerror}); nothing was remembered."
    return None
