"""Make the scanned fixtures: fixture reports rendered as office-scanner output (never shipped).

Each page is rendered with pypdfium2, turned grey, rotated ±1.5°, speckled and saved as a JPEG of
quality ~60; page one of every scan carries a red seal over text. The JPEGs are wrapped as an image-only
PDF. A "mixed" scan keeps the text pages of its source and replaces only the indicator-table pages by
scans (an attachment scanned back into a text PDF). The truth of a scan is its source report's truth
(same pages), named in ``tests/fixtures/scans/manifest.json``.

    python tools/scanfixtures.py            # rewrite every scan and the manifest
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "scans"
FONT = ROOT / "tools" / "fixturegen" / "fonts" / "DroidSansFallbackFull.ttf"


@dataclass(frozen=True)
class Scan:
    source: str  # report PDF, relative to the repository
    truth: str  # its truth JSON, relative to the repository
    dpi: int
    pages: tuple[int, ...] | None = None  # 1-based pages to scan; None: all (an image-only PDF)

    @property
    def name(self) -> str:
        kind = "mixed" if self.pages else "scan"
        return f"{Path(self.source).stem}-{kind}{self.dpi}.pdf"


SCANS = (
    Scan(
        "tests/fixtures/office/ganzhou-lyj-cbl-2023.pdf",
        "tests/fixtures/office/ganzhou-lyj-cbl-2023.json",
        150,
    ),
    Scan(
        "tests/fixtures/office/ganzhou-lyj-cbl-2023.pdf",
        "tests/fixtures/office/ganzhou-lyj-cbl-2023.json",
        110,
    ),
    Scan(
        "tests/fixtures/office/zhaoqing-nyncj-2022.pdf", "tests/fixtures/office/zhaoqing-nyncj-2022.json", 150
    ),
    Scan(
        "tests/fixtures/office/zhaoqing-nyncj-2022.pdf", "tests/fixtures/office/zhaoqing-nyncj-2022.json", 110
    ),
    Scan(
        "samples/reports/jiangmen-gxj-2023.pdf",
        "tests/fixtures/truth/jiangmen-gxj-2023.json",
        150,
        (11, 12, 13, 14),
    ),
    Scan(
        "samples/reports/jiangmen-gxj-2023.pdf",
        "tests/fixtures/truth/jiangmen-gxj-2023.json",
        110,
        (11, 12, 13, 14),
    ),
)


def scan_page(page: pdfium.PdfPage, dpi: int, rng: random.Random, seal: bool) -> Image.Image:
    """One page as a scanner would give it: grey, skewed, speckled (and sealed when ``seal``)."""
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    angle = rng.choice((-1.5, 1.5)) * rng.uniform(0.6, 1.0)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=245, expand=False)
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 2500):  # speckle: dark and light dots
        px[rng.randrange(w), rng.randrange(h)] = rng.choice((40, 90, 150, 255))
    img = img.point(lambda v: int(18 + v * 0.93))  # a grey paper, never quite white or black
    if seal:
        img = _add_seal(img.convert("RGB"), dpi, rng)
    return img


def _add_seal(img: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """A translucent red round seal over the upper text of the page."""
    w, h = img.size
    r = int(0.75 * dpi)  # a 38 mm seal
    cx, cy = int(w * rng.uniform(0.55, 0.7)), int(h * rng.uniform(0.12, 0.2))
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    red = (215, 30, 35, 150)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(3, dpi // 30))
    star = [(cx + r * 0.28 * _cos(i), cy + r * 0.28 * _sin(i)) for i in range(10)]
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(str(FONT), int(r * 0.3))
    draw.text((cx, cy + r * 0.5), "绩效专用章", font=font, fill=red, anchor="mm")
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def _cos(i: int) -> float:
    import math

    return math.cos(math.pi / 2 + i * math.pi / 5) * (1 if i % 2 == 0 else 0.45)


def _sin(i: int) -> float:
    import math

    return -math.sin(math.pi / 2 + i * math.pi / 5) * (1 if i % 2 == 0 else 0.45)


def _jpeg_pdf(images: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF of JPEG pages at ``dpi`` (page size = the original page size)."""
    out = pdfium.PdfDocument.new()
    for img in images:
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=60)
        buf.seek(0)
        jpeg = pdfium.PdfImage.new(out)
        jpeg.load_jpeg(buf, inline=True)
        w, h = img.size[0] * 72 / dpi, img.size[1] * 72 / dpi
        jpeg.set_matrix(pdfium.PdfMatrix().scale(w, h))
        page = out.new_page(w, h)
        page.insert_obj(jpeg)
        page.gen_content()
    data = io.BytesIO()
    out.save(data)
    return data.getvalue()


def make(scan: Scan) -> Path:
    """Write one scan; pages not in ``scan.pages`` are copied from the source with their text layer."""
    rng = random.Random(f"{scan.name}")
    src = pdfium.PdfDocument(ROOT / scan.source)
    wanted = scan.pages or tuple(range(1, len(src) + 1))
    images = [scan_page(src[n - 1], scan.dpi, rng, seal=(n == wanted[0])) for n in wanted]
    scanned = pdfium.PdfDocument(_jpeg_pdf(images, scan.dpi))
    out = pdfium.PdfDocument.new()
    out.import_pages(src)  # in one call, so the fonts are copied once
    for i, n in enumerate(wanted):
        out.del_page(n - 1)
        out.import_pages(scanned, [i], index=n - 1)
    path = OUT / scan.name
    out.save(path)
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for scan in SCANS:
        path = make(scan)
        manifest[scan.name] = {"truth": scan.truth, "dpi": scan.dpi, "source": scan.source}
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KiB")
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
