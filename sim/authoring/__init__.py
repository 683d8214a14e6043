"""Tools for scenario authors: deep checks, coverage, graphs, schema, scaffold.

Nothing here is needed to play; the commands import these modules on demand.

- `explore`: every reachable state, exactly, with memoisation and a bound;
- `lint`: the checker's warnings and deep errors, each with file, line, key;
- `coverage`: `peer-sim test`, exhaustive coverage plus seeded random plays;
- `graph`: Mermaid and DOT pictures of the branching;
- `schema`: the JSON Schema of the format, from the models;
- `scaffold`: `peer-sim new`;
- `startpoint`: `--start` / `--set` for both players;
- `watch`: reloading a scenario when its file changes.
"""
