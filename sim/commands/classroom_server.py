"""textual-serve's server, with what a classroom on a shared port needs besides.

`peer-sim serve` may listen on a network (`--host`), where anyone who can reach
the port can open the websocket and send what they like. textual-serve as it
stands:

- printed a traceback with its locals in the trainer's terminal for every
  message that was not the JSON it expects (a list, a string for keys, numbers
  for a size), one per message, so one careless or hostile client could bury
  the console; such messages are now dropped unread;
- passed any size on to the tab's app: a tab asking for 100,000 x 100,000
  grew to hundreds of MB before drawing anything; sizes are now kept to what a
  browser window can have;
- on Ctrl+C waited for every open tab's websocket (up to a minute) before
  stopping, with nothing said; the tabs are now closed at once, each app told
  to quit as a closed tab does, so its run is saved and offered for resume;
- stopped reading a tab's screen for good when one write to its websocket
  failed (a client that stopped reading, then dropped the connection): the
  app then blocked on its full output pipe for ever, a process holding the
  trainee's run as being played. The screen is now read and dropped once the
  client is gone, the app is told to quit, and one that has not ended 10 s
  later is stopped (adversarial-6);
- printed a traceback, with its locals, in the trainer's terminal for every
  malformed HTTP request (a scanner, a bad header), a plain GET of /ws and a
  dropped connection; each is now one line;
- started a process (some 60 MB) for every websocket opened, without limit:
  a script opening hundreds could exhaust the trainer's machine. Tabs beyond
  `max_tabs` are refused with a sentence, and the trainer is told once; a tab
  beyond them first waits a few seconds for a place, so that a page reloaded in
  a full class gets the place its own closing tab is giving up;
- left the page without the keyboard's focus: the name prompt asked a trainee
  to type, and nothing they typed arrived until they clicked the page or
  pressed Tab; the terminal now takes the focus as it appears;
- named `http://0.0.0.0:8000` in its banner for `--host 0.0.0.0`, an address no
  trainee's browser can open; the banner now names this machine's address on its
  network, the one to write on the board;
- coloured its banner and log lines for the terminal, but peer-sim's stdout is
  gated (no control sequence from untrusted text reaches a terminal), so a
  trainer saw `\x1b[1;35m` spelt out before every line (trainee playtest 11).
  Its console now writes plain text, which the gate passes unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import WSMsgType, web
from rich.logging import RichHandler
from rich.text import Text
from textual_serve.server import Server

from sim.text import brief, shown, whole_number

MAX_COLUMNS = 1000  # wider than any browser window in characters
MAX_ROWS = 500
QUIT_GRACE = 10.0  # seconds a tab's app has to end after its client is gone
MAX_TABS = 60  # tabs open at once, each its own app process (`peer-sim serve --max-tabs`)
FULL_WAIT = 6.0  # seconds a tab beyond them waits for a place (a reloaded page's app to end)
FULL_POLL = 0.1


def _size(value: object, default: int, largest: int) -> int:
    """A terminal dimension from a client: a whole number from 1 to `largest`."""
    if isinstance(value, str):
        try:
            value = int(value)
        except ValueError:
            return default
    if not isinstance(value, int) or isinstance(value, bool):
        return default
    return max(1, min(value, largest))


# `?fontsize=N` as a page can draw it. textual-serve passed any whole number on: at 0 or 1
# px the page's terminal failed to start ("Cannot read properties of undefined (reading
# 'cols')") and at 100000 it had no column; each left a blank page with nothing said
# (adversarial-33). Below 8 px the app is unreadable (FIT_FONT's floor); 64 px fits the
# app's 60 columns on a 2,400 px screen, and is far larger than anyone asks for.
FONT_SIZES = (8, 64)


def legible_font_size(asked: str) -> str:
    """The `fontsize` asked for, kept to FONT_SIZES; words that are no number are left as
    they are (textual-serve then uses its default, 16)."""
    text = asked.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if re.fullmatch(r"[0-9]+", digits) is None:
        return asked
    low, high = FONT_SIZES
    size = whole_number(digits, 4)  # no int() of thousands of digits
    if size is None:
        return str(low if text.startswith("-") else high)
    return str(max(low, min(-size if text.startswith("-") else size, high)))


def well_formed(text: str) -> bool:
    """Is this websocket text one of the envelopes textual-serve handles, of the right types?"""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return False
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return False
    kind, rest = envelope[0], envelope[1:]
    if kind == "stdin":
        # text that cannot be UTF-8 (a lone surrogate, "\ud800" in the JSON) raised in
        # textual-serve's encode and ended the tab's app (adversarial-10)
        return len(rest) == 1 and isinstance(rest[0], str) and _utf8(rest[0])
    if kind == "resize":
        return (
            len(rest) == 1
            and isinstance(rest[0], dict)
            and all(
                isinstance(rest[0].get(key), int) and not isinstance(rest[0].get(key), bool)
                for key in ("width", "height")
            )
        )
    if kind == "ping":
        return len(rest) == 1
    return kind in ("blur", "focus")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clamped_resize(text: str) -> str:
    """A well-formed resize envelope with its size kept to what a browser can have."""
    envelope = json.loads(text)
    if envelope[0] != "resize":  # ["focus"] and ["blur"] have one element
        return text
    kind, size = envelope
    return json.dumps(
        [
            kind,
            {
                "width": _size(size["width"], 80, MAX_COLUMNS),
                "height": _size(size["height"], 24, MAX_ROWS),
            },
        ]
    )


class _Message:
    """A websocket message with its text replaced (aiohttp's WSMessage is a named tuple)."""

    def __init__(self, message: Any, data: str) -> None:
        self._message = message
        self.data = data
        self.type = message.type

    def json(self) -> Any:
        return json.loads(self.data)


class _WellFormed:
    """The websocket as textual-serve reads it: malformed texts dropped, sizes kept sane."""

    def __init__(self, websocket: web.WebSocketResponse) -> None:
        self._websocket = websocket

    def __getattr__(self, name: str) -> Any:
        return getattr(self._websocket, name)

    async def __aiter__(self):  # noqa: ANN204 - an async generator of messages
        async for message in self._websocket:
            if message.type != WSMsgType.TEXT:
                continue
            if well_formed(message.data):
                yield _Message(message, clamped_resize(message.data))


def _dropping(write: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[None]]:
    """`write` to a tab's websocket, doing nothing once the client is gone.

    textual-serve's reader of the app's screen died on the first failed write,
    and with nobody reading it the app blocked on its output pipe for ever.
    """

    async def write_or_drop(*args: Any) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await write(*args)

    return write_or_drop


class _OneLine(logging.Filter):
    """A log record with an exception becomes one line: no traceback or locals.

    What a client sends (a malformed request, a connection dropped midway) is
    not a bug in the server, and a traceback per request could bury the
    trainer's console. PEER_SIM_DEBUG=1 keeps the tracebacks.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            record.msg = f"{brief(record.getMessage(), 200)} ({type(exc).__name__}: " + (
                f"{brief(' '.join(str(exc).split()), 200)})"
            )
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


class _LogLine(RichHandler):
    """A log record as one line, however long: 'INFO     127.0.0.1 ... "GET / HTTP/1.1" 200 ...'.

    RichHandler lays a record out as a table as wide as the console (80 columns when
    stdout is a file or a pipe), so an access line broke after its status and went on
    indented below, and `grep ' 404 '` or `grep Firefox` found half of it (report39).
    A traceback (PEER_SIM_DEBUG=1) is still RichHandler's own.
    """

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            super().emit(record)
            return
        try:
            # Text: no markup, and its control characters dropped (a request's path is
            # anyone's); soft_wrap: no line breaks put in, nothing cropped
            line = Text(f"{record.levelname:<8} {self.format(record)}")
            self.console.print(line, soft_wrap=True)
        except Exception:
            self.handleError(record)


# The terminal (xterm.js) takes keys through a hidden textarea that textual.js
# creates once the page has loaded; focus it as soon as it exists, and again when
# the window comes back to the front.
FOCUS_TERMINAL = """<script>
(function () {
  function focusTerminal() {
    var box = document.querySelector("#terminal textarea");
    if (box) { box.focus({ preventScroll: true }); }
    return !!box;
  }
  var tries = 0;
  var timer = setInterval(function () {
    if (focusTerminal() || ++tries > 200) { clearInterval(timer); }
  }, 50);
  window.addEventListener("focus", focusTerminal);
})();
</script>
"""


# A phone held upright (390 CSS px) fits some 40 columns at textual-serve's 16 px font,
# and the app (60x18 at least) said only that the window was too small (browser30,
# lead32). The page's terminal is made at load with the font size its element says
# (`data-font-size`); this runs before that and, unless the address asks for a size
# (`?fontsize=N`, textual-serve's own), lowers it until 62 columns and 19 rows fit the
# window, never below 8 px (a phone 320 px wide, the narrowest in use, fits 59 columns at
# 9 px and 66 at 8, which its two or three device pixels to a CSS pixel keep legible;
# smaller is unreadable: the app then says it is too small)
# and never above the 16 px the page would use anyway. A cell is taken as 0.62 of the
# font size wide and 1.25 high, a little over what monospace fonts measure, so the
# columns are never fewer than counted.
# A phone turned after the page loaded (sideways to upright) kept the font fitted to the
# first window and got "too small", and one turned the other way a font smaller than it
# needed (lead33). textual-serve's page makes its terminal out of reach of other scripts
# and, on a resize, only fits the columns to the font. So FIT_FONT catches the page's
# terminal object as textual.js makes it (the first object given a `fitAddon`, caught
# once by a setter that then removes itself, and removed at load in any case) and, when
# the window changes, sets its font to the size fitted to the new window before the page
# fits the columns. Should textual.js change, nothing is caught: the font stays as
# fitted at load, as before.
# The terminal took every key for the app, F5 and ctrl+r too: a trainee who pressed them
# to reload the page (to get a stuck-looking tab back, say) saw nothing happen, the keys
# sent to an app with no use for them (browser44). The terminal caught here (with
# `?fontsize=N` too) leaves those to the browser, and the page reloads: the trainee names
# themself again and is offered the run to resume.
# Without a viewport tag a phone lays the page out 980 px wide and shows it shrunk or
# cut off, so FIT_FONT measured a desktop's width there: with it, the page is as wide as
# the phone, and the font is fitted to that.
PHONE_WIDTH = '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
# textual-serve's page has no title: the browser's tab read "127.0.0.1:8000/", and a
# trainee with the app, the README and a form open could not tell which tab was which
# (browser44). Added to its head, unless it has one.
PAGE_TITLE = "<title>peer-sim</title>\n"
FIT_FONT = """<script>
(function () {
  var box = document.getElementById("terminal");
  if (!box) { return; }
  var asked = new URLSearchParams(window.location.search).has("fontsize");
  function fitted() {
    // the window as the page lays out in it: a phone zooms out over a page wider than
    // itself (as the terminal is, just after a turn), so innerWidth is the page's width
    var root = document.documentElement;
    var wide = root.clientWidth || window.innerWidth;
    var high = root.clientHeight || window.innerHeight;
    if (!(wide > 0 && high > 0)) { return 0; }
    var size = Math.min(16, Math.floor(wide / (62 * 0.62)), Math.floor(high / (19 * 1.25)));
    return Math.max(8, size);
  }
  var first = asked ? 0 : fitted();
  if (first) { box.dataset.fontSize = String(first); }
  var page = null;
  // F5 and ctrl+r (with shift too) are the browser's, to reload the page: the terminal
  // took them as keys for the app, which has none for them, so nothing happened
  function browserKeys(terminal) {
    if (typeof terminal.attachCustomKeyEventHandler !== "function") { return; }
    terminal.attachCustomKeyEventHandler(function (event) {
      var reload = event.key === "F5" || (event.ctrlKey && !event.altKey && !event.metaKey &&
        (event.key === "r" || event.key === "R"));
      return !reload;  // false: the terminal leaves the key alone, and the browser has it
    });
  }
  function letGo() { delete Object.prototype.fitAddon; }
  Object.defineProperty(Object.prototype, "fitAddon", {
    configurable: true,
    set: function (value) {
      Object.defineProperty(this, "fitAddon", {
        value: value, writable: true, configurable: true, enumerable: true
      });
      if (!page && this.terminal && this.terminal.options && typeof this.fit === "function") {
        page = this;
        browserKeys(this.terminal);
      }
      letGo();
    }
  });
  window.addEventListener("load", function () { setTimeout(letGo, 0); });
  window.addEventListener("resize", function () {
    if (asked) { return; }
    var size = fitted();
    if (!page || !size || Number(page.terminal.options.fontSize) === size) { return; }
    page.terminal.options.fontSize = size;
    page.fit();
  });
})();
</script>
"""


# When the server closes a tab's websocket it says why (the class is full, the trainer
# stopped the class), but the page showed only "Session ended." and a Restart button,
# which at a full class fails again (trainer-test-3). The page's socket is made by
# textual.js at load; this wraps the WebSocket constructor before that, so a close
# whose reason is one of ours ("peer-sim: ...") puts the reason in that dialog, as text.
SAY_WHY_CLOSED = """<script>
(function () {
  var Native = window.WebSocket;
  if (!Native) { return; }
  function Saying(url, protocols) {
    var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("close", function (event) {
      var ours = "peer-sim: ";
      var box = document.querySelector(".closed-dialog .message");
      if (box && event.reason && event.reason.indexOf(ours) === 0) {
        box.textContent = event.reason.slice(ours.length);
      }
    });
    return socket;
  }
  Saying.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Saying[k] = Native[k]; });
  window.WebSocket = Saying;
})();
</script>
"""
CLASS_FULL = "peer-sim: Sorry, the class is full. Try again when someone has finished."
CLASS_STOPPED = "peer-sim: The trainer has stopped the class. Anything you played is saved."
# A trainee's ctrl+q (or Quit in the palette) ended the tab's app, and the page said only
# "Session ended.": a trainee at a shared machine could not tell whether their run was
# lost, or what Restart would do. Each move is saved as it is made.
APP_CLOSED = "peer-sim: peer-sim has closed; what you played is saved. Restart opens it again."


def with_focus_script(html: str) -> str:
    """The index page with FIT_FONT, FOCUS_TERMINAL and SAY_WHY_CLOSED before its closing
    body tag (at the end if it has none), and PHONE_WIDTH (and PAGE_TITLE, when it has no
    title) in its head: textual-serve's
    template is not ours to edit, so they are added to what it renders."""
    scripts = FIT_FONT + FOCUS_TERMINAL + SAY_WHY_CLOSED
    at = html.rfind("</body>")
    html = html + scripts if at < 0 else html[:at] + scripts + html[at:]
    head = html.find("</head>")
    if head < 0:
        return html
    titled = re.search(r"<title[\s>]", html[:head], re.IGNORECASE) is not None
    return html[:head] + PHONE_WIDTH + ("" if titled else PAGE_TITLE) + html[head:]


_HOST_HEADER = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def page_address(scheme: str, host: str | None, default: str) -> str:
    """The base URL a page's scripts and socket use: the scheme and Host the browser sent,
    when that is a plain host[:port]; else `default` (nothing else reaches the page)."""
    if scheme in ("http", "https") and host and _HOST_HEADER.fullmatch(host):
        return f"{scheme}://{host}"
    return default


def network_address() -> str | None:
    """This machine's address on the network its default route leaves by, or None.

    A UDP socket "connected" to an address sends nothing; the system only chooses
    the interface it would use. 192.0.2.1 is a documentation address (RFC 5737),
    never a real host. None when the machine has no route out (offline).
    """
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith(("127.", "0.")) else address


def banner_address(host: str, port: int, url: str, lan: str | None) -> str:
    """Where the banner says the class is served: `url`, unless `host` is every address
    (0.0.0.0 or ::) and no --public-url was given, where `url` is http://0.0.0.0:PORT,
    which no browser opens; then this machine's address on its network (`lan`).

    A trainer writes the banner's address on the board; the trainees' pages already
    work at any address they use (`page_address`)."""
    import ipaddress

    try:
        everywhere = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        everywhere = False
    if not everywhere:
        return url
    where = f"http://{lan}:{port}" if lan else f"http://THIS-MACHINE'S-ADDRESS:{port}"
    return (
        f"every address of this machine, port {port}: trainees open {where} "
        f"(this machine's address on its network{'' if lan else ', which was not found'}; "
        f"http://{host if ':' not in host else f'[{host}]'}:{port} is no address a browser opens)"
    )


class ClassroomServer(Server):
    """textual-serve's Server, hardened for a room (see the module docstring)."""

    def __init__(
        self, *args: Any, max_tabs: int = MAX_TABS, records: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The store's file: the banner named none, and a class served with PEER_SIM_DATA_DIR
        # (or none) left the trainer to guess which store `report` should read (trainer38).
        self.records = records
        from rich.console import Console  # textual-serve's own dependency

        # plain text (see the module docstring), and never markup: the banner quotes the
        # command, whose folder names are the trainer's ('m[/bold]x' ended serve with a
        # MarkupError, and '[bold]' went missing from the path shown; adversarial-11)
        self.console = Console(color_system=None, markup=False, highlight=False)
        self._sockets: set[web.WebSocketResponse] = set()
        self._watchdogs: set[asyncio.Task[None]] = set()
        self.max_tabs = max_tabs
        # no --public-url given: each page is given the address its request came to
        self.from_request = kwargs.get("public_url") is None
        if self.from_request and ":" in self.host:  # an IPv6 address: http://[::1]:8000
            self.public_url = f"http://[{self.host}]:{self.port}"
        self.default_url = self.public_url
        self._tabs = 0  # websockets being served, from the upgrade until their app has ended
        self._full_said = False

    def initialize_logging(self) -> None:
        # textual-serve's own set-up (Server.initialize_logging, which subclasses may
        # override), with _LogLine for its RichHandler: one line a record
        from textual_serve.server import LogHighlighter

        logging.basicConfig(
            level="DEBUG" if self.debug else "INFO",
            format="%(message)s",
            datefmt="[%X]",
            handlers=[
                _LogLine(
                    show_path=False,
                    show_time=False,
                    rich_tracebacks=True,
                    tracebacks_show_locals=True,
                    highlighter=LogHighlighter(),
                    console=self.console,
                )
            ],
        )
        if not os.environ.get("PEER_SIM_DEBUG"):
            for handler in logging.getLogger().handlers:
                handler.addFilter(_OneLine())

    async def on_startup(self, app: web.Application) -> None:
        # textual-serve's banner (its own on_startup prints only that), without its markup:
        # the banner names the command as the trainer gave it
        from textual_serve.server import LOGO

        self.console.print(Text.from_markup(LOGO).plain)  # textual-serve's own, trusted
        where = self.public_url
        if self.from_request:  # no --public-url: 0.0.0.0 is not where trainees go
            where = banner_address(self.host, self.port, self.public_url, network_address())
        self.console.print(f"Serving {self.command!r} on {where}")
        if self.records is not None:
            self.console.print(
                f"Records: {shown(self.records)} (report, progress, runs and export read "
                "them with the same --data-dir or PEER_SIM_DATA_DIR)",
                soft_wrap=True,  # a path broken across lines cannot be copied
            )
        self.console.print("\nPress Ctrl+C to quit")
        if os.name == "posix" and not self.command.startswith("exec "):
            # The shell textual-serve starts each tab with then becomes the app, so
            # the process it holds is the app's and a stuck one can be stopped.
            self.command = f"exec {self.command}"

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        if self.from_request:
            # no --public-url: the page's scripts and socket at the address the browser
            # used. textual-serve wrote http://HOST:PORT into the page, and for
            # --host 0.0.0.0 or :: (a room's machines) no browser can load that, nor
            # http://::1:8000 for --host ::1 (adversarial-24). Set and read with no
            # await between, so each page gets its own request's address.
            self.public_url = page_address(request.scheme, request.host, self.default_url)
        asked = request.query.get("fontsize")
        if asked is not None and legible_font_size(asked) != asked:
            request = request.clone(
                rel_url=request.rel_url.update_query(fontsize=legible_font_size(asked))
            )
        response = await super().handle_index(request)  # rendered by its template decorator
        if isinstance(response, web.Response) and response.text is not None:
            response.text = with_focus_script(response.text)
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not web.WebSocketResponse().can_prepare(request).ok:
            # a plain GET of /ws (a scanner, a link followed) printed a traceback
            return web.Response(
                status=400, text="peer-sim: this address is the app's websocket; open / instead.\n"
            )
        if not await self._a_place(FULL_WAIT):
            return await self._refuse(request)
        self._tabs += 1  # no await since the place was seen: no other tab can take it
        try:
            return await self._serve_tab(request)
        finally:
            self._tabs -= 1

    async def _a_place(self, wait: float) -> bool:
        """Whether a tab may open, waiting up to `wait` seconds for one to close.

        A tab's place is freed when its app has ended, a second or two after its page
        went: a trainee who reloaded the page in a full class was told at once "the class
        is full", their own closing tab holding the place (adv28). Polled, and only
        while the class is full.
        """
        waited = 0.0
        while self._tabs >= self.max_tabs:
            if waited >= wait:
                return False
            await asyncio.sleep(FULL_POLL)
            waited += FULL_POLL
        return True

    async def _refuse(self, request: web.Request) -> web.WebSocketResponse:
        """Close a websocket beyond `max_tabs` at once, saying why (the page shows it ended)."""
        if not self._full_said:
            self._full_said = True
            logging.getLogger("textual-serve").warning(
                "peer-sim serve: %d tabs are open, the most --max-tabs allows; further tabs are "
                "refused until one closes (this is said once)",
                self.max_tabs,
            )
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        await websocket.close(code=1013, message=CLASS_FULL.encode())
        return websocket

    async def _serve_tab(self, request: web.Request) -> web.StreamResponse:
        query = dict(request.query)
        query["width"] = str(_size(query.get("width", "80"), 80, MAX_COLUMNS))
        query["height"] = str(_size(query.get("height", "24"), 24, MAX_ROWS))
        return await super().handle_websocket(
            request.clone(rel_url=request.rel_url.with_query(query))
        )

    async def _process_messages(self, websocket: Any, app_service: Any) -> None:
        self._sockets.add(websocket)
        for name in ("remote_write_bytes", "remote_write_str"):
            setattr(app_service, name, _dropping(getattr(app_service, name)))
        # textual-serve calls remote_close only when the app itself has exited
        app_service.remote_close = _dropping(
            functools.partial(websocket.close, code=1000, message=APP_CLOSED.encode())
        )
        try:
            await super()._process_messages(_WellFormed(websocket), app_service)
        finally:
            self._sockets.discard(websocket)
            watchdog = asyncio.get_running_loop().create_task(self._end_if_stuck(app_service))
            self._watchdogs.add(watchdog)
            watchdog.add_done_callback(self._watchdogs.discard)

    @staticmethod
    async def _end_if_stuck(app_service: Any) -> None:
        """Stop a tab's app that has not ended QUIT_GRACE seconds after its client went.

        textual-serve has told it to quit by now; its run is saved after every
        move, so ending it loses nothing and lets the run be offered for resume.
        """
        process = getattr(app_service, "_process", None)
        if process is None:
            return
        for stop in (process.terminate, process.kill):
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
                return
            except asyncio.TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    stop()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(process.wait(), QUIT_GRACE)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.on_cleanup.append(self._reap_tabs)
        return app

    async def _reap_tabs(self, app: web.Application) -> None:
        """Wait, at Ctrl+C, for every tab's app to end (each watchdog stops a stuck one).

        aiohttp cancels what is still running once its handlers are done and closes
        the loop; a tab's process not yet waited for was then closed by the garbage
        collector on a closed loop, and under load the trainer's terminal showed
        "RuntimeError: Event loop is closed" as the class stopped.
        """
        if self._watchdogs:
            await asyncio.gather(*self._watchdogs, return_exceptions=True)

    async def on_shutdown(self, app: web.Application) -> None:
        # Closing each socket ends its message loop, and textual-serve then tells
        # that tab's app to quit; without this, shutdown waited on every open tab.
        for websocket in list(self._sockets):
            await websocket.close(code=1001, message=CLASS_STOPPED.encode())
        await super().on_shutdown(app)
