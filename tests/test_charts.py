"""The charts of the programme's figures (portal/pilotage/charts.py): inline SVG that a screen reader can name,
that writes what it is given as text, and draws what the numbers say."""

import xml.etree.ElementTree as ET

from django.utils import translation

import pytest

from portal.pilotage.charts import bar_chart, column_chart, funnel_chart

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026"]
HOSTILE = '<script>alert("x")</script> & co'


def parse(markup):
    return ET.fromstring(str(markup))  # noqa: S314 - markup the test itself had drawn


def elements(root, tag, css_class=None):
    return [
        element
        for element in root.iter(SVG + tag)
        if css_class is None or css_class in element.get("class", "").split()
    ]


def texts(root):
    return ["".join(element.itertext()) for element in root.iter(SVG + "text")]


def sample(kind, title="Demandes"):
    if kind == "bar":
        return bar_chart(title, [("Données ouvertes", 40), ("Vélo", 10)], chart_id="themes")
    if kind == "column":
        return column_chart(
            title, MONTHS, [("Envoyées", [3, 8, 5, 12]), ("Acceptées", [1, 6, 4, 9])], chart_id="months"
        )
    return funnel_chart(title, [("Envoyées", 50), ("Acceptées", 31)], chart_id="funnel")


def contrast_on_white(colour):
    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[index : index + 2], 16)) for index in (1, 3, 5))
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


@pytest.mark.parametrize("kind", ["bar", "column", "funnel"])
def test_every_chart_is_well_formed_svg_named_by_its_title_and_summary(kind):
    root = parse(sample(kind, title="Demandes par mois"))

    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert len(root.get("viewBox").split()) == 4
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find(SVG + "title")
    desc = root.find(SVG + "desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text == "Demandes par mois"
    assert len(desc.text) > 10


def test_two_charts_on_one_page_never_share_an_id():
    ids = [
        element.get("id")
        for chart_id in ("sent", "answered")
        for element in parse(
            column_chart("Demandes", MONTHS, [("A", [1, 2, 3, 4]), ("B", [4, 3, 2, 1])], chart_id=chart_id)
        ).iter()
        if element.get("id")
    ]

    assert len(ids) == len(set(ids)) == 6  # title, desc and the pattern of the second series, twice


@pytest.mark.parametrize(
    "chart",
    [
        lambda: bar_chart(HOSTILE, [(HOSTILE, 3), ("Vélo", 1)], chart_id="c"),
        lambda: column_chart(HOSTILE, [HOSTILE, "mars"], [(HOSTILE, [1, 2])], chart_id="c"),
        lambda: funnel_chart(HOSTILE, [(HOSTILE, 4), ("Acceptées", 2)], chart_id="c"),
    ],
    ids=["bar", "column", "funnel"],
)
def test_a_label_is_written_as_text_never_as_markup(chart):
    markup = str(chart())
    root = parse(markup)

    assert not list(root.iter(SVG + "script")) and not list(root.iter("script"))
    assert "<script>" not in markup
    assert root.find(SVG + "title").text == HOSTILE
    assert HOSTILE in texts(root)
    assert HOSTILE in root.find(SVG + "desc").text


@pytest.mark.usefixtures("in_french")
def test_a_value_not_published_draws_no_bar_and_says_so():
    root = parse(bar_chart("Demandes", [("Vélo", 12), ("Covoiturage", None), ("Marche", 5)], chart_id="themes"))

    assert len(elements(root, "rect", "chart-bar")) == 2
    assert [text for text in texts(root) if text in ("non publié", "12", "5")] == ["12", "non publié", "5"]
    assert "1 valeur non publiée." in root.find(SVG + "desc").text


@pytest.mark.usefixtures("in_french")
def test_a_funnel_step_not_published_draws_no_bar_either():
    root = parse(funnel_chart("Entonnoir", [("Envoyées", 40), ("Acceptées", None)], chart_id="funnel"))

    assert len(elements(root, "rect", "chart-bar")) == 1
    assert "non publié" in texts(root)


def test_not_published_is_translated():
    with translation.override("en"):
        root = parse(bar_chart("Requests", [("Cycling", 3), ("Walking", None)], chart_id="themes"))

    assert "not published" in texts(root)


def test_bar_lengths_are_proportional_to_their_values():
    root = parse(bar_chart("Demandes", [("A", 10), ("B", 25), ("C", 40)], chart_id="themes"))

    widths = [float(bar.get("width")) for bar in elements(root, "rect", "chart-bar")]

    assert widths[2] > 100
    assert widths[0] / widths[2] == pytest.approx(10 / 40, abs=0.005)
    assert widths[1] / widths[2] == pytest.approx(25 / 40, abs=0.005)


def test_the_longest_bar_and_its_value_stay_inside_the_chart():
    root = parse(bar_chart("Demandes", [("A", 1234567), ("B", 5)], unit="demandes", chart_id="themes"))
    width = float(root.get("viewBox").split()[2])
    longest = elements(root, "rect", "chart-bar")[0]
    value = elements(root, "text", "chart-value")[0]

    assert float(longest.get("width")) + 6 == float(value.get("x"))
    assert float(value.get("x")) + len(value.text) * 14 * 0.55 <= width


def test_a_zero_draws_an_empty_bar_with_its_zero():
    root = parse(bar_chart("Demandes", [("Vélo", 7), ("Marche", 0)], chart_id="themes"))

    bars = elements(root, "rect", "chart-bar")
    assert len(bars) == 2
    assert float(bars[1].get("width")) == 0
    assert [text.text for text in elements(root, "text", "chart-value")] == ["7", "0"]


@pytest.mark.usefixtures("in_french")
@pytest.mark.parametrize(
    "chart",
    [
        lambda: bar_chart("Demandes", [], chart_id="c"),
        lambda: bar_chart("Demandes", [("Vélo", 0), ("Marche", 0)], chart_id="c"),
        lambda: column_chart("Demandes", [], [], chart_id="c"),
        lambda: column_chart("Demandes", MONTHS[:2], [], chart_id="c"),
        lambda: column_chart("Demandes", MONTHS[:2], [("Envoyées", [0, 0]), ("Acceptées", [0, None])], chart_id="c"),
        lambda: funnel_chart("Entonnoir", [], chart_id="c"),
        lambda: funnel_chart("Entonnoir", [("Envoyées", 0), ("Acceptées", 0)], chart_id="c"),
    ],
    ids=["bar-none", "bar-zeros", "column-none", "column-no-series", "column-zeros", "funnel-none", "funnel-zeros"],
)
def test_nothing_to_draw_gives_the_empty_state(chart):
    assert str(chart()) == '<p class="chart-empty">Pas encore de données</p>'


def test_numbers_are_written_as_the_reader_s_language_writes_them():
    items = [("Culture Shift", 1234.5), ("Agilité", 0.1 + 0.2)]
    with translation.override("fr"):
        french = texts(parse(bar_chart("Délais", items, unit="jours", chart_id="delays")))
    with translation.override("en"):
        english = texts(parse(bar_chart("Delays", items, unit="days", chart_id="delays")))

    assert "1\u00a0234,5\u00a0jours" in french
    assert "0,3\u00a0jours" in french
    assert "1,234.5\u00a0days" in english


@pytest.mark.usefixtures("in_french")
def test_a_percent_unit_follows_a_narrow_no_break_space():
    root = parse(bar_chart("Taux", [("Culture Shift", 62)], unit="%", chart_id="rates"))

    assert "62\u202f%" in texts(root)


@pytest.mark.usefixtures("in_french")
def test_a_funnel_gives_each_step_its_share_of_the_first():
    root = parse(
        funnel_chart(
            "Des demandes aux mentorats",
            [("Envoyées", 1250), ("Acceptées", 775), ("Terminées", 412), ("Publiées", 3)],
            chart_id="funnel",
        )
    )

    values = [text.text for text in elements(root, "text", "chart-value")]
    assert values == ["1\u00a0250 (100\u202f%)", "775 (62\u202f%)", "412 (33\u202f%)", "3 (<\u00a01\u202f%)"]
    widths = [float(bar.get("width")) for bar in elements(root, "rect", "chart-bar")]
    assert widths[1] / widths[0] == pytest.approx(775 / 1250, abs=0.005)
    assert root.find(SVG + "desc").text == (
        "Envoyées\u00a0: 1\u00a0250\u202f; Publiées\u00a0: 3, soit <\u00a01\u202f% de la première étape."
    )


def test_a_share_is_rounded_half_up():
    root = parse(funnel_chart("Entonnoir", [("Envoyées", 8), ("Acceptées", 5)], chart_id="funnel"))  # 62.5 %

    assert elements(root, "text", "chart-value")[1].text == "5 (63\u202f%)"


@pytest.mark.usefixtures("in_french")
def test_the_summary_names_the_largest_and_the_smallest():
    root = parse(bar_chart("Demandes", [("Vélo", 12), ("Covoiturage", 40), ("Marche", 3)], chart_id="themes"))

    assert root.find(SVG + "desc").text == ("Le plus élevé\u00a0: Covoiturage (40). Le plus faible\u00a0: Marche (3).")


@pytest.mark.usefixtures("in_french")
def test_the_summary_of_columns_gives_the_period_and_each_series_peak():
    root = parse(
        column_chart(
            "Demandes", MONTHS, [("Envoyées", [3, 8, 5, 12]), ("Acceptées", [1, 6, None, 4])], chart_id="months"
        )
    )

    assert root.find(SVG + "desc").text == (
        "De janv. 2026 à avr. 2026. Envoyées\u00a0: au plus haut 12 (avr. 2026). "
        "Acceptées\u00a0: au plus haut 6 (févr. 2026). 1 valeur non publiée."
    )


def test_column_heights_are_proportional_to_their_values():
    root = parse(column_chart("Demandes", MONTHS, [("Envoyées", [3, 8, 5, 12])], chart_id="months"))

    heights = [float(column.get("height")) for column in elements(root, "rect", "chart-column")]
    assert [height / heights[3] for height in heights] == pytest.approx([3 / 12, 8 / 12, 5 / 12, 1], abs=0.005)


def test_a_column_not_published_is_not_drawn():
    root = parse(column_chart("Demandes", MONTHS, [("Envoyées", [3, None, 5, 12])], chart_id="months"))

    assert len(elements(root, "rect", "chart-column")) == 3


@pytest.mark.parametrize(
    ("largest", "gridlines"),
    [
        (1, ["0", "1", "2", "3"]),
        (7, ["0", "2", "4", "6", "8"]),
        (30, ["0", "10", "20", "30"]),
        (101, ["0", "25", "50", "75", "100", "125"]),
        (4.5, ["0", "1", "2", "3", "4", "5"]),
        (0.4, ["0", "0.1", "0.2", "0.3", "0.4"]),
    ],
)
def test_the_value_axis_has_three_to_five_rounded_gridlines(largest, gridlines):
    with translation.override("en"):
        root = parse(column_chart("Demandes", MONTHS[:2], [("Envoyées", [0, largest])], chart_id="months"))

    lines = elements(root, "line", "chart-grid")
    assert texts(root)[1 : 1 + len(lines)] == gridlines  # after the legend
    # The top gridline is the top of the scale: the largest column reaches it in proportion.
    top, baseline = float(lines[-1].get("y1")), float(lines[0].get("y1"))
    column = elements(root, "rect", "chart-column")[-1]
    assert float(column.get("height")) / (baseline - top) == pytest.approx(largest / float(gridlines[-1]), abs=0.005)


def test_each_series_has_its_own_colour_and_pattern_and_a_legend():
    names = ["Envoyées", "Acceptées", "Terminées", "Abandonnées"]
    root = parse(column_chart("Demandes", MONTHS, [(name, [4, 3, 2, 1]) for name in names], chart_id="months"))

    columns = elements(root, "rect", "chart-column")
    swatches = elements(root, "rect", "chart-swatch")
    fills = [swatch.get("fill") for swatch in swatches]
    strokes = [swatch.get("stroke") for swatch in swatches]
    assert len(set(fills)) == len(set(strokes)) == 4
    patterns = {pattern.get("id") for pattern in root.iter(SVG + "pattern")}
    assert {fill[len("url(#") : -1] for fill in fills if fill.startswith("url(")} == patterns
    assert len(patterns) == 3  # the first series is solid, the other three hatched, dotted, lined
    assert texts(root)[: len(names)] == names
    for index in range(len(names)):
        assert {column.get("fill") for column in columns if f"chart-series-{index}" in column.get("class")} == {
            fills[index]
        }


def test_a_column_chart_refuses_a_fifth_series_or_a_missing_value():
    with pytest.raises(ValueError, match="at most 4 series"):
        column_chart("Demandes", MONTHS[:1], [(str(index), [1]) for index in range(5)], chart_id="months")
    with pytest.raises(ValueError, match="has 1 values for 2 categories"):
        column_chart("Demandes", MONTHS[:2], [("Envoyées", [1])], chart_id="months")


def test_up_to_eight_categories_are_written_level_and_all():
    root = parse(column_chart("Demandes", MONTHS, [("Envoyées", [3, 8, 5, 12])], chart_id="months"))

    categories = [text for text in root.iter(SVG + "text") if text.text in MONTHS]
    assert [text.text for text in categories] == MONTHS
    assert not any(text.get("transform") for text in categories)


def test_many_categories_are_slanted_and_thinned_out_so_none_overlap():
    months = [f"m{index:02d} 2025" for index in range(24)]
    root = parse(column_chart("Demandes", months, [("Envoyées", list(range(24)))], chart_id="months"))

    written = elements(root, "text", "chart-category")
    assert all(text.get("transform").startswith("rotate(-45 ") for text in written)
    assert [text.text for text in written] == months[::2]
    twelve = parse(column_chart("Demandes", months[:12], [("Envoyées", list(range(12)))], chart_id="months"))
    assert len(elements(twelve, "text", "chart-category")) == 12


@pytest.mark.parametrize("kind", ["bar", "column", "funnel"])
def test_bars_reach_three_to_one_and_text_four_and_a_half_to_one_against_white(kind):
    root = parse(sample(kind))

    shapes = [*elements(root, "rect", "chart-bar"), *elements(root, "rect", "chart-column")]
    shapes += elements(root, "rect", "chart-swatch")
    shape_colours = {shape.get("stroke") or shape.get("fill") for shape in shapes}
    assert shape_colours and all(contrast_on_white(colour) >= 3 for colour in shape_colours)
    text_colours = {text.get("fill") for text in root.iter(SVG + "text")}
    assert all(contrast_on_white(colour) >= 4.5 for colour in text_colours)


@pytest.mark.parametrize("kind", ["bar", "column", "funnel"])
def test_text_is_at_least_twelve_pixels_at_the_widest_drawing(kind):
    root = parse(sample(kind))
    drawn_at = 30 * 16  # charts.css: max-width 30rem
    scale = drawn_at / float(root.get("viewBox").split()[2])

    sizes = {float(text.get("font-size")) * scale for text in root.iter(SVG + "text")}
    assert min(sizes) >= 12


@pytest.mark.parametrize("kind", ["bar", "column", "funnel"])
def test_a_chart_needs_no_inline_style_nor_script(kind):
    markup = str(sample(kind))

    assert not [element for element in parse(markup).iter() if element.get("style") is not None]
    assert not any(name.startswith("on") for element in parse(markup).iter() for name in element.attrib)
    assert "<style" not in markup and "<script" not in markup


@pytest.mark.parametrize("chart_id", ["", "1st", 'x" onload="alert(1)', "a b", "a)b"])
def test_a_chart_id_that_could_break_out_of_its_attribute_is_refused(chart_id):
    with pytest.raises(ValueError, match="Not a usable chart id"):
        bar_chart("Demandes", [("Vélo", 3)], chart_id=chart_id)


def test_a_negative_value_runs_left_of_the_bars_start():
    # The dashboard's « where mentors are missing »: demand minus mentors, negative where mentors are in surplus.
    root = parse(bar_chart("Écart", [("Vélo", 6), ("Marche", -2), ("Rail", 0)], chart_id="gap"))
    width = float(root.get("viewBox").split()[2])

    origin = float(elements(root, "line", "chart-origin")[0].get("x1")) - 0.5
    demand, surplus_bar = elements(root, "rect", "chart-bar")[:2]
    assert float(demand.get("x")) == origin
    assert float(surplus_bar.get("x")) + float(surplus_bar.get("width")) == pytest.approx(origin, abs=0.1)
    assert float(surplus_bar.get("width")) / float(demand.get("width")) == pytest.approx(2 / 6, abs=0.005)
    surplus = elements(root, "text", "chart-value")[1]
    assert (surplus.text, surplus.get("text-anchor")) == ("-2", "end")
    assert float(surplus.get("x")) - len(surplus.text) * 14 * 0.6 >= 0
    assert float(demand.get("x")) + float(demand.get("width")) < width


@pytest.mark.parametrize(
    "chart",
    [
        lambda: funnel_chart("Entonnoir", [("Envoyées", 3), ("Acceptées", -1)], chart_id="funnel"),
        lambda: column_chart("Demandes", MONTHS[:1], [("Envoyées", [-1])], chart_id="months"),
    ],
    ids=["funnel", "column"],
)
def test_a_negative_count_in_a_funnel_or_columns_is_refused(chart):
    with pytest.raises(ValueError, match="not negative values"):
        chart()
