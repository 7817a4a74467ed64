"""Indicator-table templates: each turns an IndicatorTable spec into a render Table."""

from __future__ import annotations

from collections.abc import Callable

from fixturegen.render.document import Document
from fixturegen.render.table import Table
from fixturegen.render.templates import central8, gd6, threeline, unitcol
from fixturegen.spec import IndicatorTable

BUILDERS: dict[str, Callable[[IndicatorTable, Document], Table]] = {
    "gd6": gd6.build,
    "central8": central8.build,
    "unitcol": unitcol.build,
    "threeline": threeline.build,
}


def build_table(spec: IndicatorTable, doc: Document) -> Table:
    """The render Table for ``spec`` in its template's layout."""
    try:
        builder = BUILDERS[spec.template]
    except KeyError:
        raise ValueError(f"unknown indicator-table template {spec.template!r}") from None
    return builder(spec, doc)
