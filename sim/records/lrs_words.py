"""What `peer-sim sync` says when the record store cannot be reached or refuses.

The kinds of failure (`SyncError` stops the sync; `RefusedError` leaves one run
unsent and lets the others go; `HeldError` is a 409 on a run sent before) and each
failure in one sentence that says what to check, so a trainer setting up a sync is
sent to the right place. What the sync did before a failure (`SyncReport`) travels
with it. The requests themselves are `sim.records.lrs_http`'s; this module makes none.
"""

from __future__ import annotations

import html
import json
import re
import urllib.error
from dataclasses import dataclass, field

from sim.text import brief


class SyncError(Exception):
    """The record store could not be reached or refused; the message says which.

    `report` holds what was sent before the problem, so the caller can say so.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.report = SyncReport()
        self.checking = False  # raised by the check made when there was nothing to send


class UnreachableError(SyncError):
    """No answer at all: the connection failed or was closed (no TLS fault); `reason` kept,
    so a store that stops answering partway is told apart from a wrong URL (`stopped`)."""

    def __init__(self, message: str, reason: object) -> None:
        super().__init__(message)
        self.reason = reason


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


def detail(body: bytes) -> str:
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


def refusal(
    exc: urllib.error.HTTPError, body: bytes, url: str, headers: dict[str, str]
) -> SyncError:
    """An HTTP error answer (`body`, what was read of it) as the sentence (and kind) that says
    what to check."""
    said = detail(body)
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
            f"statements with this run's ids, sent before its details changed: {said}"
        )
    if exc.code in (400, 413, 422):
        return RefusedError(f"the record store refused a statement (HTTP {exc.code}): {said}")
    return SyncError(_other_answer(exc.code, said))


def _other_answer(code: int, reason: str) -> str:
    """An HTTP error with no sentence of its own, said with what it means for the runs.

    "the record store answered HTTP 503: " ended on a colon, and a 500 or a 429 said
    nothing of whether the runs were lost or what to do next.
    """
    said = f"the record store answered HTTP {code} ({reason or 'no reason given'})"
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


def unreachable(url: str, reason: object) -> str:
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
            f"not trust ({why}); the runs not sent stay unsent. Use the store's trusted https address, or, "
            "if it has its own certificate authority, point SSL_CERT_FILE at that authority's "
            "certificate."
        )
    if isinstance(reason, ssl.SSLError) and reason.reason == "WRONG_VERSION_NUMBER":
        return (
            f"{url} does not speak https (its answer was not TLS; a store on plain http "
            f"answers so); the runs not sent stay unsent. If the store's address is http://, give that "
            "URL instead."
        )
    if isinstance(reason, ssl.SSLError):
        return (
            f"the secure (https) connection to {url} failed ({said}); the runs not sent stay unsent. Check "
            "the URL is the record store's and that it serves https there."
        )
    return (
        f"could not reach a record store at {url} ({said}). Check the URL and that the store "
        "is running."
    )


def unreached(url: str, reason: object) -> SyncError:
    """`unreachable`'s sentence as the error to raise: an `UnreachableError` when nothing
    answered at all (not a TLS fault, which has its own words wherever it happens)."""
    import ssl

    if isinstance(reason, ssl.SSLError):
        return SyncError(unreachable(url, reason))
    return UnreachableError(unreachable(url, reason), reason)


def stopped(url: str, reason: object) -> str:
    """A store that answered this sync and then stopped answering (restarted, a proxy's
    time-out, the network): "could not reach ... Check the URL" sent a trainer to check a
    URL that had just taken their runs (records33)."""
    return (
        f"the record store at {url} stopped answering partway through "
        f"({brief(str(reason), 160)}); it had answered this sync, so its URL and the "
        "credentials are right. The runs not sent stay unsent: sync again once it answers "
        "(a run it took without its answer reaching here goes again, and it keeps one copy)."
    )
