"""`peer-sim sync`: send finished runs to a learning record store (xAPI `POST statements`).

Standard library only (urllib), so syncing needs nothing the game does not
already install. Each run goes in one POST; statement ids are fixed per run
(see `sim.records.xapi`), so after a failure or a kill the same run is sent
again and the store keeps one copy. Every failure is turned into a sentence
that says what to check.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from sim.records.store import Store
from sim.records.xapi import XAPI_VERSION, statements

TIMEOUT = 30


class SyncError(Exception):
    """The record store could not be reached or refused; the message says which.

    `report` holds what was sent before the problem, so the caller can say so.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.report = SyncReport()


class RefusedError(SyncError):
    """The store refused one run's statements; the other runs can still go."""


@dataclass
class SyncReport:
    sent_runs: list[int] = field(default_factory=list)
    statements: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (run id, why)


def statements_url(lrs: str) -> str:
    """The endpoint as given (`.../xAPI/`), with or without `statements` at the end."""
    base = lrs.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


def _auth(user: str | None, password: str | None) -> dict[str, str]:
    if not user and not password:
        return {}
    token = base64.b64encode(f"{user or ''}:{password or ''}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _detail(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace").strip()[:300]
    if isinstance(data, dict) and "detail" in data:
        detail = data["detail"]
        return json.dumps(detail)[:300] if not isinstance(detail, str) else detail[:300]
    return json.dumps(data)[:300]


def post(url: str, payload: list[dict], headers: dict[str, str]) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": XAPI_VERSION,
            **headers,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = _detail(exc.read())
        if exc.code in (401, 403) and "Authorization" not in headers:
            raise SyncError(
                f"the record store at {url} asks for credentials (HTTP {exc.code}) and none "
                "were given. Set PEER_SIM_LRS_USER and PEER_SIM_LRS_PASSWORD (or --user/--password)."
            ) from None
        if exc.code in (401, 403):
            raise SyncError(
                f"the record store at {url} refused the credentials (HTTP {exc.code}). Check "
                "PEER_SIM_LRS_USER and PEER_SIM_LRS_PASSWORD (or --user/--password)."
            ) from None
        if exc.code in (404, 405):
            raise SyncError(
                f"{url} is not an xAPI statements endpoint (HTTP {exc.code}). Give the record "
                "store's xAPI base URL, the one that ends before /statements (often .../xAPI/ "
                "or .../data/xAPI/)."
            ) from None
        if exc.code == 409:
            raise RefusedError(
                "the record store refused a statement (HTTP 409): it already holds different "
                f"statements with this run's ids, sent before its details changed: {detail}"
            ) from None
        if exc.code in (400, 413, 422):
            raise RefusedError(
                f"the record store refused a statement (HTTP {exc.code}): {detail}"
            ) from None
        raise SyncError(f"the record store answered HTTP {exc.code}: {detail}") from None
    except urllib.error.URLError as exc:
        raise SyncError(
            f"could not reach a record store at {url} ({exc.reason}). Check the URL and that "
            "the store is running."
        ) from None
    except (TimeoutError, OSError) as exc:
        raise SyncError(f"could not reach a record store at {url} ({exc})") from None
    except ValueError as exc:  # a malformed URL
        raise SyncError(f"'{url}' is not a URL peer-sim can send to ({exc})") from None


def sync(
    store: Store,
    lrs: str,
    user: str | None,
    password: str | None,
    progress: Callable[[str], None] = lambda _line: None,
) -> SyncReport:
    """Send every finished run not yet sent; each is marked sent as soon as the store accepts it.

    A run the store refuses is left unsent and named in the report, and the rest
    still go: one bad run must not hold back every run after it. A wrong URL or
    wrong credentials would fail for every run, so they stop the sync at once.
    """
    if not lrs.startswith(("http://", "https://")):
        raise SyncError(f"'{lrs}' is not an http:// or https:// URL")
    url = statements_url(lrs)
    headers = _auth(user, password)
    report = SyncReport()
    for run in store.unsent():
        batch = statements(run, store.actor(run.trainee))
        try:
            post(url, batch, headers)
        except RefusedError as exc:
            report.refused.append((run.id, str(exc)))
            progress(f"run {run.id} ({run.scenario_id}): not sent: {exc}")
            continue
        except SyncError as exc:
            exc.report = report
            raise
        store.mark_sent(run.id, lrs)
        report.sent_runs.append(run.id)
        report.statements += len(batch)
        progress(f"run {run.id} ({run.scenario_id}): {len(batch)} statements sent")
    return report
