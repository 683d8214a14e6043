"""`python -m sim` behaves exactly like the `peer-sim` command."""

from sim.entry import main

raise SystemExit(main())
