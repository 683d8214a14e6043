"""The store's schema as numbered migrations, applied in order inside one transaction each.

`PRAGMA user_version` holds the number of the last migration applied, and
`PRAGMA application_id` marks the file as peer-sim's, so a foreign SQLite file
is never mistaken for an empty store. Add a migration at the end; never edit
one that has shipped.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x50534D52  # "PSMR": peer-sim records

MIGRATIONS: list[str] = [
    # 1: runs, their decisions, and settings (the anonymous actor id lives there).
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        registration TEXT NOT NULL UNIQUE,
        scenario_id TEXT NOT NULL,
        scenario_title TEXT NOT NULL,
        digest TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('playing', 'finished', 'left')),
        owner TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        ended_at TEXT,
        progress TEXT NOT NULL,
        ending_id TEXT,
        ending_title TEXT,
        outcome TEXT,
        final_trust INTEGER,
        final_empowerment INTEGER,
        debrief TEXT
    );
    CREATE INDEX runs_by_scenario ON runs (scenario_id, status);
    CREATE TABLE decisions (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step INTEGER NOT NULL,
        scene TEXT NOT NULL,
        choice_id TEXT NOT NULL,
        said TEXT NOT NULL,
        trust_before INTEGER NOT NULL,
        empowerment_before INTEGER NOT NULL,
        trust_after INTEGER NOT NULL,
        empowerment_after INTEGER NOT NULL,
        verdicts TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (run_id, step)
    );
    """,
    # 2: which runs a learning record store already holds (peer-sim sync).
    """
    ALTER TABLE runs ADD COLUMN sent_at TEXT;
    ALTER TABLE runs ADD COLUMN sent_to TEXT;
    """,
    # 3: own-words practice: what the trainee typed before choosing ("" when not asked).
    """
    ALTER TABLE decisions ADD COLUMN words TEXT NOT NULL DEFAULT '';
    """,
    # 4: whose run it is, when several trainees share one store (peer-sim serve);
    # '' is the store owner's own runs, as every run was before.
    """
    ALTER TABLE runs ADD COLUMN trainee TEXT NOT NULL DEFAULT '';
    CREATE INDEX runs_by_trainee ON runs (trainee, status);
    """,
]

VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, upto: int = VERSION) -> int:
    """Bring the file to schema `upto`; returns the version it was at.

    Each migration commits with its version number, so a kill between two
    leaves a store at a version that is whole and opens next time.
    """
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    for number in range(start + 1, upto + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # user_version may have moved while we waited for the lock (another instance).
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[number - 1].split(";"):
                if statement.strip():
                    _apply(conn, statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after a full disk: rolling back again
            # raised "no transaction is active", which hid the real cause.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return start


def _apply(conn: sqlite3.Connection, statement: str) -> None:
    """One statement of a migration, passed over when what it adds is there already.

    A store whose version number lags what it holds (a column added by hand, or by a
    test build) stopped every run from recording with "the records folder cannot be
    written (duplicate column name: words)", sending people to the folder's
    permissions. What it lacks still goes in; `missing` then checks the whole shape.
    """
    try:
        conn.execute(statement)
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if not (text.startswith("duplicate column name") or text.endswith("already exists")):
            raise


_EXPECTED: dict[str, frozenset[str]] = {}


def expected_columns() -> dict[str, frozenset[str]]:
    """Each table the migrations make, with its columns: worked out once, from the
    migrations themselves (in memory), so a new migration needs no second list."""
    if not _EXPECTED:
        conn = sqlite3.connect(":memory:")
        try:
            conn.isolation_level = None
            migrate(conn)
            _EXPECTED.update(columns(conn))
        finally:
            conn.close()
    return _EXPECTED


def columns(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: frozenset(
            row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))
        )
        for name in names
    }


def missing(conn: sqlite3.Connection) -> str:
    """What a file at today's version lacks of the schema ('' when nothing): a table or
    column dropped by hand or by another tool.

    Such a file passed every check at opening: `runs` read as usual while a missing
    `decisions` table made every finished run fail to record and `export` an
    'unexpected error' (adversarial-11). Extra tables and columns are left alone.
    """
    have = columns(conn)
    for table, wanted in expected_columns().items():
        if table not in have:
            return f"its {table} table is missing"
        lacking = sorted(wanted - have[table])
        if lacking:
            return (
                f"its {table} table lacks the column{'s' * (len(lacking) > 1)} {', '.join(lacking)}"
            )
    return ""
