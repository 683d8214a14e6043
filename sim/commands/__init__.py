"""One module per subcommand; `sim.cli` only parses arguments and calls `run(args)`.

Each module imports what it needs inside `run`, so `peer-sim --version` and
`peer-sim --help` never pay for pydantic or Textual.
"""
