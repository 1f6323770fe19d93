"""Charts drawn on the server as inline SVG: no script, no chart library, nothing fetched from elsewhere.

Each function returns the markup of one chart, or a short « Pas encore de données » paragraph when there is
nothing to draw. The page shows the chart's data table beside it; the SVG itself carries a title and a short
summary (its accessible name, through aria-labelledby) for people who do not see it.

Layout: every chart is drawn in a viewBox 400 units wide with text of 14 units, and scales to the width
of its box (charts.css caps it, so text stays between about 12 px on a 390 px phone and 17 px on a desktop).
Labels sit above their bar rather than beside it, so a long theme name needs no second column. Colours are
the portal's (portal.css) and set as presentation attributes, not style attributes: the public site's
Content-Security-Policy refuses inline styles, and the admin does not load portal.css. Bars and columns reach
3:1 against white, text 4.5:1; series differ by pattern as well as colour, so they read in greyscale.
"""

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 400
FONT_SIZE = 14
LINE_HEIGHT = 18
BAR_HEIGHT = 20
ROW_GAP = 14
LABEL_LINES = 2
PLOT_HEIGHT = 170
MAX_COLUMN_WIDTH = 28
CATEGORY_LENGTH = 24  # characters: a merged period, « 2026-01 to 2026-03 », fits whole
MAX_SERIES = 4
MAX_AXIS_STEPS = 5
MIN_AXIS_STEPS = 3
SIN_45 = math.sqrt(2) / 2

INK = "#17252b"  # --color-ink: 15.7:1 on white
INK_SOFT = "#44575e"  # --color-ink-soft: 7.6:1
LINE = "#d3dfdc"  # --color-line: gridlines only, the numbers are in the labels and the table
PAPER = "#ffffff"
BAR = "#0b5660"  # --color-brand: 8.4:1
# (colour, pattern): solid, diagonal stripes, dots, horizontal stripes. Colours from portal.css: brand,
# focus, culture-shift and ink-soft, each at least 5:1 on white.
SERIES_STYLES = (("#0b5660", "solid"), ("#b64c00", "stripes"), ("#5a3d91", "dots"), ("#44575e", "lines"))

CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def bar_chart(title, items, *, unit="", chart_id):
    """Horizontal bars, one per (label, value); a value of None is not published: no bar, « non publié ».
    A negative value (a gap that is a surplus, say) runs left of the bars' start."""
    _check_chart_id(chart_id)
    items = [(str(label), value) for label, value in items]
    values = [value for _, value in items]
    if _nothing_to_draw(values):
        return _empty_state()
    rows = [(label, value, None if value is None else _with_unit(value, unit)) for label, value in items]
    return _horizontal_bars("bar", chart_id, title, _bar_summary(items, unit), rows)


def funnel_chart(title, steps, *, chart_id):
    """The stages of a funnel as horizontal bars, each with its count and its share of the first stage."""
    _check_chart_id(chart_id)
    steps = [(str(label), _checked(value)) for label, value in steps]
    values = [value for _, value in steps]
    if _nothing_to_draw(values):
        return _empty_state()
    first = values[0]
    rows = []
    for label, value in steps:
        text = None
        if value is not None:
            share = _share(value, first)
            text = _number(value) if share is None else f"{_number(value)} ({share})"
        rows.append((label, value, text))
    return _horizontal_bars("funnel", chart_id, title, _funnel_summary(steps), rows)


def column_chart(title, categories, series, *, unit="", chart_id):
    """Columns grouped by category (months, say), one colour and pattern per series (at most four)."""
    _check_chart_id(chart_id)
    categories = [str(category) for category in categories]
    series = [(str(name), [_checked(value) for value in values]) for name, values in series]
    if len(series) > MAX_SERIES:
        raise ValueError(f"A column chart shows at most {MAX_SERIES} series, not {len(series)}.")
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(categories)} categories.")
    every_value = [value for _, values in series for value in values]
    if not categories or not any(every_value):
        return _empty_state()

    parts = [_pattern_definitions(chart_id, len(series))]
    y = 0

    # Legend: a swatch drawn like the columns, then the series' name; items wrap onto new rows.
    x = 0
    for index, (name, _values) in enumerate(series):
        item_width = 20 + _text_width(name, FONT_SIZE) + 16
        if x and x + item_width > WIDTH:
            x, y = 0, y + LINE_HEIGHT + 4
        parts.append(_column_rect(chart_id, index, x, y + 2, 14, 14, css_class="chart-swatch"))
        parts.append(_text(x + 20, y + 14, name))
        x += item_width
    y += LINE_HEIGHT + 10
    if unit:
        parts.append(_text(0, y + 12, unit, fill=INK_SOFT))
        y += LINE_HEIGHT
    top = y + 8
    bottom = top + PLOT_HEIGHT

    ticks = _axis_ticks(max(value for value in every_value if value is not None))
    top_tick = float(ticks[-1])
    tick_labels = [_number(tick) for tick in ticks]
    tick_width = max(_text_width(label, FONT_SIZE) for label in tick_labels)

    labels = [_shorten(category, CATEGORY_LENGTH) for category in categories]
    label_width = max(_text_width(label, FONT_SIZE) for label in labels)
    left = tick_width + 8
    slot = (WIDTH - left - 2) / len(categories)
    rotated = len(categories) > 8 or label_width > slot - 4
    if rotated:
        # The first label slants left of its column: leave it room.
        left = max(left, label_width * SIN_45 - (WIDTH - left) / len(categories) / 2 + 4)
        slot = (WIDTH - left - 2) / len(categories)
    every = math.ceil(LINE_HEIGHT / (slot * SIN_45)) if rotated else 1

    for tick, label in zip(ticks, tick_labels, strict=True):
        tick_y = bottom - PLOT_HEIGHT * float(tick) / top_tick
        colour = INK_SOFT if tick == 0 else LINE
        parts.append(
            format_html(
                '<line class="chart-grid" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                _n(left),
                _n(tick_y),
                _n(WIDTH),
                _n(tick_y),
                colour,
            )
        )
        parts.append(_text(left - 6, tick_y + 4.5, label, fill=INK_SOFT, anchor="end"))

    column = min(slot * 0.75 / len(series), MAX_COLUMN_WIDTH)
    group = column * len(series)
    for position, category in enumerate(categories):
        group_x = left + slot * position + (slot - group) / 2
        for index, (name, values) in enumerate(series):
            value = values[position]
            if value is None:
                continue
            height = PLOT_HEIGHT * float(value) / top_tick
            tooltip = _("%(series)s, %(category)s: %(value)s") % {
                "series": name,
                "category": category,
                "value": _with_unit(value, unit),
            }
            parts.append(
                _column_rect(
                    chart_id,
                    index,
                    group_x + column * index,
                    bottom - height,
                    max(column - 1, 1),
                    height,
                    tooltip=tooltip,
                )
            )
        if position % every:
            continue
        centre = left + slot * position + slot / 2
        if rotated:
            parts.append(
                format_html(
                    '<text class="chart-category" x="{x}" y="{y}" font-size="{size}" fill="{fill}" '
                    'text-anchor="end" transform="rotate(-45 {x} {y})">{label}</text>',
                    x=_n(centre + 4),
                    y=_n(bottom + 14),
                    size=FONT_SIZE,
                    fill=INK,
                    label=labels[position],
                )
            )
        else:
            parts.append(_text(centre, bottom + 18, labels[position], anchor="middle", css_class="chart-category"))
    height = bottom + (label_width * SIN_45 + 20 if rotated else 24)
    return _svg("column", chart_id, title, _column_summary(categories, series, unit), height, parts)


def _horizontal_bars(kind, chart_id, title, summary, rows):
    """Bars under their labels, each followed by its value text; rows of `(label, value, value text)`. A
    negative value (a gap that is a surplus) runs left of the bars' common start, its value before it."""
    published = [(value, text) for _label, value, text in rows if value is not None]
    largest = max((value for value, _value_text in published), default=0)
    lowest = min((value for value, _value_text in published), default=0)
    room_right = max((_text_width(text, FONT_SIZE) for value, text in published if value >= 0), default=0) + 8
    room_left = max((_text_width(text, FONT_SIZE) for value, text in published if value < 0), default=-8) + 8
    scale = max(WIDTH - room_left - room_right, WIDTH / 2)
    spread = max(largest, 0) - min(lowest, 0)
    origin = room_left + (scale * -min(lowest, 0) / spread if spread else 0)
    parts = []
    y = 0
    for label, value, text in rows:
        for line in _wrap(label, WIDTH, FONT_SIZE):
            parts.append(_text(0, y + 14, line, css_class="chart-label"))
            y += LINE_HEIGHT
        bar_y = y + 4
        if value is None:
            parts.append(
                _text(0, bar_y + 15, _("not published"), css_class="chart-unpublished", fill=INK_SOFT, italic=True)
            )
        else:
            width = scale * abs(float(value)) / spread if spread else 0
            if value:
                width = max(width, 2)  # the smallest count still shows
            start = origin - width if value < 0 else origin
            # The bars' start, drawn even when a bar is empty (a zero), unlike a value not published.
            parts.append(
                format_html(
                    '<line class="chart-origin" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{ink}" '
                    'stroke-width="1"/><rect class="chart-bar" x="{start}" y="{top}" width="{width}" height="{height}" '
                    'fill="{fill}"/>',
                    x=_n(origin + 0.5),
                    top=_n(bar_y),
                    bottom=_n(bar_y + BAR_HEIGHT),
                    ink=INK_SOFT,
                    start=_n(start),
                    width=_n(width),
                    height=BAR_HEIGHT,
                    fill=BAR,
                )
            )
            if value < 0:
                parts.append(_text(start - 6, bar_y + 15, text, css_class="chart-value", anchor="end"))
            else:
                parts.append(_text(start + width + 6, bar_y + 15, text, css_class="chart-value"))
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return _svg(kind, chart_id, title, summary, y - ROW_GAP + 2, parts)


def _svg(kind, chart_id, title, summary, height, parts):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{kind}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" width="100%" viewBox="0 0 {width} {height}" '
        'font-size="{size}" fill="{ink}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        kind=kind,
        id=chart_id,
        width=WIDTH,
        height=_n(math.ceil(height)),
        size=FONT_SIZE,
        ink=INK,
        title=title,
        desc=summary,
        body=mark_safe("".join(parts)),  # noqa: S308 - each part was built by format_html
    )


def _empty_state():
    return format_html('<p class="chart-empty">{}</p>', _("No data yet"))


def _text(x, y, content, *, fill=INK, anchor="start", css_class="", italic=False):
    return format_html(
        '<text{class_} x="{x}" y="{y}" font-size="{size}" fill="{fill}"{anchor}{italic}>{content}</text>',
        class_=format_html(' class="{}"', css_class) if css_class else "",
        x=_n(x),
        y=_n(y),
        size=FONT_SIZE,
        fill=fill,
        anchor=format_html(' text-anchor="{}"', anchor) if anchor != "start" else "",
        italic=mark_safe(' font-style="italic"') if italic else "",
        content=content,
    )


def _column_rect(chart_id, index, x, y, width, height, *, css_class="chart-column", tooltip=None):
    colour, pattern = SERIES_STYLES[index]
    fill = colour if pattern == "solid" else f"url(#{chart_id}-series-{index})"
    return format_html(
        '<rect class="{css_class} chart-series-{index}" x="{x}" y="{y}" width="{width}" height="{height}" '
        'fill="{fill}" stroke="{colour}" stroke-width="1">{tooltip}</rect>',
        css_class=css_class,
        index=index,
        x=_n(x),
        y=_n(y),
        width=_n(width),
        height=_n(height),
        fill=fill,
        colour=colour,
        tooltip=format_html("<title>{}</title>", tooltip) if tooltip else "",
    )


def _pattern_definitions(chart_id, count):
    """Patterns of the series after the first (solid), on white so a column's outline still shows."""
    shapes = {
        "stripes": '<path d="M-1 1 l2 -2 M0 6 l6 -6 M5 7 l2 -2" stroke="{colour}" stroke-width="2"/>',
        "dots": '<circle cx="3" cy="3" r="1.6" fill="{colour}"/>',
        "lines": '<path d="M0 1.5 h6 M0 4.5 h6" stroke="{colour}" stroke-width="1.5"/>',
    }
    patterns = []
    for index, (colour, pattern) in enumerate(SERIES_STYLES[:count]):
        if pattern == "solid":
            continue
        patterns.append(
            format_html(
                '<pattern id="{id}-series-{index}" width="6" height="6" patternUnits="userSpaceOnUse">'
                '<rect width="6" height="6" fill="{paper}"/>{shape}</pattern>',
                id=chart_id,
                index=index,
                paper=PAPER,
                shape=format_html(shapes[pattern], colour=colour),
            )
        )
    return format_html("<defs>{}</defs>", mark_safe("".join(patterns))) if patterns else ""  # noqa: S308


def _axis_ticks(largest):
    """Rounded gridlines from 0: the smallest step of 1, 2, 2.5 or 5 times a power of ten reaching the largest
    value in at most five steps, with at least three (counts keep whole steps)."""
    largest = largest or 1
    whole = float(largest).is_integer()
    exponent = math.floor(math.log10(largest / MAX_AXIS_STEPS))
    for power in range(exponent - 1, exponent + 2):
        for mantissa in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            step = mantissa * Decimal(10) ** power
            if whole and step != step.to_integral_value():
                continue
            steps = math.ceil(Decimal(str(largest)) / step)
            if steps <= MAX_AXIS_STEPS:
                return [step * index for index in range(max(steps, MIN_AXIS_STEPS) + 1)]
    raise AssertionError("unreachable: a step of 10 ** (exponent + 1) always fits")  # pragma: no cover


def _bar_summary(items, unit):
    published = [(label, value) for label, value in items if value is not None]
    sentences = []
    if len(published) == 1:
        label, value = published[0]
        sentences.append(_("%(label)s: %(value)s") % {"label": label, "value": _with_unit(value, unit)} + ".")
    elif published:
        highest = max(published, key=lambda item: item[1])
        lowest = min(published, key=lambda item: item[1])
        sentences.append(
            _("Highest: %(highest)s (%(highest_value)s). Lowest: %(lowest)s (%(lowest_value)s).")
            % {
                "highest": highest[0],
                "highest_value": _with_unit(highest[1], unit),
                "lowest": lowest[0],
                "lowest_value": _with_unit(lowest[1], unit),
            }
        )
    sentences.append(_unpublished_sentence(len(items) - len(published)))
    return " ".join(sentence for sentence in sentences if sentence)


def _funnel_summary(steps):
    (first, first_value), (last, last_value) = steps[0], steps[-1]
    share = None if first_value is None or last_value is None else _share(last_value, first_value)
    if len(steps) > 1 and share is not None:
        return _("%(first)s: %(first_value)s; %(last)s: %(last_value)s, that is %(share)s of the first step.") % {
            "first": first,
            "first_value": _number(first_value),
            "last": last,
            "last_value": _number(last_value),
            "share": share,
        }
    return " ".join(
        _("%(label)s: %(value)s") % {"label": label, "value": _("not published") if value is None else _number(value)}
        + "."
        for label, value in steps
    )


def _column_summary(categories, series, unit):
    sentences = []
    if len(categories) > 1:
        sentences.append(_("From %(first)s to %(last)s.") % {"first": categories[0], "last": categories[-1]})
    unpublished = 0
    for name, values in series:
        published = [(value, category) for value, category in zip(values, categories, strict=True) if value is not None]
        unpublished += len(values) - len(published)
        if not published:
            sentences.append(_("%(series)s: not published.") % {"series": name})
        elif not any(value for value, _category in published):
            sentences.append(_("%(series)s: 0 throughout.") % {"series": name})
        else:
            value, category = max(published, key=lambda item: item[0])
            sentences.append(
                _("%(series)s: highest %(value)s (%(category)s).")
                % {"series": name, "value": _with_unit(value, unit), "category": category}
            )
    sentences.append(_unpublished_sentence(unpublished))
    return " ".join(sentence for sentence in sentences if sentence)


def _unpublished_sentence(count):
    if not count:
        return ""
    return ngettext("%(count)s value not published.", "%(count)s values not published.", count) % {
        "count": _number(count)
    }


def _share(value, first):
    """The share of the first step, as « 62 % »; « < 1 % » rather than « 0 % » for a few."""
    if not first:
        return None
    percent = Decimal(value) * 100 / Decimal(first)
    rounded = int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if value and not rounded:
        return f"<{NBSP}1{NARROW_NBSP}%"
    return f"{_number(rounded)}{NARROW_NBSP}%"


def _with_unit(value, unit):
    if not unit:
        return _number(value)
    return f"{_number(value)}{NARROW_NBSP if unit.startswith('%') else NBSP}{unit}"


def _number(value):
    """A count or measure as the active language writes it (« 1 234,5 » in French), at most two decimals."""
    if isinstance(value, float | Decimal):
        value = round(Decimal(str(value)), 2)
        value = int(value) if value == value.to_integral_value() else value.normalize()
    return number_format(value, use_l10n=True, force_grouping=True)


def _checked(value):
    """Funnels and columns count people and requests: a negative number there is a mistake upstream."""
    if value is not None and value < 0:
        raise ValueError(f"Funnels and columns draw counts, not negative values ({value}).")
    return value


def _nothing_to_draw(values):
    """No values, or zero everywhere; a chart whose values are not published still says so, row by row."""
    return not values or all(value == 0 for value in values)


def _check_chart_id(chart_id):
    # The id names the title, the summary and the patterns (url(#…)): letters, digits, - and _ only.
    if not CHART_ID.match(chart_id or ""):
        raise ValueError(f"Not a usable chart id: {chart_id!r}.")


def _text_width(text, size):
    """How wide a text is drawn, estimated generously (system fonts average about 0.55 em a character)."""
    return len(text) * size * 0.6


def _wrap(label, width, size):
    """The label on at most two lines; what does not fit ends with « … » (the table has the whole label)."""
    per_line = max(int(width / (size * 0.6)), 1)
    lines, line = [], ""
    for word in label.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= per_line or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > LABEL_LINES:
        lines = [*lines[: LABEL_LINES - 1], " ".join(lines[LABEL_LINES - 1 :])]
    return [_shorten(line, per_line) for line in lines]


def _shorten(text, length):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _n(number):
    """A coordinate, to a tenth of a unit."""
    return f"{float(number):.1f}".removesuffix(".0")
