"""Records that last: every run kept in a private SQLite store, with exports and xAPI.

Core code: no Textual, no pydantic at import time, so the plain player and the
CLI record as cheaply as the app. `store` holds the file (`opening` opens it,
`schema` makes its tables), `stored` is a run as read back, `identity` whom a
run is sent as, `recorder` is what a shell calls as a run moves, and `export`,
`xapi`, `lrs` and `progress` read finished runs back out.
"""

from sim.records.location import data_dir
from sim.records.store import RecordsUnavailable, Store, StoredRun

__all__ = ["RecordsUnavailable", "Store", "StoredRun", "data_dir"]
