"""Small inline-SVG charts for the HTML report: no JavaScript, no external files.

Every function returns an ``<svg>`` element as a string, ready to paste into
HTML; all text passes through :func:`html.escape`. Charts carry a ``<title>``
so a screen reader (and a hovering mouse) gets the numbers. Arabic labels are
drawn with ``direction: rtl`` so that mixed Arabic/Latin names keep their
order.
"""

from __future__ import annotations

import html
import math

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
FONT = "font-family=\"'DejaVu Sans', 'Noto Sans Arabic', Tahoma, sans-serif\""


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def human(value: float) -> str:
    """1234567 -> '1.23 M': short, for labels."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "-" if value < 0 else ""
    value = abs(value)
    for limit, suffix in ((1e12, " T"), (1e9, " bn"), (1e6, " M"), (1e3, " k")):
        if value >= limit:
            scaled = value / limit  # '.3g' would turn 1440 T into '1.44e+03 T'
            return f"{sign}{scaled:,.0f}{suffix}" if scaled >= 1000 else f"{sign}{scaled:.3g}{suffix}"
    return f"{sign}{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{sign}{int(value)}"


def short(text: str, limit: int = 30) -> str:
    """Cut a label that would overflow its column, with an ellipsis."""
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc" for ch in text)


def _text(x: float, y: float, label: str, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    rtl = ' direction="rtl" unicode-bidi="embed"' if has_arabic(label) else ""
    # With direction=rtl the meaning of start/end flips; keep the anchor where the caller meant it.
    if rtl and anchor in ("start", "end"):
        anchor = "end" if anchor == "start" else "start"
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{rtl} {extra}>{esc(label)}</text>'


def sparkline(values: list[float], width: int = 180, height: int = 36, color: str = PALETTE[0], title: str = "") -> str:
    """A trend line with its last point marked; a single value is drawn as a dot."""
    top = max(values) if values and max(values) > 0 else 1
    n = len(values)
    pad = 3

    def xy(i: int, v: float) -> tuple[float, float]:
        x = pad + (i * (width - 2 * pad) / (n - 1) if n > 1 else (width - 2 * pad) / 2)
        return x, height - pad - v / top * (height - 2 * pad)

    points = [xy(i, v) for i, v in enumerate(values)]
    parts = [f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">', f"<title>{esc(title)}</title>"]
    parts.append(f'<line x1="0" y1="{height - pad}" x2="{width}" y2="{height - pad}" stroke="#ddd"/>')
    if n > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="1.8"/>')
    if points:
        x, y = points[-1]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{color}"/>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(days: list[str], series: list[tuple[str, list[float]]], width: int = 900, height: int = 260) -> str:
    """Daily values of a few series on shared axes, with a legend under the plot."""
    left, right, top_pad, bottom = 50, 20, 12, 40
    legend_rows = math.ceil(len(series) / 4)
    total_height = height + legend_rows * 20
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((max(v) for _, v in series if v), default=0) or 1
    n = len(days)

    def x_of(i: int) -> float:
        return left + (i * plot_w / (n - 1) if n > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return top_pad + plot_h - v / top * plot_h

    parts = [f'<svg class="chart" width="{width}" height="{total_height}" viewBox="0 0 {width} {total_height}" {FONT} role="img">']
    parts.append("<title>daily mentions of the top entities</title>")
    for k in range(5):  # horizontal grid with value labels
        v = top * k / 4
        y = y_of(v)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        parts.append(_text(left - 6, y + 4, human(v), anchor="end", size=10, extra='fill="#666"'))
    step = max(1, math.ceil(n / 10))
    for i in range(0, n, step):  # at most ~10 date labels
        parts.append(_text(x_of(i), top_pad + plot_h + 16, days[i][5:], anchor="middle", size=10, extra='fill="#666"'))
    for k, (label, values) in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        pts = [(x_of(i), y_of(v)) for i, v in enumerate(values)]
        if len(pts) > 1:
            parts.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="none" stroke="{color}" stroke-width="2"/>')
        for (x, y), v, day in zip(pts, values, days):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}"><title>{esc(label)} {esc(day)}: {esc(human(v))}</title></circle>')
        lx, ly = left + (k % 4) * (plot_w / 4), height + (k // 4) * 20
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 9:.1f}" width="12" height="12" fill="{color}"/>')
        parts.append(_text(lx + 18, ly + 1, short(label, 28), anchor="start", size=12))
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(rows: list[tuple[str, float, str]], width: int = 640, bar_height: int = 22, title: str = "") -> str:
    """Horizontal bars: (label, value, annotation) per row, largest first as given."""
    label_w, right = 90, 200
    height = len(rows) * (bar_height + 6) + 10
    top = max((v for _, v, _ in rows), default=0) or 1
    parts = [f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT} role="img">', f"<title>{esc(title)}</title>"]
    for i, (label, value, note) in enumerate(rows):
        y = 5 + i * (bar_height + 6)
        w = max(1.0, value / top * (width - label_w - right))
        color = PALETTE[i % len(PALETTE)]
        parts.append(_text(label_w - 8, y + bar_height * 0.7, short(label, 10), anchor="end", size=12))
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{color}"><title>{esc(label)}: {esc(note)}</title></rect>')
        parts.append(_text(label_w + w + 6, y + bar_height * 0.7, note, anchor="start", size=11, extra='fill="#333"'))
    parts.append("</svg>")
    return "".join(parts)


def column_chart(labels: list[str], values: list[float], width: int = 900, height: int = 160, color: str = PALETTE[0], title: str = "") -> str:
    """Vertical bars, one per label (days), value printed above each when there is room."""
    left, bottom, top_pad = 10, 22, 16
    n = max(1, len(labels))
    slot = min(60.0, (width - 2 * left) / n)  # a few days should not give slabs
    top = max(values, default=0) or 1
    plot_h = height - bottom - top_pad
    parts = [f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT} role="img">', f"<title>{esc(title)}</title>"]
    step = max(1, math.ceil(n / 12))
    for i, (label, value) in enumerate(zip(labels, values)):
        h = value / top * plot_h
        x = left + i * slot + slot * 0.15
        y = top_pad + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{color}"><title>{esc(label)}: {esc(human(value))}</title></rect>')
        if slot >= 28:
            parts.append(_text(x + slot * 0.35, y - 3, human(value), anchor="middle", size=10, extra='fill="#333"'))
        if i % step == 0:
            parts.append(_text(x + slot * 0.35, height - 6, label, anchor="middle", size=10, extra='fill="#666"'))
    parts.append("</svg>")
    return "".join(parts)


def heatmap(labels: list[str], matrix: list[list[float]], title: str = "", cell: int = 34) -> str:
    """A symmetric matrix: row names on the left, column numbers on top (the row's number)."""
    n = len(labels)
    label_w, top_pad = 230, 28
    width, height = label_w + n * cell + 10, top_pad + n * cell + 10
    peak = max((v for row in matrix for v in row), default=0) or 1
    parts = [f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT} role="img">', f"<title>{esc(title)}</title>"]
    for j in range(n):
        parts.append(_text(label_w + j * cell + cell / 2, top_pad - 8, str(j + 1), anchor="middle", size=11, extra='fill="#666"'))
    for i, label in enumerate(labels):
        y = top_pad + i * cell
        parts.append(_text(label_w - 8, y + cell * 0.62, short(label, 34), anchor="end", size=12))
        for j in range(n):
            x = label_w + j * cell
            if i == j:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="#f3f3f3"/>')
                parts.append(_text(x + cell / 2 - 1, y + cell * 0.62, str(i + 1), anchor="middle", size=10, extra='fill="#aaa"'))
                continue
            v = matrix[i][j]
            # square-root scale: a few dominant pairs would otherwise wash out the rest
            alpha = math.sqrt(v / peak) if v else 0
            fill = f"rgba(214,39,40,{alpha:.3f})" if v else "#fafafa"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}" stroke="#eee">'
                f"<title>{esc(label)} × {esc(labels[j])}: {esc(human(v))}</title></rect>"
            )
            if v:
                color = "#fff" if alpha > 0.55 else "#333"
                parts.append(_text(x + cell / 2 - 1, y + cell * 0.62, human(v), anchor="middle", size=10, extra=f'fill="{color}"'))
    parts.append("</svg>")
    return "".join(parts)


def stacked_bars(rows: list[tuple[str, dict[str, float]]], width: int = 900, bar_height: int = 20, title: str = "") -> str:
    """One horizontal bar per row, split into named parts (stage durations), with a legend."""
    label_w, right = 170, 70
    keys: list[str] = []
    for _, parts_ in rows:
        keys += [k for k in parts_ if k not in keys]
    colors = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    legend_h = 22 * math.ceil(len(keys) / 6) if keys else 0
    height = len(rows) * (bar_height + 6) + legend_h + 10
    top = max((sum(p.values()) for _, p in rows), default=0) or 1
    scale = (width - label_w - right) / top
    out = [f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT} role="img">', f"<title>{esc(title)}</title>"]
    for i, (label, parts_) in enumerate(rows):
        y = 5 + i * (bar_height + 6)
        out.append(_text(label_w - 8, y + bar_height * 0.72, short(label, 24), anchor="end", size=11))
        x = float(label_w)
        for key, seconds in parts_.items():
            w = seconds * scale
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{max(w, 0.5):.1f}" height="{bar_height}" fill="{colors[key]}"><title>{esc(key)}: {seconds:.1f} s</title></rect>')
            x += w
        out.append(_text(x + 6, y + bar_height * 0.72, f"{sum(parts_.values()):.1f} s", anchor="start", size=11, extra='fill="#333"'))
    y0 = 5 + len(rows) * (bar_height + 6) + 6
    for k, key in enumerate(keys):
        lx, ly = label_w + (k % 6) * 115, y0 + (k // 6) * 22
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{colors[key]}"/>')
        out.append(_text(lx + 16, ly + 10, key, anchor="start", size=11))
    out.append("</svg>")
    return "".join(out)
