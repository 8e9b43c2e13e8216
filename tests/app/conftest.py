"""Fixtures of the app tests: the app under AppTest and its served files."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
# A first run imports plotly and pandas; later runs are far quicker.
TIMEOUT_S = 60


@pytest.fixture
def media_files(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Bytes of every file the app serves (downloads), by URL.

    AppTest makes a fresh in-memory media store for each run and drops it
    afterwards; this fixture swaps in one that also records what it got.
    """
    files: dict[str, bytes] = {}

    class RecordingStorage(MemoryMediaFileStorage):
        def load_and_get_id(
            self,
            path_or_data: str | bytes,
            mimetype: str,
            kind: object,
            filename: str | None = None,
        ) -> str:
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            files[self.get_url(file_id)] = self.get_file(file_id).content
            return file_id

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    return files


@pytest.fixture
def app(media_files: dict[str, bytes]) -> AppTest:
    """The app after its first run, on the Generate page with defaults."""
    return AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()
