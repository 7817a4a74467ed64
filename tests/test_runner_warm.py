"""Parser processes start warm: the fork server they are forked from has read what a first parse reads."""

from __future__ import annotations

import subprocess
import sys

# Run in a fresh interpreter: the fork server is one per process, started by whichever test uses it first.
_CHILD = """
import sys
from jixiao.staging import runner


def report(conn):
    from jixiao.extract import regions

    conn.send((regions._divisions.cache_info().currsize, "jixiao.extract.parse" in sys.modules))


if __name__ == "__main__":
    ctx = runner._context()
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=report, args=(child,))
    proc.start()
    print(parent.recv())
    proc.join()
"""


def test_a_parser_process_has_the_parser_and_the_gazetteer_loaded_before_its_first_file(tmp_path) -> None:
    script = tmp_path / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(1, True)"
