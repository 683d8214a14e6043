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
  to quit as a closed tab does, so its run is saved and offered for resume.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.server import Server

MAX_COLUMNS = 1000  # wider than any browser window in characters
MAX_ROWS = 500


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
        return len(rest) == 1 and isinstance(rest[0], str)
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


class ClassroomServer(Server):
    """textual-serve's Server, hardened for a room (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sockets: set[web.WebSocketResponse] = set()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        query = dict(request.query)
        query["width"] = str(_size(query.get("width", "80"), 80, MAX_COLUMNS))
        query["height"] = str(_size(query.get("height", "24"), 24, MAX_ROWS))
        return await super().handle_websocket(
            request.clone(rel_url=request.rel_url.with_query(query))
        )

    async def _process_messages(self, websocket: Any, app_service: Any) -> None:
        self._sockets.add(websocket)
        try:
            await super()._process_messages(_WellFormed(websocket), app_service)
        finally:
            self._sockets.discard(websocket)

    async def on_shutdown(self, app: web.Application) -> None:
        # Closing each socket ends its message loop, and textual-serve then tells
        # that tab's app to quit; without this, shutdown waited on every open tab.
        for websocket in list(self._sockets):
            await websocket.close(code=1001, message=b"peer-sim serve is stopping")
        await super().on_shutdown(app)
