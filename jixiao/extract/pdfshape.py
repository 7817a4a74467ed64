"""What a PDF that yields nothing really is: a self-referencing xref, absurd nesting, a decompression bomb.

PDFium recovers from all three silently (it rebuilds the cross-reference table, drops what it cannot
parse, stops expanding a stream), so such a file used to come out as a page without text and be called
a scan. :func:`explain` reads the raw bytes (bounded) and names the defect instead; it is consulted only
on the way to a rejection, so a file PDFium reads correctly despite a defect still loads.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from jixiao.extract.errors import CorruptFileError, ExtractError, TooLargeError

# Arrays or dictionaries nested deeper than this: no PDF writer does it.
MAX_NESTING = 64
# A page's content (or a form) stream that expands beyond this holds no report: the largest page
# content of the 59 sample and fixture PDFs is 47 KB, and a 45 MB text page takes the parser to 6 GB.
MAX_CONTENT_MB = 64
_MAX_XREF_HOPS = 10_000
# Expanding stops after this much in all (many streams just under the limit): the file is then called
# what PDFium made of it, rather than the diagnosis outgrowing the parse.
_BUDGET_MB = 512
_NESTED = re.compile(rb"(?:(?:\[|<<)[\x00\t\n\f\r ]*){%d,}" % (MAX_NESTING + 1))
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_PREV = re.compile(rb"/(Prev|XRefStm)\s+(\d+)")
_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_INT = re.compile(rb"/(Width|Height|BitsPerComponent)\s+(\d+)")


def explain(path: Path, name: str) -> ExtractError | None:
    """The structural defect that explains why ``path`` gave no text, or None when it has none of them."""
    data = path.read_bytes()
    return _xref_loop(data, name) or _nesting(data, name, where="") or _streams(data, name)


def _xref_loop(data: bytes, name: str) -> CorruptFileError | None:
    """The cross-reference chain (startxref, then each /Prev and /XRefStm) visiting a section twice."""
    found = list(_STARTXREF.finditer(data))
    if not found:
        return None
    todo, seen = [int(found[-1].group(1))], set()
    for _ in range(_MAX_XREF_HOPS):
        if not todo:
            return None
        offset = todo.pop()
        if offset in seen:
            return CorruptFileError(
                f"{name}'s cross-reference table points at itself (its chain of sections leads back to "
                f"byte {offset}), so its pages cannot be located; the file is damaged or crafted, ask "
                "the publisher for a fresh copy."
            )
        seen.add(offset)
        if not 0 <= offset < len(data):
            return None  # a dangling offset is ordinary damage PDFium repairs; not a loop
        todo.extend(int(m.group(2)) for m in _PREV.finditer(_section_dict(data, offset)))
    return None


def _section_dict(data: bytes, offset: int) -> bytes:
    """The trailer dictionary of the xref table at ``offset``, or the dictionary of an xref stream there."""
    window = data[offset : offset + (1 << 20)]
    if window.startswith(b"xref"):
        start = window.find(b"trailer")
        end = window.find(b"startxref", start)
        return window[start:end] if start >= 0 else b""
    if _OBJ.match(window):
        end = window.find(b"stream")
        return window[: end if end >= 0 else 4096]
    return b""


def _nesting(data: bytes, name: str, where: str) -> CorruptFileError | None:
    if _NESTED.search(data) is None:
        return None
    return CorruptFileError(
        f"{name} nests arrays or dictionaries more than {MAX_NESTING} levels deep{where}, which no PDF "
        "writer does, so its pages cannot be read; the file is damaged or crafted, ask the publisher for "
        "a fresh copy."
    )


def _streams(data: bytes, name: str) -> ExtractError | None:
    """A Flate stream that expands past its limit (a bomb), or nests too deep once expanded."""
    budget = _BUDGET_MB * 2**20
    for match in _STREAM.finditer(data):
        if budget <= 0:
            return None
        headers = list(_OBJ.finditer(data, max(0, match.start() - 4096), match.start()))
        if not headers:
            continue
        number, info = int(headers[-1].group(1)), data[headers[-1].end() : match.start()]
        if not _FLATE_FIRST.search(info):
            continue
        limit, image = _expanded_limit(info)
        text, whole = _inflate(data, match.end(), limit)
        budget -= len(text)
        if not whole:
            what = "an image" if image else "a page's content" if _is_content(data, number) else "a stream"
            return TooLargeError(
                f"{name}: {what} (object {number}) decompresses to more than {limit // 2**20} MB, a "
                "decompression bomb rather than a report; check where the file came from and ask the "
                "publisher for the report itself."
            )
        if not image and (nested := _nesting(text, name, where=f" (in object {number})")):
            return nested
    return None


def _is_content(data: bytes, number: int) -> bool:
    """Whether object ``number`` is named as a page's /Contents."""
    ref = rb"%d\s+\d+\s+R\b" % number
    return re.search(rb"/Contents\s*(?:\[[^\]]*?)?(?<!\d)" + ref, data) is not None


def _expanded_limit(info: bytes) -> tuple[int, bool]:
    """How far a stream may expand: an image to its declared size (with slack), anything else to
    MAX_CONTENT_MB."""
    if not _IMAGE.search(info):
        return MAX_CONTENT_MB * 2**20, False
    sizes = {m.group(1): int(m.group(2)) for m in _INT.finditer(info)}
    # four components (CMYK) of up to 16 bits: the most pixels of that size can take, twice over
    bits = sizes.get(b"Width", 0) * sizes.get(b"Height", 0) * 4 * max(sizes.get(b"BitsPerComponent", 8), 8)
    return max(2 * bits // 8, MAX_CONTENT_MB * 2**20), True


def _inflate(data: bytes, start: int, limit: int) -> tuple[bytes, bool]:
    """The stream at ``start`` expanded up to ``limit`` bytes, and whether it ended within it."""
    inflater = zlib.decompressobj()
    out = bytearray()
    position = start
    try:
        while position < len(data) and not inflater.eof:
            chunk = data[position : position + (1 << 16)]
            position += len(chunk)
            out += inflater.decompress(chunk, limit + 1 - len(out))
            while inflater.unconsumed_tail and len(out) <= limit:
                out += inflater.decompress(inflater.unconsumed_tail, limit + 1 - len(out))
            if len(out) > limit:
                return bytes(out[:limit]), False
    except zlib.error:
        pass  # damaged data ends the stream where it breaks, as in PDFium
    return bytes(out), True
