"""Every test gets its own records folder, cache and settings folder.

So no test reads or writes the user's real records, cache or settings (`config.toml`).
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_records(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path_factory.mktemp("records")
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PEER_SIM_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("PEER_SIM_CONFIG_DIR", str(folder))
    return folder
