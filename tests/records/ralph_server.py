"""Ralph's LRS (`uvicorn ralph.api:app`) for the tests, with its file-system backend appending.

Ralph's `fs` backend writes every POST with operation "create", which refuses
to touch an existing file: the first POST works and every later one fails with
HTTP 500 ("fs_lrs.jsonl already exists"). The backend is meant for development,
so the tests make it append (the file is JSON lines, read back line by line), and
its filters by verb and activity compare text with text (see below); everything
else is Ralph as shipped.

    python tests/records/ralph_server.py PORT
"""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

# Ralph 5.1 hands the fs backend `verb` and `activity` as IRI objects and compares them with
# the ids read back as text, so `GET statements?verb=...` or `?activity=...` matched nothing
# (its database backends take them as text). Given as text here, the tests can query the way
# a programme does.
for _name in ("_add_filter_by_verb", "_add_filter_by_activity"):
    _shipped = getattr(FSLRSBackend, _name)

    def _as_text(filters, iri, *rest, _shipped=_shipped):  # noqa: ANN001, ANN002, ANN202
        return _shipped(filters, str(iri) if iri is not None else None, *rest)

    setattr(FSLRSBackend, _name, staticmethod(_as_text))

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
