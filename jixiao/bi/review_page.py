"""The review list as one self-contained HTML page: each value beside an image of the page it was read from.

Page images are rendered from the source PDFs (found by name under the inbox or the folders given,
checked by sha256) and embedded as data URIs, so the page opens offline, anywhere.
"""

from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Iterable
from pathlib import Path

from jixiao.ingestion.review import Review, ReviewItem
from jixiao.staging.store import hash_file

PAGE_WIDTH_PX = 700
_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:1400px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
.kind{font-size:.8em;padding:.1em .5em;border-radius:.3em;background:#fde2e2;color:#900}
.flagged .kind{background:#fff3cd;color:#7a5b00}
.finding{display:flex;gap:1.5em;margin:1em 0;align-items:flex-start}
.finding .values{min-width:22em;max-width:30em}
.finding img{border:1px solid #999;max-width:700px}
pre{background:#f6f6f6;padding:.8em;overflow-x:auto}
.missing{color:#777;font-style:italic}
"""


def find_sources(names_by_sha: dict[str, str], folders: Iterable[Path]) -> dict[str, Path]:
    """sha256 → a file under ``folders`` with that content, looked up by its recorded file name."""
    wanted = {name: sha for sha, name in names_by_sha.items()}
    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _, files in os.walk(folder):
            for name in files:
                sha = wanted.get(name)
                if sha and sha not in found:
                    path = Path(root) / name
                    if hash_file(path) == sha:
                        found[sha] = path
    return found


def page_png(path: Path, page: int) -> bytes | None:
    """PNG of the 1-based ``page`` of the PDF ``path``, about PAGE_WIDTH_PX wide (None if not a PDF page)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    try:
        if not 1 <= page <= len(pdf):
            return None
        pdf_page = pdf[page - 1]
        scale = PAGE_WIDTH_PX / pdf_page.get_width()
        image = pdf_page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        pdf.close()


def _item(item: ReviewItem, source: Path | None, cache: dict[tuple[str, int], str | None]) -> str:
    esc = html.escape
    parts = [
        f'<section class="{item.kind}"><h2><span class="kind">{esc(item.kind)}</span> '
        f"{esc(item.source_file)}</h2>",
        f"<p>sha256 <code>{esc(item.sha256)}</code></p><p>{esc(item.reason)}</p>",
    ]
    for f in item.findings:
        image = '<p class="missing">no page cited</p>'
        if f.page and source is None:
            image = f'<p class="missing">page {f.page}: source file not found (pass --sources FOLDER)</p>'
        elif f.page and source is not None:
            key = (item.sha256, f.page)
            if key not in cache:
                png = page_png(source, f.page)
                cache[key] = None if png is None else base64.b64encode(png).decode("ascii")
            data = cache[key]
            image = (
                f'<img alt="page {f.page} of {esc(item.source_file)}" src="data:image/png;base64,{data}">'
                if data
                else f'<p class="missing">page {f.page}: no image for this file type</p>'
            )
        parts.append(
            f'<div class="finding"><div class="values"><p><b>{esc(f.field)}</b> = {esc(f.value)}</p>'
            f"<p>check {esc(f.check)}: expected {esc(f.expected)}</p>"
            f"<p>page {f.page or '—'}{' · ' + esc(f.note) if f.note else ''}</p></div>{image}</div>"
        )
    parts.append(f"<p>Prefilled correction file:</p><pre>{esc(item.correction_yaml())}</pre></section>")
    return "\n".join(parts)


def render_review_html(review: Review, sources: Iterable[Path]) -> str:
    """The whole page (no external resource: styles inline, images as data URIs)."""
    found = find_sources({i.sha256: i.source_file for i in review.items if i.findings}, sources)
    cache: dict[tuple[str, int], str | None] = {}
    quarantined = sum(i.kind == "quarantined" for i in review.items)
    body = [
        f"<h1>复核清单 Review list</h1><p>{html.escape(str(review.warehouse))}: {quarantined} quarantined, "
        f"{len(review.items) - quarantined} flagged. Save corrections as YAML files in "
        f"<code>{html.escape(str(review.corrections_dir))}</code>; the next ingest applies them.</p>"
    ]
    body += [_item(item, found.get(item.sha256), cache) for item in review.items]
    if review.stale_corrections:
        body.append("<h2>Corrections that no longer apply</h2><ul>")
        body += [f"<li>{html.escape(s)}</li>" for s in review.stale_corrections]
        body.append("</ul>")
    if not review.items and not review.stale_corrections:
        body.append("<p>Nothing to review.</p>")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>jixiao review</title>'
        f"<style>{_STYLE}</style></head><body>{''.join(body)}</body></html>"
    )
