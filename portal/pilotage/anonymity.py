"""The rules that keep published figures from singling anyone out.

A count from 1 to 4 could point at a person (the only mentor of a theme, the one request of a month): no
published count is below THRESHOLD unless it is zero. Small rows are merged rather than blanked, so that the
totals stay exact and no blanked cell can be recovered by subtracting the others from a total:
- categories (themes, models) with a small count go into one « Autres » row; while that row still holds a
  small count, the smallest of the remaining rows joins it;
- periods (months) join their next month until none of their counts is small; a last period still small
  joins the ones before it until it is not;
- what is still small when nothing is left to merge with is not published (None);
- categories that overlap (themes: a request counts under each theme of its challenge) have no published
  total made of them: their small cells are simply left empty (`suppress_small`), with any figure computed
  from them.
A figure derived from people's records (a rate, a median, a mean) is published only when it stands on at
least THRESHOLD records.
"""

THRESHOLD = 5


def is_small(value):
    return value is not None and 0 < value < THRESHOLD


def has_small(row, counts):
    return any(is_small(row[name]) for name in counts)


def add(into, row, counts):
    for name in counts:
        into[name] += row[name]


def merge_categories(rows, counts, *, label, other):
    """`rows`: dicts with `label` and the `counts` names. Returns new dicts, the rows that need no merging in
    their order, then the « Autres » row (its label `other`) when anything was merged."""
    kept = [dict(row) for row in rows if not has_small(row, counts)]
    merged = [row for row in rows if has_small(row, counts)]
    if not merged:
        return kept
    rest = {label: other, **dict.fromkeys(counts, 0)}
    for row in merged:
        add(rest, row, counts)
    while has_small(rest, counts) and kept:
        smallest = min(kept, key=lambda row: sum(row[name] for name in counts))
        kept.remove(smallest)
        add(rest, smallest, counts)
    return [*kept, suppress_small(rest, counts)]


def merge_periods(rows, counts, *, start, end):
    """`rows`: dicts in time order with their period's `start` and `end` and the `counts`. Returns the periods
    merged so that no count is small."""
    periods = []
    current = None
    for row in rows:
        if current is None:
            current = dict(row)
        else:
            add(current, row, counts)
            current[end] = row[end]
        if not has_small(current, counts):
            periods.append(current)
            current = None
    if current is not None:
        # The last periods are still small: they join the ones before them, as many as it takes.
        while has_small(current, counts) and periods:
            before = periods.pop()
            add(before, current, counts)
            before[end] = current[end]
            current = before
        periods.append(suppress_small(current, counts))
    return periods


def suppress_small(row, counts):
    return {**row, **{name: None for name in counts if is_small(row[name])}}


def count(value):
    """A single published count: itself, or None when small."""
    return None if is_small(value) else value


def derived(value, records):
    """A rate, median or mean standing on `records` records: published from THRESHOLD records on."""
    return value if records >= THRESHOLD else None
