"""`peer-sim sync` with nothing to send: ask the store whether it takes the credentials.

A programme setting up a nightly sync learns of a wrong URL or password before the
first run is played, without anything being stored.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from sim.records.lrs_http import bounded, exchange, refused
from sim.records.lrs_words import SyncError, detail
from sim.records.xapi import XAPI_VERSION
from sim.text import brief


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
        _status, body = bounded(url, lambda: exchange(request, url))
    except urllib.error.HTTPError as exc:
        if exc.code not in (401, 403) or "Authorization" not in headers:
            raise refused(exc, url, headers) from None
        return _may_send(url, headers)
    try:
        found = json.loads(body)
    except (ValueError, RecursionError):
        found = None
    if not isinstance(found, dict) or not isinstance(found.get("statements"), list):
        raise SyncError(
            f"{url} answered, but not as an xAPI record store does (a list of statements); it "
            f"answered: {brief(detail(body), 120) or 'nothing'}. Check the URL is the store's "
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
        bounded(url, lambda: exchange(request, url))
    except urllib.error.HTTPError as exc:
        if exc.code not in (400, 422):
            raise refused(exc, url, headers) from None
    return (
        "accepted the credentials for sending (not for reading statements, which sync "
        "does not need)"
    )
