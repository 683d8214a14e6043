"""`-o` never writes a .toml name: not an author tool's, not a record's.

`graph my.toml -o my.toml` (the scenario's own name, typed from habit) wrote the
drawing over the scenario, and `schema -o my.toml` the JSON Schema: the author's
work was gone; `export last -o my.toml` and `report -o my.toml` did the same with a
record. No output of peer-sim is TOML (`new` names its own file and never writes
over one), and a new file named .toml beside the scenarios is read as a broken
scenario, so such a name is refused, with one to use.
"""

from __future__ import annotations

from pathlib import Path


def over_toml(name: str, what: str, suffix: str) -> str | None:
    """Why `-o NAME` is refused for `what` (the drawing, the schema, the record), else None."""
    from sim.text import shown_name

    out = Path(name)
    if out.suffix.lower() != ".toml" or name.endswith("/"):
        return None  # `-o notes.toml/` names a folder: write_file says what stands there
    better = shown_name(str(out.with_suffix(suffix)))
    why = (
        f"it is a TOML file (a scenario, say), and {what} would replace it"
        if out.exists()
        else "a .toml file beside scenarios is read as one"
    )
    return f"cannot write {shown_name(name)}: {why}; give {what} its own name, such as {better}"
