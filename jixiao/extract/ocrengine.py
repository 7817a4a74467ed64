"""Text detection and recognition: the PP-OCRv4 models bundled in the rapidocr-onnxruntime wheel.

Nothing is downloaded: the models are files inside the installed package, run by ONNX Runtime on one
CPU thread (parser processes already run side by side). The angle classifier is not used: it turns
short boxes such as "≥95%" upside down ("%56"), and a deskewed scan has no upside-down text.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from jixiao.extract.errors import NoTextLayerError

_log = logging.getLogger(__name__)

_REC_HEIGHT = 48
# The detector sees the page at most this many pixels on its long side.
_DET_SIDE = 1280
# Crops are read one at a time: the recogniser's CPU per pixel of width grows with the size of its
# input (tensors leave the cache), so batches of 4 cost 25% more than single crops on these pages.
# Long lines are read in pieces of about this many heights (0: whole).
_PIECE_RATIO = 8.0
_MIN_GAP = 0.06  # a blank run a line is cut at, in line heights (strokes of one character are closer)
_INK = 128  # grey below this is print (the recognition image has paper at 255)
# Probability of "≥"/"≤" where a leading digit was read, above which the sign is what is printed.
_SIGN_EVIDENCE = 0.002
# A sign is restored only before a number as targets print one: no leading zero, not a date ("2023年").
_SIGNED_NUMBER = re.compile(r"^[≥≤](?:0|[1-9][\d,]*)(?:\.\d+)?(?!\d)(?!年)")
_RESTORED_SIGN = 0.3  # confidence given to a sign the recogniser missed and the glyph's shape shows
_CORNER = 0.25  # how far across its wedge (0–1) the top of a sign's wedge may be


@dataclass(frozen=True)
class Recognised:
    """One recognised piece of text: its box in pixels, text and the recogniser's confidence (0–1)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    confidence: float  # the mean over its characters
    char_confidence: tuple[float, ...] = ()  # one per character of ``text``


class MissingOcrError(NoTextLayerError):
    """The OCR packages are not installed, so a scanned page cannot be read."""


@dataclass(frozen=True)
class _Models:
    """The two ONNX Runtime sessions, the detector's box finder and the recogniser's alphabet."""

    detector: Any  # onnxruntime.InferenceSession
    boxes: Any  # rapidocr's DBPostProcess: probability map → text boxes
    recogniser: Any
    alphabet: list[str]  # index 0 is CTC's blank


@cache
def _models() -> _Models:
    try:
        import onnxruntime as ort
        import rapidocr_onnxruntime
        from rapidocr_onnxruntime.ch_ppocr_det.utils import DBPostProcess
        from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode
    except ImportError as exc:  # the optional extra is missing
        raise MissingOcrError(
            "the OCR packages are not installed; "
            "install jixiao with the 'ocr' extra (pip install 'jixiao[ocr]')."
        ) from exc
    models = Path(rapidocr_onnxruntime.__file__).parent / "models"

    def session(name: str, arena: bool) -> Any:
        options = ort.SessionOptions()
        options.log_severity_level = 4
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # The recogniser runs ~100 times a page on small inputs: its arena reuses their buffers (with
        # every allocation a fresh mmap, it took 2–3 times the CPU). The detector runs once a page on a
        # large input, and an arena would keep its ~250 MB of buffers for the life of the process.
        options.enable_cpu_mem_arena = arena
        return _session(ort, models / name, options)

    recogniser = session("ch_PP-OCRv4_rec_infer.onnx", arena=True)
    alphabet = recogniser.get_modelmeta().custom_metadata_map["character"].splitlines()
    return _Models(
        detector=session("ch_PP-OCRv4_det_infer.onnx", arena=False),
        boxes=DBPostProcess(thresh=0.3, box_thresh=0.5, unclip_ratio=1.6, use_dilation=True),
        recogniser=recogniser,
        alphabet=CTCLabelDecode(character=alphabet).character,
    )


def _session(ort: Any, path: Path, options: Any) -> Any:
    """A CPU session of the model at ``path``, its element-wise chains folded (a third less CPU).

    On any failure of the rewrite (``onnx`` missing, a graph it does not expect) the file is run as it
    is, with a warning: slower, the same text. The file itself is never changed.
    """
    providers = ["CPUExecutionProvider"]
    try:
        return ort.InferenceSession(_simplified(path), options, providers=providers)
    except Exception as exc:  # the unmodified model still reads the page
        _log.warning("OCR model %s run unsimplified (slower): %s: %s", path.name, type(exc).__name__, exc)
        return ort.InferenceSession(str(path), options, providers=providers)


def _simplified(path: Path) -> bytes:
    import onnx

    from jixiao.extract.ocrgraph import simplify

    return simplify(onnx.load(str(path))).SerializeToString()  # type: ignore[no-any-return]


def detect(grey: np.ndarray) -> list[tuple[float, float, float, float]]:
    """Axis-aligned boxes (x0, top, x1, bottom) of the text lines of a deskewed page image."""
    models = _models()
    h, w = grey.shape
    tensor = _det_input(grey, _DET_SIDE)
    _release_freed_memory()  # what parsing freed before, so the detector's peak does not add to it
    preds = models.detector.run(None, {"x": tensor})[0]
    _release_freed_memory()
    boxes, _ = models.boxes(preds, (h, w))
    out = []
    for quad in boxes:
        xs, ys = quad[:, 0], quad[:, 1]
        x0, x1 = max(0.0, float(xs.min())), min(float(w), float(xs.max()))
        top, bottom = max(0.0, float(ys.min())), min(float(h), float(ys.max()))
        if x1 - x0 >= 3 and bottom - top >= 3:
            out.append((x0, top, x1, bottom))
    return out


def _release_freed_memory() -> None:
    """Give the detector's freed buffers back to the system (glibc keeps ~200 MB of them otherwise)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc: nothing to do
        return None


def _det_input(grey: np.ndarray, side: int) -> np.ndarray:
    """The detector's input: the page shrunk to ``side`` pixels on its long side (multiples of 32).

    rapidocr's own preprocessing ignores a "max" limit below 2000 pixels on a page this size, which
    made detection cost 2.4 times as much and the process peak about 400 MB higher.
    """
    h, w = grey.shape
    ratio = min(1.0, side / max(h, w))
    size = (max(32, round(w * ratio / 32) * 32), max(32, round(h * ratio / 32) * 32))
    small = cv2.resize(grey, size, interpolation=cv2.INTER_AREA).astype(np.float32) / 127.5 - 1.0
    return np.ascontiguousarray(np.broadcast_to(small, (1, 3, *small.shape)))


def recognise(
    grey: np.ndarray, boxes: list[tuple[float, float, float, float]], check: Callable[[], None]
) -> list[Recognised]:
    """Text of each box, read one crop at a time (``check`` runs between them).

    A long line is read in pieces cut at blank columns (see ``_pieces``), its text joined again.

    A box whose text starts with a digit (or a stray Latin letter, ">" or "<" before one) but whose
    first glyph is drawn as a comparison sign (a wedge over a separate bar, as "≥" and "≤" are and no
    digit is) is read again without that glyph and the sign put in front: the recogniser reads a small
    "≥" before a number as "2", drops it, makes a letter of it or, its bar thin, a ">". The sign gets
    a low confidence unless the recogniser read it too, so the cell goes to review.
    """
    crops = [grey[int(top) : math.ceil(bottom), int(x0) : math.ceil(x1)] for x0, top, x1, bottom in boxes]
    read = _read_lines(crops, check)
    signed = [
        (i, sign, cut)
        for i, (text, _) in enumerate(read)
        if text[:1].isdigit() or ((_is_latin(text[:1]) or text[:1] in "><") and text[1:2].isdigit())
        for sign, cut in [_leading_sign(crops[i])]
        if sign
    ]
    if signed:
        again = _read_lines([crops[i][:, cut:] for i, _, cut in signed], check)
        for (i, sign, _), (text, confidences) in zip(signed, again, strict=True):
            if _SIGNED_NUMBER.match(sign + text):
                read[i] = (sign + text, (_RESTORED_SIGN, *confidences))
    out = []
    for (x0, top, x1, bottom), (text, confidences) in zip(boxes, read, strict=True):
        mean = sum(confidences) / len(confidences) if confidences else 0.0
        out.append(Recognised(x0, top, x1, bottom, text, mean, confidences))
    return out


def _read_lines(crops: list[np.ndarray], check: Callable[[], None]) -> list[tuple[str, tuple[float, ...]]]:
    """Each crop's text and per-character confidences, long crops read piece by piece."""
    out = []
    for crop in crops:
        text, confidences = "", ()
        for k, piece in enumerate(_pieces(crop)):
            check()
            part, conf = _read(piece, leading=k == 0)
            text, confidences = text + part, confidences + conf
        out.append((text, confidences))
    return out


def _pieces(crop: np.ndarray) -> list[np.ndarray]:
    """The crop cut into pieces about ``_PIECE_RATIO`` heights wide, at the widest blank columns.

    The recogniser's CPU per pixel of width rises with the width (its attention spans the whole line):
    a line of 1300 pixels costs about 40% more read whole than in pieces of 400. A cut goes where no
    ink is, between characters, in the widest gap of the last third before each target width.
    """
    h, w = crop.shape
    limit = _PIECE_RATIO * h
    if not _PIECE_RATIO or w <= 1.5 * limit:
        return [crop]
    blank = (crop < _INK).sum(axis=0) == 0
    runs = _blank_runs(blank)
    cuts: list[int] = []
    start = 0
    while w - start > 1.5 * limit:
        window = [(a, b) for a, b in runs if start + 0.6 * limit <= (a + b) / 2 <= start + limit]
        wide = [(a, b) for a, b in window if b - a >= _MIN_GAP * h]
        if not wide:
            break  # no gap to cut at: the rest is read whole
        a, b = max(wide, key=lambda r: (r[1] - r[0], r[0]))
        start = (a + b) // 2
        cuts.append(start)
    edges = [0, *cuts, w]
    return [crop[:, lo:hi] for lo, hi in itertools.pairwise(edges)]


def _blank_runs(blank: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in ``blank``."""
    padded = np.concatenate([[False], blank, [False]]).astype(np.int8)
    change = np.flatnonzero(np.diff(padded))
    return list(zip(change[::2].tolist(), change[1::2].tolist(), strict=True))


def _read(crop: np.ndarray, leading: bool = True) -> tuple[str, tuple[float, ...]]:
    """One crop's text; ``leading`` when it starts a line (a sign before a number is looked for)."""
    models = _models()
    # As wide as the crop (not the model's default minimum of 320 pixels): short table cells are most
    # of a page and read faster and as well without the padding.
    ratio = crop.shape[1] / max(1, crop.shape[0])
    width = math.ceil(_REC_HEIGHT * max(ratio, 1.5))
    tensor = np.zeros((1, 3, _REC_HEIGHT, width), np.float32)
    w = min(width, max(1, math.ceil(_REC_HEIGHT * ratio)))
    tensor[0, :, :, :w] = (_resize(crop, w).astype(np.float32) / 127.5 - 1.0)[None, :, :]
    preds = models.recogniser.run(None, {"x": tensor})[0]
    return _decode(preds[0], models.alphabet, leading)


def _is_latin(ch: str) -> bool:
    """A Latin letter: what the recogniser makes of a bold "≥" it does not know ("M300", "z500")."""
    return ch.isascii() and ch.isalpha()


def _leading_sign(crop: np.ndarray) -> tuple[str | None, int]:
    """("≥" or "≤", the x just right of it) when the crop's first glyph is a wedge over a bar."""
    if crop.size == 0 or crop.shape[1] < 4:
        return None, 0
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h = crop.shape[0]
    parts = [
        (j, s) for j, s in enumerate(stats[1:count], start=1) if s[4] >= 4 and max(s[2], s[3]) >= 0.1 * h
    ]
    if len(parts) < 2:  # a sign and at least one digit
        return None, 0
    first = min(parts, key=lambda p: p[1][0])[1]
    glyph = sorted(
        (p for p in parts if p[1][0] < first[0] + first[2]), key=lambda p: p[1][1]
    )  # parts overlapping the leftmost one, top to bottom
    if len(glyph) == 1:
        return _merged_sign(labels == glyph[0][0], glyph[0][1], crop.shape[1])
    if len(glyph) != 2:
        return None, 0
    (upper_label, upper), (_, bar) = glyph
    x, y, w, bh = bar[0], bar[1], bar[2], bar[3]
    # The bar (in some fonts a second, flatter wedge stroke) lies below the wedge's middle, about as
    # wide as it and no taller; "=" has a flat upper part, a digit is one stroke.
    below = y >= upper[1] + 0.6 * upper[3] and bh <= upper[3]
    alike = 0.6 * w <= upper[2] <= 1.4 * w and upper[3] >= 0.4 * upper[2]
    if not (below and alike):
        return None, 0
    ys, xs = np.nonzero(labels == upper_label)
    # ">" starts at its top left corner, "<" at its top right; a "2" broken off its base (a JPEG gap)
    # has its top in the middle, at the top of its bowl.
    top = (xs[ys == ys.min()].mean() - upper[0]) / max(1, upper[2] - 1)
    if _CORNER < top < 1 - _CORNER:
        return None, 0
    sign = "≥" if top <= _CORNER else "≤"
    right = max(x + w, upper[0] + upper[2])
    return sign, min(crop.shape[1], int(right + 1))


def _merged_sign(mask: np.ndarray, box: np.ndarray, width: int) -> tuple[str | None, int]:
    """("≥", the x right of it) for a one-piece glyph that is a "≥" whose bar touches its wedge.

    Only "≥": its top is the wedge's top left corner and its bottom a bar across its width; the digits'
    tops are round or flat ("2", "3", "7") or at the right ("1", "4", which a one-piece "≤" would be).
    """
    ys, xs = np.nonzero(mask)
    x0, w = box[0], box[2]
    top = (xs[ys == ys.min()].mean() - x0) / max(1, w - 1)
    bottom = xs[ys == ys.max()]
    if top <= _CORNER and bottom.max() - bottom.min() + 1 >= 0.6 * w and box[3] >= 0.8 * w:
        return "≥", min(width, int(x0 + w + 1))
    return None, 0


def _decode(pred: np.ndarray, alphabet: list[str], leading: bool = True) -> tuple[str, tuple[float, ...]]:
    """Greedy CTC decoding keeping each character's probability (index 0 is the blank).

    A leading digit that could be a comparison sign is read as the sign: the recogniser reads a small
    "≥" before a number as "2" ("≥6万立方米" as "26万立方米") with the sign a distant second, while
    a real leading 2 leaves the signs no probability at all. The sign's share of the two becomes the
    character's confidence, so the cell is still flagged for review.
    """
    best = pred.argmax(axis=1)
    prob = pred.max(axis=1)
    keep = best != 0
    keep[1:] &= best[1:] != best[:-1]
    steps = np.flatnonzero(keep)
    chars = [alphabet[j] for j in best[steps]]
    confidences = [float(p) for p in prob[steps]]
    if leading and chars and (chars[0].isdigit() or _is_latin(chars[0])):
        signs = _sign_indices(tuple(alphabet))
        # The sign may have lost to the digit itself or to the blank just before it.
        before = pred[: steps[0] + 1, list(signs)]
        t, k = np.unravel_index(int(before.argmax()), before.shape)
        evidence = float(before[t, k])
        if evidence >= _SIGN_EVIDENCE:
            sign = alphabet[signs[int(k)]]
            if t == steps[0] and _SIGNED_NUMBER.match(sign + "".join(chars[1:])):
                chars[0] = sign  # "26" → "≥6", "z500" → "≥500"
                confidences[0] = evidence / (evidence + float(prob[steps[0]]))
            elif t < steps[0] and chars[0].isdigit() and _SIGNED_NUMBER.match(sign + "".join(chars)):
                chars.insert(0, sign)  # "800" → "≥800"
                confidences.insert(0, evidence / (evidence + float(prob[t])))
    return "".join(chars), tuple(confidences)


@cache
def _sign_indices(alphabet: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(i for i, ch in enumerate(alphabet) if ch in "≥≤")


def _resize(crop: np.ndarray, width: int) -> np.ndarray:
    return cv2.resize(crop, (width, _REC_HEIGHT), interpolation=cv2.INTER_LINEAR)
