"""The HTTP side of `peer-sim sync`: one xAPI `POST statements` (or `GET`) at a time.

Standard library only (urllib), so syncing needs nothing the game does not already
install. Every request is bounded in time whatever the server does, a redirect is
never followed, and every failure is raised as a `SyncError` (or one of its kinds)
worded by `sim.records.lrs_words`. What is sent, and which runs are marked sent, is
`sim.records.lrs`'s business; this module knows nothing of runs or stores.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import TypeVar

from sim.records.lrs_words import (
    HeldError,
    RefusedError,
    SyncError,
    detail,
    refusal,
    unreached,
)
from sim.records.xapi import XAPI_VERSION
from sim.text import brief

# The longest one POST may take, start to finish. urllib's own timeout bounds
# each socket read, not the whole answer: a server that accepts and stays
# silent held `sync` for 30 s unexplained, and one dripping a byte at a time
# could hold it for ever. Said before the first POST, so a wait is expected.
TIMEOUT = 15
MAX_ANSWER = 1024 * 1024  # what is read of an answer: a list of ids is far smaller

__all__ = ["HeldError", "RefusedError", "SyncError"]


def auth(user: str | None, password: str | None) -> dict[str, str]:
    if not user and not password:
        return {}
    token = base64.b64encode(f"{user or ''}:{password or ''}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is reported, not followed: following it would send the credentials elsewhere.

    Not urllib's HTTPRedirectHandler with its redirect refused: that parses the
    Location first, so a store redirecting to `http://[x` (or a Location holding an
    escape sequence) raised ValueError, and the trainer was told their own URL
    'is not a URL peer-sim can send to' (adversarial-11). Declining here leaves
    the answer to the default handler, which raises it as the HTTPError it is. (A
    subclass still, so that `build_opener` leaves urllib's own, which follows, out.)
    """

    def http_error_30x(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        return None

    http_error_301 = http_error_302 = http_error_303 = http_error_307 = http_error_308 = (
        http_error_30x
    )


_OPENER = urllib.request.build_opener(_NoRedirects)


def _accepted(status: int, body: bytes, sent: list[dict]) -> bool:
    """Did the store answer as xAPI says (200 and a list of the statement ids it stored)?

    A web page, a proxy's login form, an empty 200 from a catch-all endpoint or
    any other answer is not a record store keeping the statements, and the runs
    must not be marked as sent: wrongly marked, they are never sent again, where
    wrongly kept they are only sent again (the ids make that harmless). A store
    may list fewer ids than were sent (those it already held), never others. An
    explicit 204 No Content is taken at its word: the store says it kept them.
    """
    if status == 204:
        return True
    try:
        ids = json.loads(body)
    except (ValueError, RecursionError):
        return False
    ours = {s.get("id") for s in sent}
    return isinstance(ids, list) and all(isinstance(i, str) and i in ours for i in ids)


def post(url: str, payload: list[dict], headers: dict[str, str]) -> int:
    """One POST, given up after TIMEOUT seconds in all, whatever the server does; how
    many of the statements the store says it stored now (see `_new`).

    The request runs in a daemon thread; if it has no answer in time the sync
    stops with a sentence and the run stays unsent. Should the store still
    accept it afterwards, the next sync sends the same statement ids, and the
    store keeps one copy.
    """
    return bounded(url, lambda: _post(url, payload, headers))


T = TypeVar("T")


def bounded(url: str, work: Callable[[], T]) -> T:
    """`work()` (one request to `url`), given up after TIMEOUT seconds in all."""
    import threading

    outcome: list[BaseException | T] = []

    def attempt() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=attempt, name="peer-sim-sync", daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    if not outcome:
        raise SyncError(
            f"the record store at {url} did not answer within {TIMEOUT} s; nothing more was "
            "sent. Check the URL and that the store is running, then sync again."
        )
    found = outcome[0]
    if isinstance(found, BaseException):
        raise found
    return found


def _new(status: int, body: bytes) -> int:
    """How many statements the store says it stored now: the ids it lists (xAPI's 200).

    A store lists only the statements it did not hold yet; given the same ones again
    it lists none, or, as Ralph does, answers 204 with no body. Counting what was
    posted instead told a trainer re-syncing a copied store "13 statements sent" for
    13 the store already held (trainer-test-4).
    """
    if status == 204:
        return 0
    ids = json.loads(body)  # a list of ids: `_accepted` has checked it
    return len(ids)


def _post(url: str, payload: list[dict], headers: dict[str, str]) -> int:
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
        status, body = exchange(request, url)
    except urllib.error.HTTPError as exc:
        raise refused(exc, url, headers) from None
    if not _accepted(status, body, payload):
        raise SyncError(
            f"{url} answered, but not as an xAPI record store does (a list of the statement "
            f"ids it kept); it answered: {brief(detail(body), 120) or 'nothing'}. Nothing was "
            "marked as sent; check the URL is the store's xAPI base URL."
        )
    return _new(status, body)


def exchange(request: urllib.request.Request, url: str) -> tuple[int, bytes]:
    """One request: its status and (at most MAX_ANSWER bytes of) its body. An HTTP error
    answer is raised as urllib's HTTPError for the caller to word (`refused`); every other
    failure (unreachable, TLS, not HTTP, not a URL) as a SyncError saying what to check."""
    try:
        # longer than the whole wait, so the one sentence for "no answer" is bounded()'s
        with _OPENER.open(request, timeout=TIMEOUT + 5) as response:
            return response.status, response.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError:
        raise
    except urllib.error.URLError as exc:
        raise unreached(url, exc.reason) from None
    except (TimeoutError, OSError) as exc:
        raise unreached(url, exc) from None
    except http.client.HTTPException as exc:  # an answer that is not HTTP at all
        raise SyncError(
            f"{url} did not answer as a web server does ({type(exc).__name__}: "
            f"{brief(str(exc), 80)}); check the URL is the record store's"
        ) from None
    except ValueError as exc:  # a malformed URL
        raise SyncError(f"'{brief(url)}' is not a URL peer-sim can send to ({exc})") from None


def refused(exc: urllib.error.HTTPError, url: str, headers: dict[str, str]) -> SyncError:
    """An HTTP error answer, read (at most MAX_ANSWER bytes of it), as the SyncError to raise."""
    return refusal(exc, exc.read(MAX_ANSWER), url, headers)


def holds(url: str, statement_id: str, headers: dict[str, str]) -> bool:
    """Does the store show the statement `statement_id` (xAPI `GET statements?statementId=`,
    or `voidedStatementId=` for one voided since)? Any other answer is no: a store that
    holds it can say so, a catch-all answering 409 cannot."""
    from urllib.parse import urlencode

    for key in ("statementId", "voidedStatementId"):
        request = urllib.request.Request(
            f"{url}?{urlencode({key: statement_id})}",
            headers={
                "X-Experience-API-Version": XAPI_VERSION,
                "Accept": "application/json",
                **headers,
            },
        )
        try:
            with _OPENER.open(request, timeout=TIMEOUT + 5) as response:
                body = response.read(MAX_ANSWER + 1)
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403) and "Authorization" in headers:
                # a key that may send but not read (Ralph's `statements/write`): told "it
                # does not show it ... check the URL", a programme went looking at its URL
                raise RefusedError(
                    f"the record store answered HTTP 409 (it already holds statement "
                    f"{statement_id}, sent before the run's details changed), and these "
                    f"credentials may not read statements (HTTP {exc.code}), so peer-sim "
                    "cannot check that it does; the run stays unsent. A sync with "
                    "credentials that may also read statements marks it sent."
                ) from None
            continue
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            raise unreached(url, getattr(exc, "reason", exc)) from None
        try:
            found = json.loads(body)
        except (ValueError, RecursionError):
            continue
        # xAPI answers with the statement; some stores (Ralph) with a list holding it
        listed = found.get("statements") if isinstance(found, dict) else None
        for one in listed if isinstance(listed, list) else [found]:
            if isinstance(one, dict) and str(one.get("id", "")).lower() == statement_id.lower():
                return True
    return False
