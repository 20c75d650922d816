"""The index of a folder of day maps: an overview map of the whole period, a chart of incidents over time by
type, and the days grouped by month (the latest month open), so ten years of days stay one short page."""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date

from maps.style import EVENT_TYPES, OTHER_TYPE, TYPE_COLORS

CLOSURES_IN_FORCE = "Road closure (in force)"
MONTHS_AR = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
             "تشرين الثاني", "كانون الأول"]  # fmt: skip
#: The chart counts by day up to this many days, then by ISO week, then (past ~5 years) by month.
DAILY_UP_TO = 120
WEEKLY_UP_TO = 260
CHART_HEIGHT = 160

STYLE = """
body{font-family:'Noto Naskh Arabic','Noto Sans Arabic','Segoe UI',Tahoma,'DejaVu Sans',Arial,sans-serif;
margin:0 auto;padding:12px 16px 40px;max-width:1100px;color:#222;box-sizing:border-box}
h1{font-size:1.5em;margin:.2em 0 .4em}h2{font-size:1.15em;margin:1.2em 0 .4em}
.gi-en{color:#666;font-size:.85em;font-weight:normal;unicode-bidi:isolate}
.links a{margin-inline-end:1em}
.overview{width:100%;height:min(60vh,520px);border:1px solid #ccc;border-radius:6px;display:block}
.chart{width:100%}.chart svg{display:block;width:100%;height:150px}
.chart-top,.chart-axis{font-size:.8em;color:#555}.chart-axis{display:flex;justify-content:space-between}
.chart-legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0;padding:0;list-style:none;font-size:.9em}
.chart-legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-inline-end:5px;vertical-align:-1px}
details.year>summary{cursor:pointer;padding:8px 2px;font-weight:bold;font-size:1.1em;border-bottom:2px solid #ccc}
details.year>div{padding-inline-start:14px}
details.month{border-bottom:1px solid #e3e3e3}details.month>summary{cursor:pointer;padding:6px 2px;font-weight:bold}
details summary .count{font-weight:normal;color:#555;margin-inline-start:.6em}
.days-wrap{overflow-x:auto;max-width:100%}
table.days{border-collapse:collapse;margin:4px 0 10px;font-size:.92em}
table.days th,table.days td{border:1px solid #ddd;padding:3px 7px;text-align:center;white-space:nowrap}
table.days th small{display:block;color:#666;font-weight:normal}
@media (max-width:600px){body{padding:8px 8px 30px}h1{font-size:1.25em}.overview{height:55vh}
table.days{font-size:.82em}table.days th,table.days td{padding:2px 4px}}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _labels() -> dict[str, tuple[str, str]]:
    """Event type -> (Arabic, English) for the table heads and the chart legend."""
    out = {name: (ar, name) for name, (_, ar) in EVENT_TYPES.items()}
    out[CLOSURES_IN_FORCE] = ("طرق مغلقة سارية", "road closures in force")
    return out


def _colour(event_type: str) -> str:
    names = list(EVENT_TYPES)
    return TYPE_COLORS[names.index(event_type)] if event_type in names else TYPE_COLORS[-1]


def _two(ar: str, en: str) -> str:
    """Arabic label, the English one isolated after it."""
    if not en or en == ar:
        return f"<bdi>{_esc(ar)}</bdi>"
    return f'<bdi>{_esc(ar)}</bdi> <bdi class="gi-en" lang="en" dir="ltr">{_esc(en)}</bdi>'


def _bins(days: list[str]) -> tuple[str, list[date]]:
    """The chart's unit for the period (day, week or month) and the start of every bin, in order."""
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    span = (last - first).days + 1
    if span <= DAILY_UP_TO:
        return "day", [date.fromordinal(first.toordinal() + i) for i in range(span)]
    if span <= WEEKLY_UP_TO * 7:
        start = date.fromordinal(first.toordinal() - first.weekday())
        return "week", [date.fromordinal(start.toordinal() + 7 * i) for i in range((last - start).days // 7 + 1)]
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "month", months


def _bin_of(unit: str, day: date) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return date.fromordinal(day.toordinal() - day.weekday())
    return date(day.year, day.month, 1)


def chart_svg(counts: dict[str, dict[str, int]], types: list[str]) -> str:
    """Stacked bars of incidents per day, week or month by type (an inline SVG that scales to the page)."""
    days = [d for d, c in counts.items() if any(v for t, v in c.items() if t != CLOSURES_IN_FORCE)]
    if not days:
        return ""
    unit, bins = _bins(days)
    index = {b: i for i, b in enumerate(bins)}
    stacks: list[dict[str, int]] = [defaultdict(int) for _ in bins]
    for iso, by_type in counts.items():
        i = index.get(_bin_of(unit, date.fromisoformat(iso)))
        if i is None:
            continue
        for event_type, n in by_type.items():
            if event_type != CLOSURES_IN_FORCE:
                stacks[i][event_type] += n
    top = max(sum(s.values()) for s in stacks) or 1
    width = max(len(bins), 1)
    bar_width = 1000 / width
    scale = (CHART_HEIGHT - 20) / top
    # The bars stretch to the page's width at a fixed height; the text goes around the SVG, so it never stretches.
    parts = [f'<div class="chart-top" dir="ltr">{top} <span class="gi-en">incidents per {unit} (most)</span></div>',
             f'<svg viewBox="0 0 1000 {CHART_HEIGHT}" role="img" aria-label="incidents per {unit} by type" '
             f'preserveAspectRatio="none" class="gi-chart" data-unit="{unit}" data-bins="{len(bins)}">',
             f'<line x1="0" y1="{CHART_HEIGHT}" x2="1000" y2="{CHART_HEIGHT}" stroke="#999" stroke-width="2"/>',
             ]  # fmt: skip
    for i, stack in enumerate(stacks):
        y = float(CHART_HEIGHT)
        x = i * bar_width
        for event_type in types:
            n = stack.get(event_type, 0)
            if not n:
                continue
            h = n * scale
            y -= h
            parts.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(bar_width * 0.85, 0.6):.2f}" height="{h:.2f}" '
                         f'fill="{_colour(event_type)}"><title>{bins[i].isoformat()} · {_esc(event_type)}: {n}'
                         "</title></rect>")  # fmt: skip
    parts.append("</svg>")
    middle = bins[len(bins) // 2].isoformat() if len(bins) > 2 else ""
    parts.append(f'<div class="chart-axis" dir="ltr"><span>{bins[0].isoformat()}</span><span>{middle}</span>'
                 f"<span>{bins[-1].isoformat()}</span></div>")  # fmt: skip
    return "".join(parts)


def index_html(days: dict[str, str], counts: dict[str, dict[str, int]], *, title: str = "",
               overview: str | None = None, timeline: str | None = None, undated: int = 0) -> str:  # fmt: skip
    """The index page: ``days`` maps ISO date -> page file name, ``counts`` ISO date -> type -> count.
    ``undated`` incidents (no day page) are counted in the heading, so that its total matches the overview map."""
    labels = _labels()
    seen = [t for t in list(EVENT_TYPES) + [CLOSURES_IN_FORCE] if any(t in c for c in counts.values())]
    seen += sorted({t for c in counts.values() for t in c} - set(seen))
    heading = _esc(title or "خرائط الحوادث اليومية")
    total = sum(v for c in counts.values() for k, v in c.items() if k != CLOSURES_IN_FORCE)
    head_cells = "".join(f"<th>{_esc(labels.get(t, (t, ''))[0])}<small>{_esc(t or '—')}</small></th>" for t in seen)

    months: dict[str, list[str]] = defaultdict(list)
    for iso in sorted(days, reverse=True):
        months[iso[:7]].append(iso)
    blocks: dict[str, list[str]] = defaultdict(list)
    year_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for k, (month, month_days) in enumerate(sorted(months.items(), reverse=True)):
        n = sum(v for iso in month_days for t, v in counts.get(iso, {}).items() if t != CLOSURES_IN_FORCE)
        rows = []
        for iso in month_days:
            c = counts.get(iso, {})
            day_total = sum(v for t, v in c.items() if t != CLOSURES_IN_FORCE)
            cells = "".join(f"<td>{c.get(t, 0) or ''}</td>" for t in seen)
            rows.append(f'<tr><td><a href="{_esc(days[iso])}">{_esc(iso)}</a></td><td>{day_total}</td>{cells}</tr>')
        name = f"{MONTHS_AR[int(month[5:]) - 1]} {month[:4]}"
        year_counts[month[:4]][0] += len(month_days)
        year_counts[month[:4]][1] += n
        blocks[month[:4]].append(
            f'<details class="month" id="m-{month}"{" open" if k == 0 else ""}><summary>{_esc(name)} '
            f'<bdi class="gi-en" dir="ltr">{month}</bdi> <bdi class="count">{len(month_days)} يوماً، {n} حادثة</bdi>'
            f'</summary><div class="days-wrap"><table class="days"><thead><tr><th>اليوم</th><th>الحوادث</th>'
            f"{head_cells}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></details>"
        )  # fmt: skip
    chart_types = [t for t in seen if t != CLOSURES_IN_FORCE]
    chart = chart_svg(counts, chart_types)
    legend = "".join(f'<li><i style="background:{_colour(t)}"></i>{_two(*labels.get(t, (t or OTHER_TYPE[1], t)))}</li>'
                     for t in chart_types)  # fmt: skip
    links = []
    if timeline:
        links.append(f'<a href="{_esc(timeline)}">الخريطة الزمنية لكل الأيام <bdi class="gi-en">timeline</bdi></a>')
    if overview:
        links.append(f'<a href="{_esc(overview)}">الخريطة الإجمالية بملء الشاشة <bdi class="gi-en">overview</bdi></a>')
    period = f"{min(days)} – {max(days)}" if days else ""
    undated_note = (f" · و{undated} بلا تاريخ تظهر على الخريطة الإجمالية"
                    f' <bdi class="gi-en" dir="ltr">{undated} undated, on the overview map</bdi>' if undated else "")
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>{heading}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<h1>{heading}</h1>\n<p><bdi dir="ltr">{_esc(period)}</bdi> · {len(days)} يوماً · {total} حادثة'
        f"{undated_note}</p>\n"
        f'<p class="links">{" ".join(links)}</p>\n'
        + (f'<iframe class="overview" src="{_esc(overview)}" title="overview map" loading="lazy"></iframe>\n'
           if overview else "")
        + (f'<h2>الحوادث عبر الزمن <bdi class="gi-en">incidents over time</bdi></h2>\n'
           f'<div class="chart">{chart}</div>\n<ul class="chart-legend">{legend}</ul>\n' if chart else "")
        + '<h2>الأيام <bdi class="gi-en">days</bdi></h2>\n<div id="days">\n'
        + "\n".join(
            f'<details class="year" id="y-{year}"{" open" if k == 0 else ""}><summary><bdi>{year}</bdi> '
            f'<bdi class="count">{year_counts[year][0]} يوماً، {year_counts[year][1]} حادثة</bdi></summary>'
            f"<div>{''.join(blocks[year])}</div></details>"
            for k, year in enumerate(sorted(blocks, reverse=True)))
        + "\n</div>\n</body>\n</html>\n"
    )  # fmt: skip
