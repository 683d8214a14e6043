"""The HTTP side of `peer-sim sync`: one xAPI `POST statements` (or `GET`) at a time.

Standard library only (urllib), so syncing needs nothing the game does not already
install. Every request is bounded in time whatever the server does, a redirect is
never followed, and every failure is turned into a sentence that says what to check
(`SyncError` and its kinds). What is sent, and which runs are marked sent, is
`sim.records.lrs`'s business; this module knows nothing of runs or stores.
"""

from __future__ import annotations

import base64
import html
import http.client
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sim.records.xapi import XAPI_VERSION
from sim.text import brief, first_hidden

# The longest one POST may take, start to finish. urllib's own timeout bounds
# each socket read, not the whole answer: a server that accepts and stays
# silent held `sync` for 30 s unexplained, and one dripping a byte at a time
# could hold it for ever. Said before the first POST, so a wait is expected.
TIMEOUT = 15
MAX_ANSWER = 1024 * 1024  # what is read of an answer: a list of ids is far smaller


class SyncError(Exception):
    """The record store could not be reached or refused; the message says which.

    `report` holds what was sent before the problem, so the caller can say so.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.report = SyncReport()
        self.checking = False  # raised by the check made when there was nothing to send


class RefusedError(SyncError):
    """The store refused one run's statements; the other runs can still go."""


class HeldError(RefusedError):
    """HTTP 409: the store already holds a different statement under one of these ids.

    Ids are fixed per run, so this is the same run sent before its details changed
    (a new name for the trainee, a newer peer-sim adding extensions). xAPI
    statements cannot be changed once stored, so sending again can never succeed:
    left unsent, the run would fail every sync from then on.
    """


@dataclass
class SyncReport:
    sent_runs: list[int] = field(default_factory=list)
    statements: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (run id, why)
    held: list[tuple[int, int]] = field(default_factory=list)  # (run id, statements kept as were)
    # statements the store already held as sent (a copy of a store synced before, a sync cut
    # off after the store took a run): kept once, so not counted among `statements`
    already: int = 0
    damaged: list[int] = field(default_factory=list)  # unsent runs whose rows cannot be read
    # with nothing sent, what the store said when asked (`check`): "" when runs were sent
    checked: str = ""


def statements_url(lrs: str) -> str:
    """The endpoint as given (`.../xAPI/`), with or without `statements` at the end."""
    base = lrs.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


def auth(user: str | None, password: str | None) -> dict[str, str]:
    if not user and not password:
        return {}
    token = base64.b64encode(f"{user or ''}:{password or ''}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _detail(body: bytes) -> str:
    """What the store said, as one line of words: the reason a sync stopped.

    A web server's error page (nginx's 502, Python's 431 for an over-long password
    header) came out as 300 characters of HTML over a dozen lines, the reason
    itself somewhere inside; its words are kept, its tags dropped.
    """
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        text = body.decode("utf-8", "replace")
        if re.search(r"<(!doctype|html|head|body|title|h1|p|pre)\b", text, re.IGNORECASE):
            text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.I | re.S)
            text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    else:
        text = data.get("detail") if isinstance(data, dict) and "detail" in data else data
        text = text if isinstance(text, str) else json.dumps(text)
    # cut after the escapes are made visible, and said to be cut: a raw [:300] grew to
    # 1,200 characters of \x1b escapes and stopped mid-word, as if that were all
    return brief(" ".join(text.split()), 300)


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


def _redacted(lrs: str) -> str:
    """`lrs` with everything from `//` to its last `@` hidden: a URL quoted in a message must
    not print the password it holds (the URL `http://bob:secret@[::1` cannot be parsed, and
    was quoted whole). Up to the last `@`, since a password may hold `/`, `?` or `#`, which
    end the host part for a URL parser; hiding a path's `@` too costs nothing."""
    return re.sub(r"(?<=//).*@", "…@", lrs, flags=re.DOTALL)


LONGEST_URL = 2000  # characters; browsers and servers commonly stop near 2,048


def check_url(lrs: str) -> None:
    """A SyncError unless `lrs` is an http(s) URL with a host, a valid port and no password,
    query or fragment in it; every message quotes it with any credentials hidden."""
    from urllib.parse import urlsplit

    quoted = brief(_redacted(lrs))
    if first_hidden(lrs, blanks=True):
        # named where it is, unless it is in the hidden password
        hidden = first_hidden(_redacted(lrs), blanks=True) or "a space or an invisible character"
        raise SyncError(
            f"'{quoted}' holds {hidden}; give the record store's URL alone, as in "
            "https://lrs.example.org/xAPI/"
        )
    if not lrs.lower().startswith(("http://", "https://")):
        raise SyncError(f"'{quoted}' is not an http:// or https:// URL")
    if len(lrs) > LONGEST_URL:
        # a 70,000-character URL was printed whole in "Sending ..." and again in the
        # refusal: a store's base URL is short, and web servers refuse such a request line
        raise SyncError(
            f"'{quoted}' is {len(lrs):,} characters long; a record store's URL is far shorter "
            f"(at most {LONGEST_URL:,}): give its base URL, as in https://lrs.example.org/xAPI/"
        )
    try:
        parts = urlsplit(lrs)
        port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError as exc:
        # the parser's reason may quote part of a password ("as 'secret'" for a bad port)
        why = "" if "@" in lrs else f" ({exc})"
        raise SyncError(f"'{quoted}' is not a URL peer-sim can send to{why}") from None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise SyncError(
            "the URL holds a user name or password; give the URL without them, and the "
            "credentials with --user/--password or PEER_SIM_LRS_USER and PEER_SIM_LRS_PASSWORD"
        )
    if not parts.hostname or port == 0:
        raise SyncError(f"'{quoted}' names no host and port to send to")
    if parts.query or parts.fragment or lrs.endswith(("?", "#")):
        # `/statements` went after them ("...?token=x/statements"), so the statements
        # were sent to the wrong address, and a token in the query was printed
        raise SyncError(
            f"'{brief(_redacted(lrs.split('?')[0].split('#')[0]))}' is followed by a query "
            "(?...) or a fragment (#...), which a record store's base URL does not have; "
            "give the URL alone, and any credentials with --user/--password"
        )


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
        status, body = _open(request, url)
    except urllib.error.HTTPError as exc:
        raise _refusal(exc, url, headers) from None
    if not _accepted(status, body, payload):
        raise SyncError(
            f"{url} answered, but not as an xAPI record store does (a list of the statement "
            f"ids it kept); it answered: {brief(_detail(body), 120) or 'nothing'}. Nothing was "
            "marked as sent; check the URL is the store's xAPI base URL."
        )
    return _new(status, body)


def _open(request: urllib.request.Request, url: str) -> tuple[int, bytes]:
    """One request: its status and (at most MAX_ANSWER bytes of) its body. An HTTP error
    answer is raised as urllib's HTTPError for the caller to word (`_refusal`); every other
    failure (unreachable, TLS, not HTTP, not a URL) as a SyncError saying what to check."""
    try:
        # longer than the whole wait, so the one sentence for "no answer" is bounded()'s
        with _OPENER.open(request, timeout=TIMEOUT + 5) as response:
            return response.status, response.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError:
        raise
    except urllib.error.URLError as exc:
        raise SyncError(_unreachable(url, exc.reason)) from None
    except (TimeoutError, OSError) as exc:
        raise SyncError(_unreachable(url, exc)) from None
    except http.client.HTTPException as exc:  # an answer that is not HTTP at all
        raise SyncError(
            f"{url} did not answer as a web server does ({type(exc).__name__}: "
            f"{brief(str(exc), 80)}); check the URL is the record store's"
        ) from None
    except ValueError as exc:  # a malformed URL
        raise SyncError(f"'{brief(url)}' is not a URL peer-sim can send to ({exc})") from None


def _refusal(exc: urllib.error.HTTPError, url: str, headers: dict[str, str]) -> SyncError:
    """An HTTP error answer as the sentence (and kind) that says what to check."""
    detail = _detail(exc.read(MAX_ANSWER))
    if 300 <= exc.code < 400:
        moved = brief(exc.headers.get("Location", "") or "somewhere else", 200)
        return SyncError(
            f"{url} answered with a redirect (HTTP {exc.code}) to {moved}; give the record "
            "store's own xAPI URL (peer-sim does not follow redirects, so the credentials "
            "go nowhere else)"
        )
    if exc.code in (401, 403) and "Authorization" not in headers:
        return SyncError(
            f"the record store at {url} asks for credentials (HTTP {exc.code}) and none "
            "were given. Set PEER_SIM_LRS_USER and PEER_SIM_LRS_PASSWORD (or --user/--password)."
        )
    if exc.code in (401, 403):
        return SyncError(
            f"the record store at {url} refused the credentials (HTTP {exc.code}). Check "
            "PEER_SIM_LRS_USER and PEER_SIM_LRS_PASSWORD (or --user/--password)."
        )
    if exc.code in (404, 405):
        return SyncError(
            f"{url} is not an xAPI statements endpoint (HTTP {exc.code}). Give the record "
            "store's xAPI base URL, the one that ends before /statements (often .../xAPI/ "
            "or .../data/xAPI/)."
        )
    if exc.code == 409:
        return HeldError(
            "the record store refused a statement (HTTP 409): it already holds different "
            f"statements with this run's ids, sent before its details changed: {detail}"
        )
    if exc.code in (400, 413, 422):
        return RefusedError(f"the record store refused a statement (HTTP {exc.code}): {detail}")
    return SyncError(_other_answer(exc.code, detail))


def _other_answer(code: int, detail: str) -> str:
    """An HTTP error with no sentence of its own, said with what it means for the runs.

    "the record store answered HTTP 503: " ended on a colon, and a 500 or a 429 said
    nothing of whether the runs were lost or what to do next.
    """
    said = f"the record store answered HTTP {code} ({detail or 'no reason given'})"
    if code == 429:
        return f"{said}: it asks for fewer requests; the runs not sent stay unsent: sync later"
    if 500 <= code < 600:
        return (
            f"{said}: a fault at the store, not in the runs; the runs not sent stay unsent, so "
            "sync again later, and if it keeps answering so, tell whoever runs the store"
        )
    return (
        f"{said}; the runs not sent stay unsent. Check the URL is the store's xAPI base URL "
        "(the one that ends before /statements)"
    )


def _unreachable(url: str, reason: object) -> str:
    """Why `url` could not be reached, and what to check: a TLS fault is not a store that is down.

    "Check ... that the store is running" was said of a store that was running but
    spoke plain http on an https:// URL, or had a certificate this machine does not
    trust, sending the trainer to look in the wrong place.
    """
    import ssl

    said = brief(str(reason), 160)
    if isinstance(reason, ssl.SSLCertVerificationError):
        why = brief(reason.verify_message or said, 80)
        return (
            f"the record store at {url} answered https with a certificate this machine does "
            f"not trust ({why}); nothing was sent. Use the store's trusted https address, or, "
            "if it has its own certificate authority, point SSL_CERT_FILE at that authority's "
            "certificate."
        )
    if isinstance(reason, ssl.SSLError) and reason.reason == "WRONG_VERSION_NUMBER":
        return (
            f"{url} does not speak https (its answer was not TLS; a store on plain http "
            f"answers so); nothing was sent. If the store's address is http://, give that "
            "URL instead."
        )
    if isinstance(reason, ssl.SSLError):
        return (
            f"the secure (https) connection to {url} failed ({said}); nothing was sent. Check "
            "the URL is the record store's and that it serves https there."
        )
    return (
        f"could not reach a record store at {url} ({said}). Check the URL and that the store "
        "is running."
    )


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
            raise SyncError(_unreachable(url, getattr(exc, "reason", exc))) from None
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


def check(url: str, headers: dict[str, str]) -> str:
    """Ask the store whether it is one and takes the credentials, sending nothing; what it
    said, as the end of a sentence ("...accepted the credentials"). A SyncError says why not.

    With nothing to send, a sync made no request at all, so a wrong password or URL went
    unnoticed until the first run was played (programme19). `GET statements?limit=1` needs
    the credentials (xAPI's `about` does not, and Ralph has none). A key that may only send
    (Ralph's `statements/write` scope) is refused that read with the 401 of a wrong
    password, so a refused read is followed by a POST of no statements, which stores
    nothing: refused too, the credentials are wrong; turned down for its empty list (400),
    they were taken.
    """
    asked = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json", **headers}
    request = urllib.request.Request(f"{url}?limit=1", headers=asked)
    try:
        _status, body = bounded(url, lambda: _open(request, url))
    except urllib.error.HTTPError as exc:
        if exc.code not in (401, 403) or "Authorization" not in headers:
            raise _refusal(exc, url, headers) from None
        return _may_send(url, headers)
    try:
        found = json.loads(body)
    except (ValueError, RecursionError):
        found = None
    if not isinstance(found, dict) or not isinstance(found.get("statements"), list):
        raise SyncError(
            f"{url} answered, but not as an xAPI record store does (a list of statements); it "
            f"answered: {brief(_detail(body), 120) or 'nothing'}. Check the URL is the store's "
            "xAPI base URL."
        )
    return "answered and accepted the credentials" if headers else "answered (no credentials given)"


def _may_send(url: str, headers: dict[str, str]) -> str:
    """The credentials were refused a read: may they send? (A POST of an empty list.)"""
    request = urllib.request.Request(
        url,
        data=b"[]",
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": XAPI_VERSION,
            **headers,
        },
    )
    try:
        bounded(url, lambda: _open(request, url))
    except urllib.error.HTTPError as exc:
        if exc.code not in (400, 422):
            raise _refusal(exc, url, headers) from None
    return (
        "accepted the credentials for sending (not for reading statements, which sync "
        "does not need)"
    )
