"""The engine stands alone: importing it loads no UI, database or auth code."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

FORBIDDEN = {"streamlit", "sqlalchemy", "pymysql", "auth", "db", "plotly", "pandas"}


def test_engine_imports_nothing_of_the_rest():
    code = (
        "import json, sys, stride_engine, stride_engine.cli;"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT
    )

    loaded = set(json.loads(result.stdout))
    assert loaded & FORBIDDEN == set()
