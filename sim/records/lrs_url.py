"""The record store's URL, checked before `peer-sim sync` sends anything.

A URL that cannot be a store's xAPI base (not http(s), no host, a query, a password
in it) is refused with a sentence quoting it with any credentials hidden, before a
request could send the statements (or the password) somewhere else.
"""

from __future__ import annotations

import re

from sim.records.lrs_words import SyncError
from sim.text import brief, first_hidden


def statements_url(lrs: str) -> str:
    """The endpoint as given (`.../xAPI/`), with or without `statements` at the end."""
    base = lrs.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


def same_store(sent_to: str, lrs: str) -> bool:
    """Whether `sent_to` (the address a run was marked sent to) is the store at `lrs`, however
    either is spelt: scheme and host in any case, the default port or none, with or without a
    last `/` or `statements`. A run sent to a staging store was "already in the record store"
    for a sync to production, which then never got it (records33)."""
    from urllib.parse import urlsplit

    def key(url: str) -> tuple[str, str, int | None, str]:
        parts = urlsplit(statements_url(url.strip()))
        default = {"http": 80, "https": 443}.get(parts.scheme.lower())
        try:
            port = parts.port
        except ValueError:
            port = None
        return (parts.scheme.lower(), (parts.hostname or "").lower(), port or default, parts.path)

    return key(sent_to) == key(lrs)


def redacted(lrs: str) -> str:
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

    quoted = brief(redacted(lrs))
    if first_hidden(lrs, blanks=True):
        # named where it is, unless it is in the hidden password
        hidden = first_hidden(redacted(lrs), blanks=True) or "a space or an invisible character"
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
            f"'{brief(redacted(lrs.split('?')[0].split('#')[0]))}' is followed by a query "
            "(?...) or a fragment (#...), which a record store's base URL does not have; "
            "give the URL alone, and any credentials with --user/--password"
        )
