"""`peer-sim serve` against clients that are not a well-behaved browser (adversarial-5).

No browser needed: aiohttp (which textual-serve brings) speaks the websocket.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("textual_serve")

from sim.commands.classroom_server import (  # noqa: E402 - after the skip
    MAX_COLUMNS,
    MAX_ROWS,
    clamped_resize,
    legible_font_size,
    well_formed,
)
from tests.web.waits import WAIT, wait_until  # noqa: E402

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    envelope=st.one_of(
        JSON,
        st.tuples(st.sampled_from(["stdin", "resize", "ping", "blur", "focus", "x"]), JSON).map(
            list
        ),
        st.fixed_dictionaries({"width": JSON, "height": JSON}).map(lambda d: ["resize", d]),
        st.sampled_from([["focus"], ["blur"], ["ping", "1"]]),  # what the page itself sends
    )
)
def test_only_well_formed_envelopes_pass_and_sizes_stay_sane(envelope):
    text = json.dumps(envelope)
    if not well_formed(text):
        return
    kind, *rest = json.loads(clamped_resize(text))  # never raises for what passed
    if kind == "stdin":
        assert isinstance(rest[0], str)
    if kind == "resize":
        assert 1 <= rest[0]["width"] <= MAX_COLUMNS and 1 <= rest[0]["height"] <= MAX_ROWS


def test_what_the_page_sends_passes_unchanged():
    for text in ['["focus"]', '["blur"]', '["ping", "1"]', '["stdin", "a"]']:
        assert well_formed(text) and clamped_resize(text) == text


def test_the_messages_that_printed_tracebacks_are_dropped():
    for text in ["not json", '{"a":1}', '["stdin", 5]', '["resize", "x"]', "[]", '"x"',
                 '["resize", {"width": "\\u001b]0;x\\u0007", "height": 10}]', "[" * 10_000,
                 '["stdin", "a\\ud800b"]']:  # fmt: skip
        assert not well_formed(text)
    assert json.loads(clamped_resize('["resize", {"width": 100000, "height": -5}]')) == [
        "resize",
        {"width": MAX_COLUMNS, "height": 1},
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    """Whether `peer-sim serve` at `port` answers a page."""
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
    except OSError:
        return False
    return True


@contextlib.contextmanager
def _serving(tmp_path: Path, *extra: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`peer-sim serve` on a free port, its output in tmp_path/serve.log, answering
    pages; stopped with Ctrl+C at the end (killed if that takes 30 s)."""
    port = _free_port()
    with (tmp_path / "serve.log").open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "sim", "serve", "--port", str(port), *extra,
             "--data-dir", str(tmp_path / "data")],
            stdout=out, stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "PEER_SIM_CONFIG_DIR": str(tmp_path / "config")},
        )  # fmt: skip
        try:
            answered = wait_until(lambda: server.poll() is not None or _answers(port))
            if not answered or server.poll() is not None:
                said = (tmp_path / "serve.log").read_text(errors="replace")
                pytest.fail(f"peer-sim serve did not answer in {WAIT:.0f} s: {said}")
            yield server, port
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGINT)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_hostile_clients_then_ctrl_c_with_a_tab_open(tmp_path):
    # Every malformed message printed a traceback in the trainer's terminal, and
    # Ctrl+C waited (up to a minute, silently) for the open tab before stopping.
    import aiohttp

    log = tmp_path / "serve.log"
    with _serving(tmp_path) as (server, port):

        async def clients() -> None:
            url = f"http://127.0.0.1:{port}/ws?width=100000&height=100000"
            async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
                for text in ["not json", "[]", '["stdin", 5]', '["resize", "x"]']:
                    await ws.send_str(text)
                await ws.receive(timeout=30)  # the tab's app has started
                server.send_signal(signal.SIGINT)  # a tab is still open
                while not ws.closed:
                    await ws.receive(timeout=30)

        asyncio.run(clients())
        assert server.wait(timeout=30) == 0
    said = log.read_text(errors="replace")
    assert "Traceback" not in said and "Error" not in said, said


def test_the_textual_serve_methods_the_classroom_server_overrides_still_exist():
    # ClassroomServer hooks textual-serve's private message loop; an upgrade that
    # renamed it would drop the hardening silently, so say so here by name.
    from textual_serve.server import Server

    for name in (
        "_process_messages",
        "handle_websocket",
        "handle_index",
        "on_shutdown",
        "_make_app",
    ):
        assert callable(getattr(Server, name, None)), f"textual-serve has no Server.{name}"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _proc_text(pid: int, name: str) -> str | None:
    """/proc/PID/NAME, or None once the process is gone: reading a task that is exiting
    raises ProcessLookupError (ESRCH), not only FileNotFoundError, which failed this test
    once under load when the app ended before its client dropped."""
    try:
        return Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return None


def _websocket_frame(text: str) -> bytes:
    data = text.encode()
    mask = os.urandom(4)
    size = len(data)
    head = bytes([0x81]) + (
        bytes([0x80 | size]) if size < 126 else bytes([0x80 | 126]) + size.to_bytes(2, "big")
    )
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the tab's app in /proc")
def test_a_client_that_stops_reading_then_drops_leaves_no_app_behind(tmp_path):
    # adversarial-6: the tab's screen went unread after one failed write, and its
    # app blocked on the full pipe for ever (still "playing" the trainee's run).
    import base64
    import struct

    log = tmp_path / "serve.log"
    with _serving(tmp_path) as (server, port):
        # a plain GET of the websocket's address is refused in one line
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ws", timeout=5)
        assert refused.value.code == 400
        client = socket.socket()
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        client.sendall(
            f"GET /ws?width=200&height=60 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        # the app starts (and draws) in a process of its own
        (app,) = wait_until(lambda: _children(server.pid), step=0.1)
        stuck = 0
        for i in range(600):  # every size change redraws the whole screen; none is read
            client.sendall(
                _websocket_frame(f'["resize", {{"width": {199 + i % 2}, "height": 60}}]')
            )
            time.sleep(0.02)
            state = _proc_text(app, "wchan")
            if state is None:  # the app has already gone (reading an exiting task: ESRCH)
                break
            stuck = stuck + 1 if "pipe" in state else 0
            if stuck > 25:  # the app has been blocked on its screen output for 0.5 s
                break
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()  # a reset, as a client whose machine went away

        def gone() -> bool:
            stat = _proc_text(app, "stat")
            return stat is None or "Z" in stat.split(")")[1][:3]

        if not wait_until(gone, step=0.1):
            pytest.fail(f"the tab's app outlived its client by {WAIT:.0f} s")
    said = log.read_text(errors="replace")
    assert "Traceback" not in said, said


def test_tabs_beyond_max_tabs_are_refused_with_a_sentence(tmp_path):
    # adversarial-6: every websocket started an app process (~60 MB), without limit
    import aiohttp

    log = tmp_path / "serve.log"
    with _serving(tmp_path, "--max-tabs", "1") as (server, port):

        async def tabs() -> tuple[int | None, bytes]:
            url = f"http://127.0.0.1:{port}/ws"
            async with aiohttp.ClientSession() as session, session.ws_connect(url) as first:
                await first.receive(timeout=30)  # the first tab's app draws
                async with session.ws_connect(url) as second:
                    closing = await second.receive(timeout=30)
                    assert closing.type == aiohttp.WSMsgType.CLOSE
                    return closing.data, (closing.extra or "").encode()

        code, why = asyncio.run(tabs())
        assert code == 1013 and b"the class is full" in why
    said = log.read_text(errors="replace")
    assert "the most --max-tabs allows" in said and "Traceback" not in said, said


def test_a_page_reloaded_in_a_full_class_gets_its_place_back(tmp_path):
    # adv28: the closing tab held its place until its app had ended, so the reloaded
    # page's new websocket, a moment later, was told "the class is full"
    import aiohttp

    log = tmp_path / "serve.log"
    with _serving(tmp_path, "--max-tabs", "1") as (server, port):

        async def reload() -> aiohttp.WSMessage:
            url = f"http://127.0.0.1:{port}/ws"
            async with aiohttp.ClientSession() as session:
                async with session.ws_connect(url) as first:
                    await first.receive(timeout=30)  # the first tab's app draws
                # its page reloads: that socket has closed, and at once another opens
                async with session.ws_connect(url) as again:
                    return await again.receive(timeout=30)

        said = asyncio.run(reload())
        assert said.type != aiohttp.WSMsgType.CLOSE, f"refused: {said.extra!r}"
    assert "the most --max-tabs allows" not in log.read_text(errors="replace")


def test_the_page_gives_the_terminal_the_keyboard_focus():
    # Trainee playtest 7: the name prompt said "type your name", and nothing typed
    # arrived until the trainee clicked the page or pressed Tab.
    from sim.commands.classroom_server import FOCUS_TERMINAL, with_focus_script

    page = "<html><body><div id='terminal'></div></body></html>"
    focused = with_focus_script(page)
    assert focused.index(FOCUS_TERMINAL) < focused.index("</body>")
    assert "#terminal textarea" in FOCUS_TERMINAL and ".focus(" in FOCUS_TERMINAL


def test_the_page_is_as_wide_as_a_phone_and_fits_its_font_before_the_terminal_is_made():
    # lead32: a phone held upright got "too small" (16 px fits some 40 columns), and
    # without a viewport tag it laid the page out 980 px wide, so nothing measured it.
    from sim.commands.classroom_server import FIT_FONT, PHONE_WIDTH, with_focus_script

    page = "<html><head><title>x</title></head><body><div id='terminal'></div></body></html>"
    done = with_focus_script(page)
    assert done.index(PHONE_WIDTH) < done.index("</head>")
    assert 'name="viewport"' in PHONE_WIDTH and "width=device-width" in PHONE_WIDTH
    # before textual.js reads data-font-size at window load, after the terminal's element
    assert done.index("id='terminal'") < done.index(FIT_FONT) < done.index("</body>")
    assert "dataset.fontSize" in FIT_FONT and 'has("fontsize")' in FIT_FONT
    assert with_focus_script("<body></body>").count("viewport") == 0  # no head: left alone


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_the_banner_on_a_real_terminal_has_no_escapes_spelt_out(tmp_path):
    # textual-serve colours its banner for a terminal; peer-sim's gated stdout then
    # spelt every colour out ("\x1b[1;35m___ ____") in the trainer's window.
    import pty

    port = _free_port()
    # a folder name that is Rich markup: a MarkupError ended serve, '[bold]' went unshown
    folder = tmp_path / "m[/bold]x[bold]y"  # two folders: 'm[' and 'bold]x[bold]y'
    folder.mkdir(parents=True)
    master, slave = pty.openpty()
    server = subprocess.Popen(
        [sys.executable, "-m", "sim", "serve", "--port", str(port),
         "--data-dir", str(tmp_path / "data"), "--scenarios", str(folder)],
        stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PEER_SIM_CONFIG_DIR": str(tmp_path / "config"), "TERM": "xterm"},
    )  # fmt: skip
    os.close(slave)
    said = b""
    try:
        end = time.monotonic() + 60
        while b"Press Ctrl+C" not in said and time.monotonic() < end:
            import select

            if select.select([master], [], [], 0.5)[0]:
                try:
                    said += os.read(master, 4096)
                except OSError:
                    break
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        os.close(master)
    text = said.decode(errors="replace")
    assert "Press Ctrl+C to quit" in text and f"127.0.0.1:{port}" in text, text
    assert "\\x1b" not in text and "\x1b" not in text, text
    assert "m[/bold]x[bold]y" in text.replace("\r\n", ""), text
    assert "|  |___ _/\\_" in text and "[not bold]" not in text, text


def _page_urls(port: int, host_header: str | None = None, address: str = "127.0.0.1") -> set:
    import re

    request = urllib.request.Request(f"http://{address}:{port}/")
    if host_header is not None:
        request.add_header("Host", host_header)
    with urllib.request.urlopen(request, timeout=10) as page:
        html = page.read().decode()
    return {u for u in re.findall(r"(?:https?|wss?)://[^\"'<> ]+", html) if ":" + str(port) in u}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_the_page_loads_from_the_address_the_browser_used(tmp_path):
    """Without --public-url the page named http://HOST:PORT for its scripts and socket:
    with --host 0.0.0.0 (a room's machines) no trainee's browser could load those, and
    with --host ::1 'http://::1:8000' is no URL at all (adversarial-24)."""
    with _serving(tmp_path) as (_server, port):
        urls = _page_urls(port, f"class.lan:{port}")
        assert f"ws://class.lan:{port}/ws" in urls, urls
        assert all(u.startswith(f"http://class.lan:{port}/") for u in urls if "/static/" in u)
        # a Host that is not a plain host[:port] never reaches the page
        assert all("evil" not in u for u in _page_urls(port, 'evil"><script>x'))


def test_a_page_address_is_only_a_plain_host():
    from sim.commands.classroom_server import page_address

    default = "http://127.0.0.1:8000"
    assert page_address("http", "10.0.0.5:8000", default) == "http://10.0.0.5:8000"
    assert page_address("http", "[fe80::1]:8000", default) == "http://[fe80::1]:8000"
    for host in ('a"b', "a b", "a/b", "a<b>", "", None, "x:1:2", "[::1]x"):
        assert page_address("http", host, default) == default
    assert page_address("javascript", "a", default) == default


def test_the_banner_names_the_address_trainees_open_not_0_0_0_0():
    """`serve --host 0.0.0.0` said "Serving ... on http://0.0.0.0:8000": a trainer who wrote
    that on the board sent the class to an address no browser opens (classroom29)."""
    from sim.commands.classroom_server import banner_address

    said = banner_address("0.0.0.0", 8000, "http://0.0.0.0:8000", "10.1.2.3")
    assert "trainees open http://10.1.2.3:8000 " in said
    assert "http://0.0.0.0:8000 is no address a browser opens" in said
    assert "trainees open http://[::]" not in banner_address("::", 8000, "http://[::]:8000", None)
    offline = banner_address("::", 8000, "http://[::]:8000", None)
    assert "trainees open http://THIS-MACHINE'S-ADDRESS:8000" in offline and "not found" in offline
    for host in ("127.0.0.1", "localhost", "10.1.2.3", "class.lan"):
        assert banner_address(host, 8000, f"http://{host}:8000", "10.9.9.9") == (
            f"http://{host}:8000"
        )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_serve_on_every_address_prints_this_machine_s(tmp_path):
    from sim.commands.classroom_server import network_address

    with _serving(tmp_path, "--host", "0.0.0.0"):
        pass
    said = " ".join((tmp_path / "serve.log").read_text(errors="replace").split())
    assert "WARNING: listening on 0.0.0.0" in said  # the warning stays
    assert "on http://0.0.0.0:" not in said, said
    lan = network_address()
    assert f"trainees open http://{lan or 'THIS-MACHINE'}" in said, said


@pytest.mark.parametrize(
    ("asked", "drawn"),
    [("0", "8"), ("1", "8"), ("-5", "8"), ("12", "12"), ("100000", "64"), ("9" * 40, "64")],
)
def test_a_font_size_the_page_cannot_draw_is_kept_to_one_it_can(asked, drawn):
    assert legible_font_size(asked) == drawn


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_the_page_asked_for_at_font_size_0_or_100000_gets_one_it_can_draw(tmp_path):
    """`?fontsize=0` (or 1, or 100000) reached the page's terminal as it was, which
    failed to start (or had no column): a blank page, nothing said (adversarial-33)."""
    import re

    with _serving(tmp_path) as (_server, port):
        for asked, drawn in (("0", "8"), ("100000", "64"), ("20", "20"), ("abc", "16")):
            url = f"http://127.0.0.1:{port}/?fontsize={asked}"
            with urllib.request.urlopen(url, timeout=10) as page:
                html = page.read().decode()
            assert re.findall(r'data-font-size="([^"]*)"', html) == [drawn], (asked, html[:300])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_the_banner_names_the_records_store_the_class_plays_into(tmp_path):
    """trainer38: served with PEER_SIM_DATA_DIR (or no folder at all), the banner named no
    records store, and the trainer had to guess which one `report` should read."""
    with _serving(tmp_path):
        pass
    said = " ".join((tmp_path / "serve.log").read_text(errors="replace").split())
    assert f"Records: {tmp_path / 'data' / 'records.db'} (report, progress" in said, said


def test_a_log_line_longer_than_80_columns_stays_one_line(monkeypatch):
    """report39: stdout a file or a pipe, Rich laid each record out 80 columns wide, so an
    access line broke after its status and `grep Firefox serve.log` found half of it."""
    import io
    import logging

    from sim.commands.classroom_server import ClassroomServer

    monkeypatch.delenv("PEER_SIM_DEBUG", raising=False)
    monkeypatch.setattr(logging.root, "handlers", [])  # pytest's own: basicConfig adds none
    server = ClassroomServer("peer-sim")
    server.console.file = io.StringIO()
    try:
        server.initialize_logging()
        access = (
            '127.0.0.1 [04/Dec/2026:13:30:00 +0000] "GET /?fontsize=16 HTTP/1.1" 200 5000 "-" '
            '"Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"'
        )
        logging.getLogger("aiohttp.access").info(access)
        try:
            raise ConnectionResetError("peer gone")
        except ConnectionResetError:
            logging.getLogger("aiohttp.server").exception("Error handling request")
    finally:
        for handler in logging.root.handlers:
            handler.close()
    assert server.console.file.getvalue().splitlines() == [
        f"INFO     {access}",
        "ERROR    Error handling request (ConnectionResetError: peer gone)",
    ]


def test_the_page_is_titled_so_its_browser_tab_says_peer_sim():
    # browser44: textual-serve's page had no <title>; the tab read "127.0.0.1:8000/"
    from sim.commands.classroom_server import PAGE_TITLE, with_focus_script

    page = "<html><head><link rel='x'></head><body><div id='terminal'></div></body></html>"
    done = with_focus_script(page)
    assert done.count(PAGE_TITLE) == 1 and done.index(PAGE_TITLE) < done.index("</head>")
    titled = "<html><head><title>Class</title></head><body></body></html>"
    assert PAGE_TITLE not in with_focus_script(titled)  # one of its own is kept


def test_the_served_page_is_titled(tmp_path):
    with (
        _serving(tmp_path) as (_server, port),
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r,
    ):
        page = r.read().decode("utf-8")
    assert page.count("<title>") == 1 and "<title>peer-sim</title>" in page
