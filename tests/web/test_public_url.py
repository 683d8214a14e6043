"""`--public-url`: one front address, a reverse proxy with a login, the app behind it.

The README's Classroom section puts `peer-sim serve` on loopback behind a proxy and
gives `--public-url` the address browsers open. That address is written into the
page for its scripts and its websocket, so it must be the proxy's, path and all:
here nginx (with basic auth, as the README's example) serves the class under
/class/ on its own port, and Chromium, logging in, plays through it; the page's
addresses name the front address and never the port behind it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_browser import ARGS, CHROMIUM, Tab, _free_port
from .test_proxy_examples import block
from .waits import WAIT, wait_until

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None or not os.path.exists(CHROMIUM),
    reason="needs nginx and Chromium (apt-get install -y nginx chromium)",
)


def _wait(url: str, proc: subprocess.Popen, log: Path, auth: str = "") -> bytes:
    """The page at `url`, once `proc` (serve, or nginx) answers, up to WAIT seconds."""

    def page() -> tuple[bytes] | None:  # a tuple: an empty page is an answer too
        if proc.poll() is not None:
            pytest.fail(f"exited: {log.read_text()}")
        request = urllib.request.Request(url)
        if auth:
            request.add_header("Authorization", auth)
        try:
            with urllib.request.urlopen(request, timeout=1) as r:
                return (r.read(),)
        except OSError:
            return None

    answer = wait_until(page)
    if answer is None:
        pytest.fail(f"{url} did not answer in {WAIT:.0f} s: {log.read_text()}")
    return answer[0]


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def behind_nginx(tmp_path: Path) -> Iterator[tuple[str, Path, int]]:
    """(the front address, the records folder, serve's own port)."""
    back, front = _free_port(), _free_port()
    public = f"http://127.0.0.1:{front}/class"
    data = tmp_path / "data"
    env = {**os.environ, "PEER_SIM_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("PEER_SIM_DATA_DIR", None)
    serve_log = tmp_path / "serve.log"
    with open(serve_log, "wb") as log:
        serve = subprocess.Popen(
            [sys.executable, "-m", "sim", "serve", "--host", "127.0.0.1", "--port", str(back),
             "--public-url", public, "--data-dir", str(data)],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
        )  # fmt: skip
    hashed = subprocess.run(
        ["openssl", "passwd", "-apr1", "classroom"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (tmp_path / "htpasswd").write_text(f"trainee:{hashed}\n")
    temp = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # the README's location block as it stands, in a server on plain HTTP at a free port
    location = block("location /class/ {")
    assert "http://127.0.0.1:8000/;" in location
    location = location.replace("127.0.0.1:8000", f"127.0.0.1:{back}")
    # started as root, nginx's workers are `nobody`, who cannot read a private temp folder
    user = "user root; " if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; "
        f"events {{}}\nhttp {{ access_log off; {temp}\n"
        f"server {{ listen 127.0.0.1:{front};\n"
        f'  auth_basic "peer-sim"; auth_basic_user_file {tmp_path}/htpasswd;\n'
        f"{location} }} }}\n"
    )
    nginx_log = tmp_path / "error.log"
    nginx = subprocess.Popen(
        ["nginx", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{back}/", serve, serve_log)
        nginx_log.touch()
        import base64

        auth = "Basic " + base64.b64encode(b"trainee:classroom").decode()
        _wait(f"{public}/", nginx, nginx_log, auth)
        yield public, data, back
    finally:
        _stop(nginx)
        _stop(serve)


def test_a_class_behind_a_proxy_with_a_login_plays_at_its_one_front_address(
    behind_nginx, tmp_path
) -> None:
    public, data, back = behind_nginx
    front = public.rsplit("/", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:  # no password: the proxy says no
        urllib.request.urlopen(f"{public}/", timeout=5)
    assert refused.value.code == 401

    # the page served behind names the front address for its scripts and its socket
    with urllib.request.urlopen(f"http://127.0.0.1:{back}/", timeout=5) as r:
        page = r.read().decode()
    assert f'"{public}/static/js/textual.js"' in page, page
    assert f"ws://127.0.0.1:{front.rsplit(':', 1)[1]}/class/ws" in page, page
    assert f":{back}" not in page

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(  # the trainee logs in at the proxy
                http_credentials={"username": "trainee", "password": "classroom"},
                viewport={"width": 1100, "height": 700},
            )
            tab = Tab(_LoggedIn(context), f"{public}/")
            tab.name("Proxied Pat")
            tab.wait_for("First Meeting")  # the library, through the proxy's websocket
            tab.page.screenshot(path=str(tmp_path / "behind-nginx.png"))
            tab.keys("Enter")  # First Meeting, past its content notes, to its first line
            tab.wait_for("Content notes")
            tab.keys("Enter")
            tab.wait_for("Continue")
            tab.keys("Space")
            tab.wait_for("babysitter")
            tab.keys("1")
            # recorded at its first line, for the trainee named
            wait_until(lambda: _runs(data))
            tab.page.close()
        finally:
            browser.close()
    assert [(r.trainee, r.scenario_id) for r in _runs(data)] == [("Proxied Pat", "first-meeting")]


class _LoggedIn:
    """A browser context where `Tab` expects a browser: its pages carry the login."""

    def __init__(self, context) -> None:  # noqa: ANN001
        self.context = context

    def new_page(self, viewport: dict) -> object:  # noqa: ARG002 (the context sets it)
        return self.context.new_page()


def _runs(data: Path) -> list:
    from sim.records import Store

    store = Store.open(data)
    store.trainee = None
    return store.runs()
