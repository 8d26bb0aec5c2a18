"""`python -m benchmarks`: the same as `python benchmarks/run.py` (see run.py)."""

import sys
from pathlib import Path

# the benchmark modules import each other by their plain names (`from common import ...`),
# as they do when run.py runs as a script and each child runs `run.py --one NAME`
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402

sys.exit(run.main())
