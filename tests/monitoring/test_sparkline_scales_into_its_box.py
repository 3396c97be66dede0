"""A sparkline is a path inside its 100 x 24 box: time across, values up (0 at the bottom, 10 at the top)."""

import datetime as dt

from monitoring.charts import SPARK_HEIGHT, SPARK_WIDTH, sparkline

START = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
END = START + dt.timedelta(days=90)


def _points(path):
    parts = path.split()
    return [(float(parts[n + 1]), float(parts[n + 2])) for n in range(0, len(parts), 3)]


def test_first_and_last_moments_sit_at_the_padded_edges_and_values_rise_upwards():
    path = sparkline([(START, 10), (END, 0)], start=START, end=END, low=0, high=10)
    assert path.startswith("M ") and " L " in path
    (x0, y0), (x1, y1) = _points(path)
    assert (x0, x1) == (2, SPARK_WIDTH - 2)
    assert (y0, y1) == (2, SPARK_HEIGHT - 2)


def test_values_outside_the_scale_are_clipped():
    ((_, high), (_, low)) = _points(sparkline([(START, 99), (END, -5)], start=START, end=END, low=0, high=10))
    assert (high, low) == (2, SPARK_HEIGHT - 2)


def test_a_single_value_is_a_short_visible_stroke():
    points = _points(sparkline([(START + dt.timedelta(days=45), 5)], start=START, end=END, low=0, high=10))
    assert len(points) == 2 and points[0][1] == points[1][1] and points[0][0] < points[1][0]
