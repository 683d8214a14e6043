"""`peer-sim serve`: the app in web browsers, one process per browser tab (textual-serve).

A trainer runs this once and a room plays without installing Python. Each tab
is its own `python -m sim --ask-trainee ...` process, so trainees never share a
run; the app asks each for a name or code and their runs are kept apart in the
one records store (see `sim.records.classroom`). There is no login: it listens
on loopback unless told otherwise, and says so loudly when it is not.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys

from sim.commands.common import UsageError
from sim.homes import NoHome, home_path
from sim.text import first_hidden, shown, shown_name

MISSING = (
    "peer-sim serve needs the web extra (textual-serve): "
    "pip install 'peer-sim[web]' (from a clone: pip install '.[web]')"
)


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve starts for each tab: this Python, this peer-sim."""
    argv = [sys.executable, "-m", "sim", "--ask-trainee"]
    for folder in args.scenarios or []:
        argv += ["--scenarios", os.path.abspath(folder)]
    if args.data_dir:
        argv += ["--data-dir", os.path.abspath(home_path(args.data_dir))]
    argv += ["--mode", getattr(args, "mode", None) or getattr(args, "app_mode", None) or "practice"]
    # Said when the trainer said it, or when the mode is locked: every tab starts so. Unsaid,
    # each tab starts the way its trainee last played (never the serving account's config).
    own_words = getattr(args, "own_words", None)
    if own_words is not None or getattr(args, "lock_mode", False):
        argv.append("--own-words" if own_words else "--no-own-words")
    if getattr(args, "lock_mode", False):
        argv.append("--lock-mode")
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def port_problem(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on, or None; said before textual-serve starts.

    textual-serve prints its banner and "Press Ctrl+C to quit" first and only then
    finds the port taken; a trainer should read the one line that matters.
    """
    import errno
    import socket

    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        return f"--host {shown(host)} is not an address this machine can listen on ({exc})."
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"port {port} on {shown(host)} is already in use (another program, or "
                    "another peer-sim serve, is listening there); choose another with --port."
                )
            if exc.errno == errno.EACCES:
                return f"port {port} needs administrator rights; choose one above 1023 with --port."
            return f"cannot listen on {shown(host)}:{port}: {exc.strerror or exc}."
    return None


def public_url_problem(url: str) -> str | None:
    """Why `url` cannot be the address browsers use, or None.

    It is written into the page every browser loads, so beyond the scheme it
    must be one plain URL: a host, and no space, quote, angle bracket or
    control character that could end the attribute it sits in.
    """
    from urllib.parse import urlsplit

    if not url.startswith(("http://", "https://")):
        if url[:8].lower().startswith(("http://", "https://")):
            # 'HTTP://...' does start with http://, as a reader sees it; the page's
            # websocket address is made from the scheme as written, in lower case
            return "must start with http:// or https:// written in lower case"
        return "must start with http:// or https://"
    hidden = first_hidden(url, blanks=True)
    if hidden or any(ch in url for ch in "\"'<>`\\"):
        held = f": it holds {hidden}" if hidden else ""
        return (
            "must be one plain URL (no spaces, quotes, angle brackets, control or invisible "
            f"characters){held}"
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises for a port that is not a number from 0 to 65535
    except ValueError as exc:
        return f"is not a URL ({exc})"
    if "?" in url or "#" in url or "@" in parts.netloc:
        # each page's addresses are made by appending to it: "https://x/?a=1/ws" is no address
        return "must be the address alone (no ?query, #fragment or user@)"
    return None if host else "names no host (e.g. https://peer-sim.example.org)"


def records_problem(directory: str | None) -> str:
    """UsageError when the records store cannot be opened for writing, before anything is served;
    else the store's file, which the banner names.

    Each tab opens the store for itself, and one that cannot said "Nothing is
    recorded" to its trainee only: a whole class played unrecorded while the
    trainer's terminal, where the store is chosen, said nothing.
    """
    from sim.commands.common import opening_records
    from sim.records import RecordsUnavailable, Store

    try:
        with opening_records(directory):
            store = Store.open(directory, trainee=None)
    except RecordsUnavailable as exc:
        raise UsageError(
            f"{exc.plainly()} Nothing is served, since no trainee's run could be recorded."
        ) from None
    for notice in store.notices:
        print(notice, file=sys.stderr)
    store.close()
    return str(store.path)


def scenarios_problem(folders: list[str] | None) -> None:
    """UsageError for a --scenarios folder that is not there, before anything is served.

    Served, a mistyped folder is one "BROKEN" line in every trainee's library and nothing
    in the trainer's terminal, where the mistake was made and can be put right."""
    from pathlib import Path

    from sim.refused import file_in_the_way

    for folder in folders or []:
        if os.path.exists(folder):
            continue
        why = file_in_the_way(Path(folder)) or "no such folder"
        if os.path.lexists(folder):
            why = f"a link to {shown(os.readlink(folder))}, which is not there"
        raise UsageError(
            f"--scenarios {shown_name(folder)}: {why}; nothing is served (give the folder of "
            "scenario files the class should play)"
        )


def run(args: argparse.Namespace) -> int:
    try:
        from sim.commands.classroom_server import ClassroomServer
    except ImportError:
        print(f"peer-sim: {MISSING}", file=sys.stderr)
        return 1
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port (1 to 65535)")
    from sim.commands.classroom_server import MAX_TABS

    max_tabs = MAX_TABS if args.max_tabs is None else args.max_tabs
    if not 0 < max_tabs <= 10_000:
        raise UsageError(f"--max-tabs {max_tabs} is not a number of tabs (1 to 10,000)")
    if args.public_url is not None:  # '' too: an empty address was served as none given
        url_problem = public_url_problem(args.public_url)
        if url_problem:
            raise UsageError(f"--public-url '{shown(args.public_url)}' {url_problem}")
    try:
        command = app_command(args)
    except NoHome as exc:
        raise UsageError(f"--data-dir {exc}; give the folder's full path") from None
    scenarios_problem(args.scenarios)
    records = records_problem(args.data_dir)
    problem = port_problem(args.host, args.port)
    if problem:
        print(f"peer-sim serve: {problem}", file=sys.stderr)
        return 1
    if not is_loopback(args.host):
        print(
            f"peer-sim serve: WARNING: listening on {shown(args.host)}, reachable from other machines, "
            "and there is no login: anyone who can reach this port can play, under any name, "
            "and their runs go into your records store. Put it behind a reverse proxy with "
            "authentication (README: Classroom).",
            file=sys.stderr,
        )
    server = ClassroomServer(
        command,
        host=args.host,
        port=args.port,
        title="peer-sim",
        public_url=args.public_url.rstrip("/") if args.public_url else None,
        max_tabs=max_tabs,
        records=records,
    )
    server.serve()
    return 0
