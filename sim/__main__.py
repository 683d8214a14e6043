"""`python -m sim` behaves exactly like the `peer-sim` command."""

from sim.cli import main

raise SystemExit(main())
