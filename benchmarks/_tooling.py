"""Put the test tooling (tools/: fixturegen, quality_sample) on the path of a benchmark script.

The tooling is not packaged, so a benchmark run as ``python benchmarks/<script>.py`` imports this
module first (its own folder is on ``sys.path``).
"""

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.append(str(TOOLS))
