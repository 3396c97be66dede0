"""The progress page's reads and charts (PRODUCT.md patient step 7): pain over time with session markers, change
from baseline in %, PHQ-9 and GAD-7 with their bands, daily MME with its reference lines.

Four queries whatever the length of the history: the sessions, the responses, the outcome (monitoring.outcomes)
and the MME rows. Read only after accounts.selectors.patient_get (which audits the access). Each chart comes with
the same numbers as table rows and a one-sentence summary for its aria-label.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import Patient
from monitoring import instruments, opioid_selectors, opioids, outcomes
from monitoring.charts import Chart, nice_high, score_text, time_span
from monitoring.models import SurveyResponse
from treatment.models import SessionStatus, TreatmentSession

CHART_CODES = ("nrs", "peg3", "phq9", "gad7")
MOOD_SCALES = {"phq9": 27, "gad7": 21}  # CLINICAL.md section 1: PHQ-9 total 0-27, GAD-7 0-21


@dataclass
class ChartBlock:
    key: str
    title: str
    summary: str
    chart: Chart | None
    caption: str
    headers: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    note: str = ""
    empty: str = "Nothing recorded yet."


@dataclass
class Progress:
    outcome: outcomes.Outcome
    charts: list[ChartBlock]
    mme_now: Decimal
    caution: str


def progress_of(*, patient: Patient) -> Progress:
    zone = ZoneInfo(patient.time_zone)
    sessions = list(
        TreatmentSession.objects.filter(patient=patient, pain_before__isnull=False, checked_at__isnull=False)
        .order_by("checked_at", "pk")
        .values("status", "checked_at", "taken_at", "pain_before")
    )
    responses = list(
        SurveyResponse.objects.filter(patient=patient, instrument__code__in=CHART_CODES)
        .order_by("answered_at", "pk")
        .values("instrument__code", "total", "band", "answered_at")
    )
    outcome = outcomes.outcome_of(patient)
    mme_points = opioid_selectors.mme_history(patient=patient)
    today = timezone.localdate(timezone=zone)
    by_code = {code: [r for r in responses if r["instrument__code"] == code] for code in CHART_CODES}
    charts = [
        _pain_chart(sessions, by_code, zone),
        _change_chart(outcome, by_code[outcome.instrument], zone),
        *(mood_chart(code, by_code[code], zone) for code in MOOD_SCALES),
        mme_chart(mme_points, today),
    ]
    mme_now = opioid_selectors.mme_on(mme_points, today)
    return Progress(outcome=outcome, charts=charts, mme_now=mme_now, caution=opioids.MME_CAUTION)


def _local(moment: dt.datetime, zone) -> str:
    return f"{moment.astimezone(zone):%-d %b %Y}"


def _pain_chart(sessions, by_code, zone) -> ChartBlock:
    completed = [s["taken_at"] for s in sessions if s["status"] == SessionStatus.COMPLETED and s["taken_at"]]
    before = [(s["checked_at"], s["pain_before"]) for s in sessions]
    nrs = [(r["answered_at"], r["total"]) for r in by_code["nrs"]]
    peg = [(r["answered_at"], r["total"]) for r in by_code["peg3"]]
    rows = sorted(
        [(w, "Pain before a session (0-10)", v) for w, v in before]
        + [(w, "Pain check-in (0-10)", v) for w, v in nrs]
        + [(w, "PEG-3 (0-10)", v) for w, v in peg],
        key=lambda row: row[0],
    )
    block = ChartBlock(
        key="pain",
        title="Pain over time",
        summary="",
        chart=None,
        caption="Pain scores, oldest first (0 is no pain, 10 the worst)",
        headers=("Date", "Measure", "Score"),
        rows=[(_local(w, zone), what, score_text(v)) for w, what, v in rows],
        note="Ticks along the bottom of the chart mark completed sessions.",
    )
    span = time_span([w for w, _, _ in rows] + completed)
    if not rows or span is None:
        block.summary = "Pain over time: no scores yet."
        return block
    chart = Chart(low=0, high=10, start=span[0], end=span[1])
    chart.add_y_ticks([0, 5, 10])
    chart.add_x_ticks()
    chart.add_markers(completed)
    chart.add_series("session", "Pain before a session", before)
    chart.add_series("nrs", "Pain check-in", nrs)
    chart.add_series("peg3", "PEG-3", peg)
    block.chart = chart
    latest_when, latest_what, latest = rows[-1]
    block.summary = (
        f"Pain over time: {len(rows)} scores from {_local(rows[0][0], zone)} to {_local(latest_when, zone)}, "
        f"{len(completed)} completed session{'s' if len(completed) != 1 else ''}; latest {latest_what.split(' (')[0]} "
        f"{score_text(latest)} out of 10."
    )
    return block


def _change_chart(outcome: outcomes.Outcome, responses, zone) -> ChartBlock:
    name = "PEG-3" if outcome.instrument == "peg3" else "pain check-in"
    block = ChartBlock(
        key="change",
        title="Change in pain from your starting point",
        summary="",
        chart=None,
        caption=f"{name} compared with the baseline, oldest first (a positive % is less pain)",
        headers=("Date", "Score", "Change"),
        note="The dashed lines mark a 30 % reduction (moderately important) and a 50 % reduction (substantial).",
    )
    baseline = outcome.baseline
    if baseline is None:
        block.summary = "Change from baseline: no pain scores yet."
        return block
    points = [(r["answered_at"], r["total"], outcomes.percent_reduction(baseline, r["total"])) for r in responses]
    block.rows = [
        (_local(w, zone), score_text(v), "undefined (baseline 0)" if p is None else f"{score_text(p)} %")
        for w, v, p in points
    ]
    if baseline == 0:
        block.summary = f"Change from baseline: the {name} baseline is 0, so a percentage is undefined."
        return block
    span = time_span([w for w, _, _ in points])
    low = min([-50, *(float(p) for _, _, p in points)])
    low = -nice_high(-low, step=25)
    chart = Chart(low=low, high=100, start=span[0], end=span[1])
    chart.add_y_ticks([low, 0, 50, 100], fmt=lambda v: f"{v}%")
    chart.add_x_ticks()
    chart.add_level("zero", "", 0)
    # Labelled on the left: the change starts near 0 % there, and rises towards the right as pain falls.
    chart.add_level("moderate", "30 %", 30, anchor="start")
    chart.add_level("substantial", "50 %", 50, anchor="start")
    chart.add_series("change", f"{name} change", [(w, p) for w, _, p in points])
    block.chart = chart
    latest = points[-1][2]
    direction = "lower" if latest >= 0 else "higher"
    block.summary = (
        f"Change from baseline: {name} baseline {score_text(baseline)}, latest {score_text(points[-1][1])}, "
        f"{score_text(abs(latest))} % {direction}."
    )
    for week, responder in (("4", outcome.week4_responder), ("12", outcome.week12_responder)):
        if responder:
            block.summary += f" Week {week}: {RESPONDER_WORDS[responder]}."
    return block


RESPONDER_WORDS = {
    outcomes.RESPONDER_SUBSTANTIAL: "substantial improvement (50 % or more)",
    outcomes.RESPONDER_MODERATE: "moderate improvement (30 % or more)",
    outcomes.RESPONDER_NONE: "less than 30 % improvement",
}


def mood_chart(code: str, responses, zone) -> ChartBlock:
    definition = instruments.definition(code)
    bands = definition["bands"]
    labels = {band["key"]: band["label"] for band in bands}
    title = {"phq9": "Mood (PHQ-9)", "gad7": "Anxiety (GAD-7)"}[code]
    high = MOOD_SCALES[code]
    block = ChartBlock(
        key=code,
        title=title,
        summary="",
        chart=None,
        caption=f"{title} totals, oldest first (0 to {high}; higher is more symptoms)",
        headers=("Date", "Total", "Band"),
        rows=[
            (_local(r["answered_at"], zone), score_text(r["total"]), labels.get(r["band"], r["band"]))
            for r in responses
        ],
        note="Bands: " + ", ".join(f"{b['label'].lower()} {b['min']}-{b['max']}" for b in bands) + ".",
    )
    if not responses:
        block.summary = f"{title}: no answers yet."
        return block
    span = time_span([r["answered_at"] for r in responses])
    chart = Chart(low=0, high=high, start=span[0], end=span[1])
    for n, band in enumerate(bands):
        # A band covers its whole scores: minimal 0-4 is drawn from 0 up to the next band's 5.
        top = bands[n + 1]["min"] if n + 1 < len(bands) else high
        chart.add_band(f"band-{n}", band["label"], band["min"], top)
    chart.add_y_ticks([b["min"] for b in bands[1:]] + [high])
    chart.add_x_ticks()
    chart.add_series(code, title, [(r["answered_at"], r["total"]) for r in responses])
    block.chart = chart
    latest = responses[-1]
    block.summary = (
        f"{title}: {len(responses)} answer{'s' if len(responses) != 1 else ''}; latest {score_text(latest['total'])} of "
        f"{high}, {labels.get(latest['band'], latest['band']).lower()}, on {_local(latest['answered_at'], zone)}."
    )
    return block


def mme_chart(points, today: dt.date) -> ChartBlock:
    low_line, high_line = opioids.MME_REFERENCE_LINES
    block = ChartBlock(
        key="mme",
        title="Opioid medicines: daily MME",
        summary="",
        chart=None,
        caption="Total daily morphine milligram equivalents (MME/day), from each change",
        headers=("From", "MME/day"),
        rows=[(f"{p.on:%-d %b %Y}", score_text(p.total)) for p in points],
        note=f"Reference lines at {low_line} and {high_line} MME/day (CDC 2022). {opioids.MME_CAUTION}",
        empty="No opioid medicine recorded.",
    )
    if not points:
        block.summary = "Daily MME: no opioid medicine recorded."
        return block
    span = time_span([points[0].on, max(today, points[-1].on)])
    high = nice_high(max(p.total for p in points), step=50, at_least=100)
    chart = Chart(low=0, high=high, start=span[0], end=span[1])
    chart.add_band("mme-above", "", high_line, high)
    chart.add_level("mme-50", f"{low_line}", low_line)
    chart.add_level("mme-90", f"{high_line}", high_line)
    chart.add_y_ticks([0, 50, 90, high] if high > 100 else [0, 50, 90])
    chart.add_x_ticks(fmt=lambda moment: f"{moment:%-d %b}")
    chart.add_series("mme", "Daily MME", [(p.on, p.total) for p in points], step=True)
    block.chart = chart
    block.summary = (
        f"Daily MME: {len(points)} change{'s' if len(points) != 1 else ''} since {points[0].on:%-d %b %Y}; "
        f"now {score_text(points[-1].total)} MME/day (reference lines at {low_line} and {high_line})."
    )
    return block
