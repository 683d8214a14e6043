"""The README's reverse-proxy examples (Classroom) are read by the proxies themselves.

A trainer copies these blocks as they are; the Caddy one once used `basic_auth`,
which the Caddy that Debian and Ubuntu ship (2.6) does not know. Each test
runs only where that proxy is installed (`apt-get install caddy nginx`); both
were also tried end to end by hand, a browser playing through them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

README = Path(__file__).parents[2] / "README.md"


def block(opening: str) -> str:
    """The README code block that starts with `opening`."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", README.read_text(), re.S)
    return next(b for b in blocks if b.startswith(opening))


@pytest.mark.skipif(shutil.which("caddy") is None, reason="caddy is not installed")
def test_the_caddy_example_is_a_valid_caddyfile(tmp_path: Path) -> None:
    hashed = subprocess.run(
        ["caddy", "hash-password", "--plaintext", "classroom"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    text = block("class.example.org {").replace("$2a$14$...hash...", hashed)
    (tmp_path / "Caddyfile").write_text(text)
    done = subprocess.run(
        ["caddy", "adapt", "--config", str(tmp_path / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert '"handler":"authentication"' in done.stdout and "127.0.0.1:8000" in done.stdout


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_the_nginx_example_is_a_valid_server_block(tmp_path: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=class.example.org", "-keyout", str(tmp_path / "key.pem"),
         "-out", str(tmp_path / "cert.pem")],
        capture_output=True, check=True,
    )  # fmt: skip
    server = block("server {").replace(
        "# ssl_certificate ... ssl_certificate_key ...",
        f"ssl_certificate {tmp_path}/cert.pem; ssl_certificate_key {tmp_path}/key.pem;",
    )
    server = server.replace("/etc/nginx/peer-sim.htpasswd", str(tmp_path / "htpasswd"))
    (tmp_path / "htpasswd").write_text("trainee:$apr1$x$y\n")
    temp = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ access_log off; {temp}\n{server}\n}}\n"
    )
    done = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "proxy_set_header Upgrade $http_upgrade" in server  # the terminal is a websocket
