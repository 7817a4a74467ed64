"""Small inline-SVG charts for the static HTML report: no JavaScript, no network, every label escaped."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)
_FONT = 12
MAX_LABELLED_SERIES = 4


def text_width(text: str, size: int = _FONT) -> float:
    """Approximate rendered width in px: CJK and full-width characters are square, others about half."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 up to at least ``top`` (a 1-2-5 step), for a value axis."""
    if not top > 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def format_number(value: float) -> str:
    """Thousands separators, at most two decimals, no trailing zeros (11,940.41; 96.5; 100)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _svg_open(width: float, height: float, title: str) -> str:
    label = escape(title)
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{label}">'
        f"<title>{label}</title>"
    )


def _legend(names: Sequence[str], x0: float, y0: float, max_width: float) -> tuple[list[str], float]:
    """Legend items flowed into rows; returns the SVG parts and the height used."""
    parts: list[str] = []
    x, y = x0, y0
    for i, name in enumerate(names):
        item_width = 18 + text_width(name) + 18
        if x > x0 and x + item_width > x0 + max_width:
            x, y = x0, y + 20
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 17:.1f}" y="{y + 2:.1f}" font-size="{_FONT}">{escape(name)}</text>')
        x += item_width
    return parts, (y - y0) + 20 if names else 0


def line_chart(
    title: str,
    series: Mapping[str, Sequence[tuple[int, float | None]]],
    *,
    unit: str,
    width: int = 1100,
    plot_height: int = 240,
) -> str:
    """One line per series (e.g. per department) over integer x categories (fiscal years).

    ``series`` maps a name to (year, value) points; None values are gaps. A series with one point
    shows as a marker only. ``unit`` labels the value axis (e.g. 万元).
    """
    years = sorted({year for points in series.values() for year, _ in points})
    values = [v for points in series.values() for _, v in points if v is not None]
    top = max(values, default=0.0)
    ticks = nice_ticks(float(top))
    y_max = ticks[-1] or 1.0
    left = 16 + max(text_width(format_number(t)) for t in ticks)
    left = max(left, 16 + text_width(unit))
    right, top_pad = 24, 28
    plot_width = width - left - right
    legend_parts, legend_height = _legend(list(series), left, top_pad + plot_height + 48, plot_width)
    height = top_pad + plot_height + 48 + legend_height + 4

    inset = 48  # keep the first and last year off the axes

    def x_of(year: int) -> float:
        if len(years) == 1:
            return left + plot_width / 2
        return left + inset + (plot_width - 2 * inset) * years.index(year) / (len(years) - 1)

    def y_of(value: float) -> float:
        return top_pad + plot_height * (1 - value / y_max)

    label_points = len(series) <= MAX_LABELLED_SERIES  # more would overlap; the tooltips still have them
    parts = [_svg_open(width, height, title)]
    parts.append(
        f'<text x="{left - 8:.1f}" y="{top_pad - 12}" font-size="11" text-anchor="end">{escape(unit)}</text>'
    )
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_width:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>'
        )
        parts.append(
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{format_number(tick)}</text>"
        )
    base = top_pad + plot_height
    parts.append(
        f'<line x1="{left:.1f}" y1="{base}" x2="{left + plot_width:.1f}" y2="{base}" stroke="#555"/>'
    )
    for year in years:
        x = x_of(year)
        parts.append(f'<line x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 5}" stroke="#555"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{base + 20}" font-size="{_FONT}" text-anchor="middle">{year}</text>'
        )
    if not values:
        parts.append(
            f'<text x="{left + plot_width / 2:.1f}" y="{top_pad + plot_height / 2:.1f}" font-size="13" '
            'text-anchor="middle" fill="#888">无数据 · no data</text>'
        )
    for i, (name, points) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        ordered = sorted((year, v) for year, v in points if v is not None)
        if len(ordered) > 1:
            path = " ".join(f"{x_of(year):.1f},{y_of(v):.1f}" for year, v in ordered)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for year, v in ordered:
            tip = escape(f"{name} {year}: {format_number(v)} {unit}")
            parts.append(
                f'<circle cx="{x_of(year):.1f}" cy="{y_of(v):.1f}" r="4" fill="{colour}">'
                f"<title>{tip}</title></circle>"
            )
            if label_points:
                parts.append(
                    f'<text x="{x_of(year):.1f}" y="{y_of(v) - 9:.1f}" font-size="10" text-anchor="middle" '
                    f'fill="{colour}">{format_number(v)}</text>'
                )
    parts.extend(legend_parts)
    parts.append("</svg>")
    return "".join(parts)


def paired_bar_chart(
    title: str,
    rows: Sequence[tuple[str, float | None, float | None]],
    *,
    measures: tuple[str, str],
    max_value: float = 100.0,
    width: int = 1100,
) -> str:
    """Two horizontal bars per labelled row on a common 0..max_value scale (e.g. score and rate).

    ``rows`` are (label, first, second); a None value is drawn as "n/a". ``measures`` names the two bars.
    """
    bar, gap, row_pad = 12, 2, 12
    row_height = 2 * bar + gap + row_pad
    left = 16 + max((text_width(label) for label, _, _ in rows), default=40)
    right, top_pad = 56, 34
    plot_width = width - left - right
    height = top_pad + row_height * max(len(rows), 1) + 28
    parts = [_svg_open(width, height, title)]
    legend_x = left
    for i, measure in enumerate(measures):
        parts.append(f'<rect x="{legend_x:.1f}" y="8" width="12" height="12" fill="{PALETTE[i]}"/>')
        parts.append(f'<text x="{legend_x + 17:.1f}" y="19" font-size="{_FONT}">{escape(measure)}</text>')
        legend_x += 40 + text_width(measure)
    for tick in nice_ticks(max_value, 5):
        if tick > max_value:
            break
        x = left + plot_width * tick / max_value
        bottom = top_pad + row_height * max(len(rows), 1)
        parts.append(f'<line x1="{x:.1f}" y1="{top_pad - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" font-size="11" text-anchor="middle">'
            f"{format_number(tick)}</text>"
        )
    for r, (label, *pair) in enumerate(rows):
        y = top_pad + r * row_height
        parts.append(
            f'<text x="{left - 8:.1f}" y="{y + bar + 4:.1f}" font-size="{_FONT}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        for i, value in enumerate(pair):
            by = y + i * (bar + gap)
            if value is None:
                parts.append(
                    f'<text x="{left + 4:.1f}" y="{by + bar - 2:.1f}" font-size="10" fill="#888">n/a</text>'
                )
                continue
            w = plot_width * max(0.0, min(float(value), max_value)) / max_value
            tip = escape(f"{label} · {measures[i]}: {format_number(float(value))}")
            parts.append(
                f'<rect class="bar" x="{left:.1f}" y="{by:.1f}" width="{w:.1f}" height="{bar}" '
                f'fill="{PALETTE[i]}">'
                f"<title>{tip}</title></rect>"
            )
            parts.append(
                f'<text x="{left + w + 4:.1f}" y="{by + bar - 2:.1f}" font-size="10">'
                f"{format_number(float(value))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
