"""monitoring.charts places values and times into the chart's viewBox: low values at the bottom, the first moment
at the left edge of the plot, a step series holds each value to the next, clipped values stay inside."""

import datetime as dt
from decimal import Decimal

from monitoring import charts
from monitoring.charts import Chart

START = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
END = START + dt.timedelta(days=10)


def test_scale_is_linear_and_may_run_backwards():
    assert charts.scale(5, 0, 10, 0, 100) == 50
    assert charts.scale(Decimal("2.5"), 0, 10, 100, 0) == 75  # values grow upwards: y runs backwards
    assert charts.scale(3, 3, 3, 0, 100) == 50  # a degenerate range: the middle


def test_points_land_in_the_plot_area():
    chart = Chart(low=0, high=10, start=START, end=END)
    chart.add_series("peg3", "PEG-3", [(START, 0), (START + dt.timedelta(days=5), 5), (END, 10)])
    (first, middle, last) = chart.series[0].points
    assert (first.x, first.y) == (chart.left, chart.bottom)
    assert (last.x, last.y) == (chart.right, chart.top)
    assert middle.x == (chart.left + chart.right) / 2
    assert middle.y == (chart.top + chart.bottom) / 2
    assert chart.series[0].path == f"M {first.x} {first.y} L {middle.x} {middle.y} L {last.x} {last.y}"
    assert chart.view_box == "0 0 320 180"


def test_a_step_series_holds_each_value_to_the_next_and_to_the_end():
    chart = Chart(low=0, high=100, start=START, end=END)
    chart.add_series("mme", "MME", [(START.date(), 90), ((START + dt.timedelta(days=5)).date(), 45)], step=True)
    a, b = chart.series[0].points
    assert chart.series[0].path == f"M {a.x} {a.y} L {b.x} {a.y} L {b.x} {b.y} L {chart.right} {b.y}"


def test_values_beyond_the_scale_are_clipped_and_levels_and_bands_are_placed():
    chart = Chart(low=0, high=100, start=START, end=END)
    assert chart.y(150) == chart.top and chart.y(-5) == chart.bottom
    chart.add_level("mme-50", "50", 50)
    chart.add_band("above", "", 90, 100)
    assert chart.levels[0].y == (chart.top + chart.bottom) / 2
    band = chart.bands[0]
    assert (band.y_top, band.y) == (chart.top, chart.y(90))
    assert band.height == round(chart.y(90) - chart.top, 1)


def test_time_span_gives_a_single_point_room_and_x_ticks_span_it():
    start, end = charts.time_span([START])
    assert end - start == dt.timedelta(days=7)
    chart = Chart(low=0, high=10, start=start, end=end)
    chart.add_x_ticks(3)
    assert [t.at for t in chart.x_ticks] == [chart.left, (chart.left + chart.right) / 2, chart.right]
    assert chart.x_ticks[0].label == "1 Mar"
    assert charts.time_span([]) is None


def test_nice_high():
    assert charts.nice_high(87, step=50, at_least=100) == 100
    assert charts.nice_high(Decimal("135.5"), step=50, at_least=100) == 150
    assert charts.nice_high(0) == 10
