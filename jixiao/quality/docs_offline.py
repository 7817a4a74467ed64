"""Make a built Data Docs site render offline: local copies of its CSS and JavaScript, no calls out.

GX 1.24's pages load Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega from CDNs, and a
logo from a public bucket with the data context's id in the URL. After GX writes the site, every
page is rewritten to load the copies shipped in ``docs_assets/`` (copied into the site as
``static/vendor/``) and the logo is dropped, so the pages are styled, the index's tables are
filled, and opening them sends nothing anywhere.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

ASSETS = Path(__file__).with_name("docs_assets")
VENDOR = Path("static") / "vendor"

# CDN URL as GX writes it → the shipped copy, relative to docs_assets/.
CDN_COPIES: dict[str, str] = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap/bootstrap.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": (
        "bootstrap-table/bootstrap-table.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": (
        "bootstrap-table/bootstrap-table.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js": "bootstrap-table/bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css": "bootstrap-table/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css": "bootstrap-table/bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker/bootstrap-datepicker.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker/bootstrap-datepicker.min.js"
    ),
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": (
        "bootstrap-dark/bootstrap-prefers-dark.min.css"
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper/popper.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        "fontawesome/css/all.min.css"
    ),
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega/vega-embed.min.js",
}
_BUCKET_IMG = re.compile(r'<img[^>]*src="https://great-expectations-web-assets[^"]*"[^>]*>')
_BUCKET_URL = re.compile(r"url\(['\"]?https://great-expectations-web-assets[^)'\"]*['\"]?\)")
# A resource the browser loads by itself (not a link the reader may follow).
_REMOTE_LOAD = re.compile(
    r"<(?:script|img|link|iframe)\b[^>]*\b(?:src|href)=[\"']https?://[^\"']*[\"']|url\(['\"]?https?://"
)
BRAND = '<span class="navbar-brand-text" style="font-weight:600">jixiao · Data Docs</span>'


class RemoteResourceError(RuntimeError):
    """A Data Docs page still loads something from the network after the rewrite (a GX upgrade?)."""


def remote_loads(text: str) -> list[str]:
    """The resources ``text`` (HTML or CSS) would fetch from the network."""
    return _REMOTE_LOAD.findall(text)


def _rewrite(text: str, vendor: str) -> str:
    for url, copy in CDN_COPIES.items():
        text = text.replace(f'"{url}"', f'"{vendor}/{copy}"')
    text = _BUCKET_IMG.sub(BRAND, text)
    return _BUCKET_URL.sub("none", text)


def make_offline(site: Path) -> None:
    """Copy the shipped assets into ``site`` and point every page and stylesheet at them.

    Raises RemoteResourceError naming the first page that would still load a remote resource.
    """
    shutil.copytree(ASSETS, site / VENDOR, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css") or VENDOR in path.relative_to(site).parents:
            continue
        vendor = Path(os.path.relpath(site / VENDOR, path.parent)).as_posix()
        text = _rewrite(path.read_text(encoding="utf-8"), vendor)
        path.write_text(text, encoding="utf-8")
        remaining = remote_loads(text)
        if remaining:
            raise RemoteResourceError(
                f"Data Docs page {path.relative_to(site)} still loads {remaining[0]!r}; "
                "add its local copy to jixiao/quality/docs_assets and CDN_COPIES."
            )
