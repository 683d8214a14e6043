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


def print_or_write(text: str, output: str | None, what: str, suffix: str, label: str = "") -> int:
    """`text` to standard output, or with `-o` to `output` whole (never over a .toml); the
    exit status. `graph`, `script` and `schema` each had a copy of this block."""
    import sys

    from sim.commands.output_file import write_file
    from sim.text import shown_name

    if not output:
        sys.stdout.write(text)
        return 0
    failed = over_toml(output, what, suffix) or write_file(output, text)
    if failed is not None:
        print(f"peer-sim: {failed}", file=sys.stderr)
        return 1
    print(f"wrote {shown_name(output)}{f' ({label})' if label else ''}", file=sys.stderr)
    return 0
