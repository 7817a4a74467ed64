"""Whether a PDF page shows a scan, and at what resolution (pypdfium2 only, no image libraries)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def has_image(page: pdfium.PdfPage) -> bool:
    """True when the page draws at least one image (a scan), directly or inside a form."""
    return native_dpi(page) is not None


def native_dpi(page: pdfium.PdfPage) -> float | None:
    """The resolution of the largest image on the page, in dots per inch of the page, or None."""
    width_pt = page.get_width()
    best: float | None = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        px_w, _ = obj.get_px_size()
        left, _, right, _ = obj.get_bounds()
        if right - left > 0.3 * width_pt and px_w > 0:
            dpi = px_w / ((right - left) / 72)
            best = dpi if best is None else max(best, dpi)
    return best
