"""Every test gets its own records folder, so no test reads or writes the user's real records."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_records(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path_factory.mktemp("records")
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(folder))
    return folder
