"""Entry point of ``python -m stride_engine``."""

import sys

from stride_engine.cli import main

sys.exit(main())
