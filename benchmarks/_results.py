"""Write one benchmark's section of benchmarks/results.md, keeping every other line of the file."""

from __future__ import annotations

from pathlib import Path


def markers(name: str) -> tuple[str, str]:
    """The HTML comments that open and close benchmark ``name``'s section (invisible when rendered)."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def write_section(text: str, out: Path, name: str) -> None:
    """Put ``text`` between ``name``'s markers in ``out``, replacing what was there, or append it.

    ``text`` is the section's body; the markers are added here, so hand-written notes outside them
    survive every run of the script.
    """
    start, end = markers(name)
    section = f"{start}\n{text.strip(chr(10))}\n{end}"
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if start in old and end in old:
        head, rest = old.split(start, 1)
        new = head + section + rest.split(end, 1)[1]
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + section + "\n"
    out.write_text(new, encoding="utf-8")
