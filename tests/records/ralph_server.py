"""Ralph's LRS (`uvicorn ralph.api:app`) for the tests, with its file-system backend appending.

Ralph's `fs` backend writes every POST with operation "create", which refuses
to touch an existing file: the first POST works and every later one fails with
HTTP 500 ("fs_lrs.jsonl already exists"). The backend is meant for development,
so the tests make it append (the file is JSON lines, read back line by line);
everything else is Ralph as shipped.

    python tests/records/ralph_server.py PORT
"""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
