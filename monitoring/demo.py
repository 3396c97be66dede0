"""The oversight side of the demo clinic's history (treatment.demo writes the treatment side).

For each patient whose history treatment.demo has just written: the surveys they were asked and answered (the
intake battery, the weekly, fortnightly and monthly check-ins of the clinic's schedule, the follow-up pain score
after each completed session), the opioid medicines they take (responders taper them), and what their physician
did: the alerts of the past, acknowledged and resolved; the sign-off of their sessions (SessionReview) and the
signed clinical notes written with the remarkable ones.

Like treatment.demo, the past is inserted in bulk, dated in the past, a batch of patients at a time with a constant
number of queries a batch: monitoring.services stamps the present (an alert raised, a note signed, a session
signed off: now), and would take minutes for 180 days of 1,000 patients. What is recent goes through the real
rules instead, so the care team's open alerts are the ones the product raises:
- the latest response to each instrument within treatment.demo.ALERT_WINDOW is passed to
  `services.survey_alerts_apply` (worsening pain, mood worsening, bladder, suicidality), unless it plainly cannot
  raise one (`_Oversight.latest_recent_responses`);
- check-ins that went unanswered within that window are left due, for `services.surveys_expire` (the beat's own
  service) to expire with their low "survey overdue" alert.

Sign-off, as a physician keeping up with the review queue would leave it:
- a session older than BULK_SIGNED_AFTER that is unremarkable — by the review queue's own rule,
  monitoring.review_selectors.with_remarkable: not held, no `needs_review` or findings after the dose, no severe side
  effect, no adverse event, no alert — was bulk-signed (`bulk=True`) by the patient's physician a few days after;
- a remarkable session older than ALERT_WINDOW was signed on its own (`bulk=False`) with a signed clinical note,
  when its alerts were resolved;
- everything more recent awaits review: the queue holds the last week's sessions and the last two weeks' remarkable
  ones.

Deterministic (a generator seeded by the patient's email). Demo data only: scores and notes are made up.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import Clinic
from monitoring import instruments, opioids, services
from monitoring.models import (
    SEVERITY_RANK,
    Alert,
    AlertEvent,
    AlertEventWhat,
    AlertKind,
    AlertStatus,
    AssignmentStatus,
    ClinicalNote,
    Instrument,
    OpioidMedicine,
    SessionReview,
    Severity,
    SurveyAssignment,
    SurveyReason,
    SurveyResponse,
)
from monitoring.receivers import ADVERSE_EVENT_SEVERITY, ADVERSE_EVENT_WORDS, GATE_WORDS
from monitoring.review_selectors import REVIEWABLE, session_cause, with_remarkable
from treatment import demo as treatment_demo
from treatment.demo import ALERT_WINDOW, RESPONDER, WORSENING, PatientHistory
from treatment.models import SessionStatus, SideEffect, SideEffectSeverity, TreatmentSession

BULK_SIGNED_AFTER = timedelta(days=7)
INSERT_BATCH = 2000
# Most check-ins are answered, within a day or so of being due.
ANSWERED_SHARE = 0.97
# Who stands out, by position in the clinic (treatment.demo.Course): one in twelve has a mood that worsens at the
# last PHQ-9; one in fifty reports blood in the urine at the last bladder check; one in a hundred answers PHQ-9
# item 9 above 0 at the last PHQ-9 (none of the twelve patients of the small demo).
MOOD_WORSENING = (12, 8)
HEMATURIA = (50, 23)
SUICIDALITY = (100, 57)
# Opioid regimens and the steps a responder tapers through (CLINICAL.md section 4: drug, mg or mcg/h, doses a day).
REGIMENS = [
    [("oxycodone", 10, 3), ("oxycodone", 10, 2), ("oxycodone", 5, 2)],
    [("hydrocodone", 10, 4), ("hydrocodone", 10, 3), ("hydrocodone", 5, 3)],
    [("tramadol", 50, 4), ("tramadol", 50, 3), ("tramadol", 50, 2)],
    [("morphine", 30, 2), ("morphine", 15, 2), ("morphine", 15, 1)],
    [("tapentadol", 100, 2), ("tapentadol", 50, 2), ("tapentadol", 50, 1)],
    [("fentanyl_transdermal", 25, 1), ("fentanyl_transdermal", 12, 1)],
]
ON_OPIOIDS = (0, 2)  # two patients in five (by position) take an opioid when they start
TAPER_EVERY_DAYS = 60


def seed(*, days: int, clinic: Clinic | None = None, now: datetime | None = None) -> int:
    """The whole history of every patient of the clinic (the demo's by default) who has none yet: treatment, then
    oversight, batch by batch; then the recent unanswered check-ins expire. Returns how many patients."""
    now = now or timezone.now()
    seeded = 0
    for histories in treatment_demo.history_batches(days=days, clinic=clinic, now=now):
        seed_oversight(histories, now=now)
        seeded += len(histories)
    services.surveys_expire(now=now)
    return seeded


def seed_oversight(histories: list[PatientHistory], *, now: datetime) -> None:
    """Surveys, opioid medicines, past alerts, sign-offs and notes for histories just written by treatment.demo."""
    rows = _instrument_rows()
    # Which sessions a physician must sign on their own: the review queue's own rule, in one query.
    remarkable = set(
        with_remarkable(
            TreatmentSession.objects.filter(patient__in=[h.patient for h in histories], status__in=REVIEWABLE)
        )
        .filter(remarkable=True)
        .values_list("pk", flat=True)
    )
    records = [_Oversight(history, now=now, instruments=rows, remarkable=remarkable) for history in histories]
    SurveyAssignment.objects.bulk_create([a for p in records for a in p.assignments], batch_size=INSERT_BATCH)
    SurveyResponse.objects.bulk_create([r for p in records for r in p.responses], batch_size=INSERT_BATCH)
    OpioidMedicine.objects.bulk_create([m for p in records for m in p.medicines], batch_size=INSERT_BATCH)
    Alert.objects.bulk_create([a for p in records for a in p.alerts], batch_size=INSERT_BATCH)
    AlertEvent.objects.bulk_create([e for p in records for e in p.alert_events], batch_size=INSERT_BATCH)
    ClinicalNote.objects.bulk_create([n for p in records for n in p.notes], batch_size=INSERT_BATCH)
    SessionReview.objects.bulk_create([r for p in records for r in p.reviews], batch_size=INSERT_BATCH)
    for record in records:
        for response in record.latest_recent_responses():
            services.survey_alerts_apply(response=response)


def _instrument_rows() -> dict[str, Instrument]:
    """The Instrument rows (migration 0003 copies them; copied again here if a test flushed them)."""
    rows = Instrument.objects.in_bulk(list(instruments.INSTRUMENT_CODES), field_name="code")
    for code in instruments.INSTRUMENT_CODES:
        if code not in rows:
            data = instruments.definition(code)
            rows[code], _ = Instrument.objects.get_or_create(
                code=code, defaults={"name": data["name"], "version": data["version"], "definition": data}
            )
    return rows


@dataclass(frozen=True)
class _Asked:
    """A check-in to write: what, why, when it was due and until when it could be answered."""

    code: str
    reason: str
    slot: str
    due_at: datetime
    expires_at: datetime
    created_at: datetime
    session_id: int | None = None


class _Oversight:
    """The unsaved oversight rows of one patient's history (pure Python: no query)."""

    def __init__(self, history: PatientHistory, *, now: datetime, instruments: dict, remarkable: set[int]):
        self.history, self.now, self.instruments, self.remarkable = history, now, instruments, remarkable
        self.patient, self.physician, self.course = history.patient, history.physician, history.course
        # Reproducible demo data, not security.
        self.rng = random.Random(f"anodyne-demo-oversight-{history.patient.user.email}")  # noqa: S311
        self.zone = ZoneInfo(self.patient.time_zone)
        self.assignments, self.responses = [], []
        self.medicines, self.alerts, self.alert_events, self.notes, self.reviews = [], [], [], [], []
        self.mood = {"phq9": self.rng.choice([2, 2, 3, 7, 7, 12]), "gad7": self.rng.choice([2, 3, 3, 6, 7, 11])}
        self._surveys()
        self._medicines()
        self._sign_off()

    def _stands_out(self, rule: tuple[int, int]) -> bool:
        every, at = rule
        return self.course.index % every == at

    # --- Surveys -------------------------------------------------------------------------------------------------

    def _surveys(self) -> None:
        clinic, started, now = self.patient.clinic, self.history.started, self.now
        expiry = timedelta(hours=clinic.survey_expiry_hours)
        asked = [
            _Asked(code, SurveyReason.INTAKE, "intake", started, started + expiry, started)
            for code in services.INTAKE_BATTERY
        ]
        periods = {
            "peg3": clinic.peg3_every_days,
            "phq9": clinic.phq9_every_days,
            "gad7": clinic.gad7_every_days,
            "bladder": clinic.bladder_every_days,
        }
        anchors = dict.fromkeys(periods, started.astimezone(self.zone).date())
        completed = [s for s in self.history.sessions if s.status == SessionStatus.COMPLETED]
        if completed:
            anchors["pgic"], periods["pgic"] = (
                completed[0].taken_at.astimezone(self.zone).date(),
                clinic.pgic_every_days,
            )
        for code, every in periods.items():
            number = 1
            while True:
                start = anchors[code] + timedelta(days=number * every)
                due = datetime.combine(start, services.SURVEY_DUE_LOCAL_TIME, tzinfo=self.zone)
                if due > now:
                    break
                slot = f"every-{every}d:{start.isoformat()}"
                asked.append(_Asked(code, SurveyReason.SCHEDULE, slot, due, due + expiry, due))
                number += 1
        follow_up = timedelta(hours=clinic.followup_nrs_after_hours)
        for session in completed:
            due = session.completed_at + follow_up
            asked.append(
                _Asked(
                    "nrs", SurveyReason.FOLLOW_UP, f"session:{session.pk}", due, due + services.FOLLOW_UP_EXPIRY,
                    session.completed_at, session.pk,
                )
            )  # fmt: skip
        asked.sort(key=lambda a: a.due_at)
        answered = []
        for ask in asked:
            answered_at = self._answered_at(ask)
            status = AssignmentStatus.COMPLETED if answered_at else AssignmentStatus.DUE
            if not answered_at and ask.expires_at <= now - ALERT_WINDOW:
                status = AssignmentStatus.EXPIRED  # long ago; a recent one is left for services.surveys_expire
            assignment = SurveyAssignment(
                patient=self.patient, instrument=self.instruments[ask.code], reason=ask.reason, slot=ask.slot,
                session_id=ask.session_id, due_at=ask.due_at, expires_at=ask.expires_at, status=status,
                created_at=ask.created_at,
            )  # fmt: skip
            self.assignments.append(assignment)
            if answered_at:
                answered.append((ask, assignment, answered_at))
        last = {}  # instrument code -> the latest answered, for the patients who stand out
        for ask, _, answered_at in answered:
            last[ask.code] = answered_at
        for ask, assignment, answered_at in answered:
            answers = self._answers(ask.code, answered_at, latest=answered_at == last[ask.code])
            result = instruments.score(ask.code, answers)
            self.responses.append(
                SurveyResponse(
                    patient=self.patient, instrument=self.instruments[ask.code], instrument_version=result.version,
                    assignment=assignment, answered_by=self.patient.user, answers=answers,
                    total=Decimal(result.total), band=result.band or "", flags=sorted(result.flags),
                    subscales=dict(result.subscales or {}), answered_at=answered_at,
                )
            )  # fmt: skip

    def _answered_at(self, ask: _Asked) -> datetime | None:
        if ask.reason == SurveyReason.INTAKE:
            return ask.due_at + timedelta(minutes=self.rng.randint(10, 50))
        if self.rng.random() >= ANSWERED_SHARE:
            return None
        window = (ask.expires_at - ask.due_at).total_seconds()
        answered_at = ask.due_at + timedelta(seconds=self.rng.uniform(0.02, 0.5) * window)
        return answered_at if answered_at <= self.now else None

    def _answers(self, code: str, at: datetime, *, latest: bool) -> dict[str, int]:
        rng, day, days = self.rng, self.history.day_of(at), self.history.days
        pain = self.course.pain(day, days)
        recent = at >= self.now - ALERT_WINDOW
        # The intake is the baseline, answered as the course says: noise there would make later scores look
        # worse than baseline (the worsening-pain rule, CLINICAL.md section 3) when they are not.
        noise = 0 if day < 1 else 1
        if code == "nrs":
            return {"pain": _clamp(round(pain + noise * rng.uniform(-1, 1)))}
        if code == "peg3":
            worst = _clamp(round(pain + noise * rng.uniform(-0.6, 0.6)))
            return {"pain": worst, "enjoyment": _clamp(worst + noise * rng.randint(-1, 1)),
                    "activity": _clamp(worst + noise * rng.randint(-1, 1))}  # fmt: skip
        if code in ("phq9", "gad7"):
            # A steady level that eases a little as the pain does, never rising but for the patients who stand
            # out: no band rises by noise alone, so mood alerts mean something.
            total = self.mood[code] - int(4 * self.course.improvement(day))
            items = [f"q{n}" for n in range(1, 10 if code == "phq9" else 8)]
            worsening = code == "phq9" and latest and recent and self._stands_out(MOOD_WORSENING)
            answers = _spread(max(0, total) + (5 if worsening else 0), items[:8] if code == "phq9" else items, rng)
            if code == "phq9":
                answers["q9"] = 1 if latest and recent and self._stands_out(SUICIDALITY) else 0
            return answers
        if code == "pgic":
            if self.course.kind == WORSENING and latest:
                return {"change": 5}  # minimally worse
            better = self.course.improvement(day)
            # 1 very much, 2 much, 3 minimally improved, 4 no change (CLINICAL.md section 1).
            return {"change": 1 if better >= 0.5 else 2 if better >= 0.3 else 3 if better >= 0.1 else 4}
        if code == "bladder":
            blood = 1 if latest and recent and self._stands_out(HEMATURIA) else 0
            return {"q1": rng.choice([0, 0, 1]), "q2": rng.choice([0, 1, 1]), "q3": rng.choice([0, 1, 1, 2]), "q4": 0,
                    "blood": blood}  # fmt: skip
        raise ValueError(f"No demo answers for {code!r}.")

    def latest_recent_responses(self) -> list[SurveyResponse]:
        """The latest saved response to each instrument answered within the alert window, for the alert rules.

        Skipped without asking the rules: a pain score or bladder check no higher than the intake's and without a
        flag. The rules' baseline (monitoring.outcomes) costs a query of its own, and they need a score above it —
        in the demo the intake is the only response before the first session, so the baseline is the intake's."""
        intake, latest = {}, {}
        for response in self.responses:
            code = response.instrument.code
            intake.setdefault(code, response.total)
            if response.answered_at >= self.now - ALERT_WINDOW:
                latest[code] = response
        return [
            response
            for code, response in latest.items()
            if code not in ("nrs", "peg3", "bladder") or response.flags or response.total > intake[code]
        ]

    # --- Opioid medicines ------------------------------------------------------------------------------------------

    def _medicines(self) -> None:
        if self.course.index % 5 not in ON_OPIOIDS:
            return
        steps = self.rng.choice(REGIMENS)
        start_day = self.history.started.astimezone(self.zone).date()
        started_on = start_day - timedelta(days=self.rng.randint(180, 900))
        recorded_at = self.history.started + timedelta(minutes=20)  # recorded with the intake
        # A responder's physician tapers every TAPER_EVERY_DAYS or so; the others keep their dose.
        changes = []
        if self.course.kind == RESPONDER:
            day = TAPER_EVERY_DAYS + self.rng.randint(-7, 7)
            while day < self.history.days and len(changes) < len(steps) - 1:
                changes.append(start_day + timedelta(days=day))
                day += TAPER_EVERY_DAYS
        for number, (drug, dose, per_day) in enumerate(steps[: len(changes) + 1]):
            stopped_on = changes[number] if number < len(changes) else None
            self.medicines.append(
                OpioidMedicine(
                    patient=self.patient, drug=drug, mg_per_dose=Decimal(dose), doses_per_day=per_day,
                    daily_mme=opioids.daily_mme(drug, Decimal(dose), per_day), started_on=started_on,
                    stopped_on=stopped_on, recorded_by=self.physician, recorded_at=recorded_at,
                )
            )  # fmt: skip
            if stopped_on:
                started_on = stopped_on
                recorded_at = datetime.combine(stopped_on, datetime.min.time(), tzinfo=self.zone) + timedelta(hours=11)

    # --- Alerts of the past, sign-off and notes --------------------------------------------------------------------

    def _sign_off(self) -> None:
        now = self.now
        adverse_events = {ae.session_id: ae for ae in self.history.adverse_events}
        strong_effects = {
            e.session_id: e for e in self.history.side_effects if e.severity != SideEffectSeverity.MILD
        }  # fmt: skip
        for session in self.history.sessions:
            if session.status not in REVIEWABLE:
                continue
            at = session.completed_at or session.checked_at
            adverse_event = adverse_events.get(session.pk)
            effect = strong_effects.get(session.pk)
            if session.pk not in self.remarkable:
                if at < now - BULK_SIGNED_AFTER:
                    reviewed_at = min(at + timedelta(hours=self.rng.uniform(12, 96)), now)
                    self.reviews.append(self._review(session, reviewed_at, bulk=True))
                continue
            if at >= now - ALERT_WINDOW:
                continue  # awaits review; its alerts (treatment.demo) are open
            alert = None
            if session.status == SessionStatus.HELD:
                words = ", ".join(GATE_WORDS.get(f["code"], f["code"]) for f in session.gate_failures)
                alert = self._resolved_alert(
                    AlertKind.DOSE_HELD, Severity.HIGH, session_cause(session.pk), session.checked_at,
                    f"Session held before dosing: {words}.",
                )  # fmt: skip
                self._resolved_alert(
                    AlertKind.BLOOD_PRESSURE, Severity.HIGH, session_cause(session.pk), session.checked_at,
                    f"Blood pressure {session.systolic}/{session.diastolic} mmHg before dosing, beyond the plan's "
                    "limits.",
                )  # fmt: skip
            if adverse_event:
                alert = self._resolved_alert(
                    AlertKind.ADVERSE_EVENT, ADVERSE_EVENT_SEVERITY[adverse_event.severity],
                    f"adverse_event:{adverse_event.pk}", adverse_event.reported_at,
                    f"Adverse event reported, graded {ADVERSE_EVENT_WORDS[adverse_event.severity]}.",
                )  # fmt: skip
            signed_at = alert.resolved_at if alert else at + timedelta(hours=self.rng.uniform(4, 30))
            note = ClinicalNote(
                patient=self.patient, clinic_id=self.patient.clinic_id, author=self.physician, session=session,
                alert=alert, text=self._note_text(session, effect, adverse_event),
                created_at=signed_at - timedelta(minutes=6), updated_at=signed_at - timedelta(minutes=6),
                signed_at=signed_at,
            )  # fmt: skip
            self.notes.append(note)
            self.reviews.append(self._review(session, signed_at, bulk=False, note=note))

    def _review(self, session, reviewed_at: datetime, *, bulk: bool, note: ClinicalNote | None = None):
        return SessionReview(
            session=session, patient=self.patient, clinic_id=self.patient.clinic_id, reviewed_by=self.physician,
            reviewed_at=reviewed_at, bulk=bulk, note=note,
        )  # fmt: skip

    def _resolved_alert(self, kind, severity, cause: str, raised_at: datetime, summary: str) -> Alert:
        """An alert raised at the time, acknowledged within hours and resolved with a note by the physician."""
        acknowledged_at = raised_at + timedelta(minutes=self.rng.randint(8, 240))
        resolved_at = acknowledged_at + timedelta(hours=self.rng.uniform(1, 20))
        resolution = "Called the patient and reviewed the session; see the clinical note. Plan unchanged."
        alert = Alert(
            patient=self.patient, clinic_id=self.patient.clinic_id, kind=kind, severity=severity,
            severity_rank=SEVERITY_RANK[severity], cause=cause, status=AlertStatus.RESOLVED, summary=summary,
            first_raised_at=raised_at, last_raised_at=raised_at, acknowledged_at=acknowledged_at,
            acknowledged_by=self.physician, resolved_at=resolved_at, resolved_by=self.physician,
            resolution_note=resolution,
        )  # fmt: skip
        self.alerts.append(alert)
        self.alert_events += [
            AlertEvent(alert=alert, at=raised_at, what=AlertEventWhat.RAISED, severity=severity, note=summary),
            AlertEvent(
                alert=alert, at=acknowledged_at, actor=self.physician, what=AlertEventWhat.ACKNOWLEDGED,
                severity=severity,
            ),
            AlertEvent(
                alert=alert, at=resolved_at, actor=self.physician, what=AlertEventWhat.RESOLVED, severity=severity,
                note=resolution,
            ),
        ]  # fmt: skip
        return alert

    def _note_text(self, session, effect, adverse_event) -> str:
        if session.status == SessionStatus.HELD:
            limits = f"{session.plan_version.systolic_limit}/{session.plan_version.diastolic_limit}"
            return (
                f"Session held before dosing: blood pressure {session.systolic}/{session.diastolic} mmHg, over the "
                f"plan's limits of {limits}. Spoke with the patient by phone: no headache, chest pain or visual "
                "change. Asked them to rest, repeat the reading tomorrow morning and bring a week of home readings "
                "to the next review. Plan unchanged."
            )
        parts = []
        if session.needs_review:
            parts.append(
                f"Strong dissociation reported ({session.dissociation}/10) after {session.dose_mg:.0f} mg; the "
                "sitter was present and it settled within the session."
            )
        if effect:
            label = SideEffect(effect.effect).label.lower()
            parts.append(f"{effect.get_severity_display()} {label} after the dose")
            if adverse_event:
                parts[-1] += ", reported as an adverse event; it had resolved by the next day"
            parts[-1] += "."
        parts.append("Reviewed with the patient by phone. No change to the plan; they will report any recurrence.")
        return " ".join(parts)


def _clamp(value: int, low: int = 0, high: int = 10) -> int:
    return max(low, min(high, value))


def _spread(total: int, items: list[str], rng: random.Random, most: int = 3) -> dict[str, int]:
    """`total` points spread at random over `items`, each 0 to `most` (PHQ-9 and GAD-7 items)."""
    answers = dict.fromkeys(items, 0)
    for _ in range(min(total, most * len(items))):
        key = rng.choice([k for k in items if answers[k] < most])
        answers[key] += 1
    return answers
