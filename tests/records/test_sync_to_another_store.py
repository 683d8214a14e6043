"""A run marked sent is sent to the record store it was marked for, not to every other.

A programme tries its nightly sync on a staging store, then points it at production: the
runs sent to staging were "already in the record store" for production, which got none of
them (records33).
"""

from __future__ import annotations

import pytest

from sim.cli import main
from sim.records import Store
from sim.records.lrs_url import same_store

from .conftest import play


def _sync(store, url: str | None = None) -> int:
    return main(
        ["sync", "--lrs", url or store.url, "--user", store.user, "--password", store.password]
    )


def test_runs_sent_to_a_staging_store_go_to_production_when_synced_there(
    scoped_lrs, lrs, records_dir, capsys
):
    assert play("first-meeting") == 0
    registration = Store.open().last_finished().registration
    assert _sync(scoped_lrs) == 0  # staging: a key that may send
    capsys.readouterr()

    assert _sync(lrs) == 0  # production
    out = capsys.readouterr().out
    assert "Nothing to send" not in out, out
    assert f"It was sent before to '{scoped_lrs.url}', not to this record store" in out, out
    held = lrs.get(f"?registration={registration}&limit=500")["statements"]
    assert any(s["verb"]["id"].endswith("/completed") for s in held), out

    # now marked for production: a second sync there sends nothing new
    assert _sync(lrs) == 0
    assert "Nothing to send" in capsys.readouterr().out


def test_a_sync_looks_once_at_which_runs_went_to_another_store(
    scoped_lrs, lrs, records_dir, capsys, monkeypatch
):
    # which runs go, and why some go again, came from three looks at every sent run
    assert play("first-meeting") == 0
    assert _sync(scoped_lrs) == 0
    looked = []
    look = Store.sent_elsewhere

    def counted(self, lrs_url):  # noqa: ANN001, ANN202
        looked.append(lrs_url)
        return look(self, lrs_url)

    monkeypatch.setattr(Store, "sent_elsewhere", counted)
    capsys.readouterr()
    assert _sync(lrs) == 0
    assert "sent before to" in capsys.readouterr().out
    assert looked == [lrs.url]


def test_the_same_store_spelt_another_way_is_not_sent_to_again(lrs, records_dir, capsys):
    assert play("first-meeting") == 0
    assert _sync(lrs) == 0
    capsys.readouterr()
    base = lrs.url.rstrip("/")  # http://127.0.0.1:PORT/xAPI
    for url in (base, base + "/statements", base.replace("http://", "HTTP://")):
        assert _sync(lrs, url) == 0
        out = capsys.readouterr().out
        assert "Nothing to send" in out and "sent before to" not in out, (url, out)


@pytest.mark.parametrize(
    ("sent_to", "lrs", "same"),
    [
        ("https://lrs.example.org/xAPI", "https://LRS.example.org:443/xAPI/", True),
        ("http://lrs.example.org/xAPI/statements", "http://lrs.example.org:80/xAPI", True),
        ("https://lrs.example.org/xAPI", "https://staging.example.org/xAPI", False),
        ("https://lrs.example.org/xAPI", "https://lrs.example.org:8443/xAPI", False),
        ("https://lrs.example.org/xAPI", "http://lrs.example.org/xAPI", False),
        ("https://lrs.example.org/a/xAPI", "https://lrs.example.org/b/xAPI", False),
    ],
)
def test_a_record_store_is_known_however_its_address_is_spelt(sent_to, lrs, same):
    assert same_store(sent_to, lrs) is same
