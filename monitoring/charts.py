"""Server-rendered line charts: pure geometry for templates/monitoring/_chart.html. No database, no templates here.

A chart is a fixed viewBox (the SVG scales to the page's width: `width="100%"`); values are placed into its plot
area, time runs left to right and values bottom to top. Templates only print the numbers computed here.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 320
HEIGHT = 180
# Room for the value labels on the left and the dates below.
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 26

Number = int | float | Decimal


def score_text(value) -> str:
    """A score as people write it, for labels, tables and summaries: 7.0 → 7, 7.5 → 7.5, 33.333 → 33.3."""
    value = Decimal(value).quantize(Decimal("0.1"))
    return f"{value:f}".removesuffix(".0")


def scale(value: Number, low: Number, high: Number, out_low: float, out_high: float) -> float:
    """`value` in [low, high] placed linearly into [out_low, out_high] (either may be the larger), rounded to 0.1.
    A degenerate range (low == high) puts every value in the middle."""
    low, high, value = float(low), float(high), float(value)
    if high == low:
        return round((out_low + out_high) / 2, 1)
    return round(out_low + (value - low) * (out_high - out_low) / (high - low), 1)


def _seconds(moment: dt.datetime | dt.date) -> float:
    if isinstance(moment, dt.datetime):
        return moment.timestamp()
    return dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC).timestamp()


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Decimal | int
    when: dt.datetime | dt.date


@dataclass(frozen=True)
class Series:
    key: str  # a CSS class suffix: chart-series-<key>
    label: str
    points: tuple[Point, ...]
    path: str  # an SVG path through the points ("M x y L x y ...")
    dots: bool = True


@dataclass(frozen=True)
class Level:
    """A horizontal reference line (a threshold) or, with `y_top`, a shaded band between two values."""

    key: str
    label: str
    y: float
    y_top: float | None = None
    label_y: float = 0
    anchor: str = "end"  # where the label sits: "end" at the right of the plot, "start" at its left

    @property
    def height(self) -> float:
        return round(self.y - self.y_top, 1) if self.y_top is not None else 0


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass
class Chart:
    low: Number
    high: Number
    start: dt.datetime
    end: dt.datetime
    width: int = WIDTH
    height: int = HEIGHT
    series: list[Series] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    bands: list[Level] = field(default_factory=list)
    markers: list[float] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)

    # The plot area inside the viewBox.
    @property
    def left(self) -> int:
        return LEFT

    @property
    def right(self) -> int:
        return self.width - RIGHT

    @property
    def top(self) -> int:
        return TOP

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM

    @property
    def plot_width(self) -> int:
        return self.right - self.left

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def is_empty(self) -> bool:
        return not any(s.points for s in self.series)

    def x(self, moment: dt.datetime | dt.date) -> float:
        return scale(_seconds(moment), _seconds(self.start), _seconds(self.end), self.left, self.right)

    def y(self, value: Number) -> float:
        value = min(max(float(value), float(self.low)), float(self.high))  # clip to the plot area
        return scale(value, self.low, self.high, self.bottom, self.top)

    def add_series(self, key: str, label: str, values: Iterable[tuple], *, step: bool = False, dots: bool = True):
        """`values`: (when, value) pairs in time order. `step`: the value holds until the next one (daily MME), and
        the last one holds to the end of the chart."""
        points = tuple(Point(self.x(when), self.y(value), value, when) for when, value in values)
        path = []
        for n, point in enumerate(points):
            if n and step:
                path.append(f"L {point.x} {points[n - 1].y}")
            path.append(f"{'L' if n else 'M'} {point.x} {point.y}")
        if step and points:
            path.append(f"L {self.right} {points[-1].y}")
        self.series.append(Series(key=key, label=label, points=points, path=" ".join(path), dots=dots))

    def add_level(self, key: str, label: str, value: Number, *, anchor: str = "end"):
        y = self.y(value)
        self.levels.append(Level(key=key, label=label, y=y, label_y=round(y - 3, 1), anchor=anchor))

    def add_band(self, key: str, label: str, low: Number, high: Number):
        """A shaded band from `low` to `high` (values), labelled inside at its top."""
        y, y_top = self.y(low), self.y(high)
        self.bands.append(Level(key=key, label=label, y=y, y_top=y_top, label_y=round(y_top + 9, 1)))

    def add_markers(self, moments: Iterable[dt.datetime]):
        self.markers.extend(self.x(moment) for moment in moments)

    def add_y_ticks(self, values: Sequence[Number], fmt=str):
        self.y_ticks = [Tick(self.y(value), fmt(value)) for value in values]

    def add_x_ticks(self, count: int = 3, fmt=lambda moment: f"{moment:%-d %b}"):
        """`count` dates evenly across the chart, first and last at its ends."""
        span = self.end - self.start
        moments = [self.start + span * n / (count - 1) for n in range(count)] if count > 1 else [self.start]
        self.x_ticks = [Tick(self.x(moment), fmt(moment)) for moment in moments]


def time_span(moments: Iterable[dt.datetime | dt.date], *, at_least: dt.timedelta = dt.timedelta(days=7)):
    """The first and last moment (as aware datetimes), widened to `at_least` apart so a single point has room."""
    seconds = sorted(_seconds(moment) for moment in moments)
    if not seconds:
        return None
    start = dt.datetime.fromtimestamp(seconds[0], tz=dt.UTC)
    end = dt.datetime.fromtimestamp(seconds[-1], tz=dt.UTC)
    if end - start < at_least:
        end = start + at_least
    return start, end


def nice_high(value: Number, *, step: int = 10, at_least: Number = 0) -> int:
    """The smallest multiple of `step` at or above `value` and `at_least`."""
    top = max(float(value), float(at_least))
    return int(-(-top // step) * step) or step


SPARK_WIDTH = 100
SPARK_HEIGHT = 24


def sparkline(
    values: Sequence[tuple], *, start: dt.datetime, end: dt.datetime, low: Number, high: Number, pad: float = 2
) -> str:
    """An SVG path through (when, value) pairs in a SPARK_WIDTH x SPARK_HEIGHT box (time across, values up), `pad`
    units inside its edges; a single value is a short flat stroke so that it still shows."""
    points = [
        (
            scale(_seconds(when), _seconds(start), _seconds(end), pad, SPARK_WIDTH - pad),
            scale(min(max(float(value), float(low)), float(high)), low, high, SPARK_HEIGHT - pad, pad),
        )
        for when, value in values
    ]
    if len(points) == 1:
        x, y = points[0]
        points = [(max(pad, x - 2), y), (min(SPARK_WIDTH - pad, x + 2), y)]
    return " ".join(f"{'L' if n else 'M'} {x} {y}" for n, (x, y) in enumerate(points))
