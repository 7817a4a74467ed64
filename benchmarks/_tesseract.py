"""Tesseract (Debian's tesseract-ocr with chi_sim) as a stand-in recogniser, for bench_ocr.py's baseline.

It reads the same crops RapidOCR's recogniser would (the page's detected text boxes, cut at the table's
ruling lines), so the two are compared on recognition alone. The product never runs it.
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from jixiao.extract.ocrengine import Recognised

_PAD = 6  # white border around a crop: Tesseract misreads glyphs that touch the image's edge


def available() -> bool:
    """True when the ``tesseract`` binary and its chi_sim model are installed."""
    if shutil.which("tesseract") is None:
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return "chi_sim" in langs.stdout.split()


def child_cpu() -> float:
    """CPU seconds used so far by finished child processes (Tesseract runs as one)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def recognise(
    grey: np.ndarray, boxes: list[tuple[float, float, float, float]], check: Callable[[], None]
) -> list[Recognised]:
    """Each box read as one text line (``--psm 7``) by one Tesseract process for the whole page."""
    del check
    if not boxes:
        return []
    with tempfile.TemporaryDirectory(prefix="jixiao-tess-") as tmp:
        names = []
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            crop = grey[int(top) : int(np.ceil(bottom)), int(x0) : int(np.ceil(x1))]
            crop = cv2.copyMakeBorder(crop, _PAD, _PAD, _PAD, _PAD, cv2.BORDER_CONSTANT, value=255)
            name = str(Path(tmp) / f"{i:05d}.png")
            cv2.imwrite(name, crop)
            names.append(name)
        listing = Path(tmp) / "crops.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        # A list of images is read by one process (the model loads once); each image is a "page" of
        # the TSV output. One thread: the figure is per core, as RapidOCR's is.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        subprocess.run(
            ["tesseract", str(listing), str(Path(tmp) / "out"), "-l", "chi_sim", "--psm", "7", "tsv"],
            check=True,
            capture_output=True,
            env=env,
        )
        words: dict[int, list[tuple[str, float]]] = {}
        with open(Path(tmp) / "out.tsv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                text = (row.get("text") or "").strip()
                if row["level"] == "5" and text:
                    words.setdefault(int(row["page_num"]) - 1, []).append((text, float(row["conf"]) / 100))
    out = []
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        pieces = words.get(i, [])
        text = "".join(word for word, _ in pieces)
        confidences = tuple(conf for word, conf in pieces for _ in word)
        mean = sum(confidences) / len(confidences) if confidences else 0.0
        out.append(Recognised(x0, top, x1, bottom, text, mean, confidences))
    return out
