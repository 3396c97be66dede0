"""Reads about treatment that pages, API views and middleware share."""

from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, When

from accounts.models import Clinic, Patient, User
from treatment import supply
from treatment.models import (
    ConsentSignature,
    ConsentVersion,
    Dispense,
    PlanStatus,
    PlanVersion,
    SessionStatus,
    SupplyCount,
    TreatmentPlan,
    TreatmentSession,
)


@dataclass(frozen=True)
class ConsentStatus:
    current: ConsentVersion | None  # the clinic's latest version; None when it has published none
    signature: ConsentSignature | None  # the patient's signature of `current`, if they signed it

    @property
    def signed(self) -> bool:
        return self.signature is not None

    @property
    def needs_signature(self) -> bool:
        return self.current is not None and self.signature is None


def _versions_newest_first(clinic_id: int | OuterRef) -> QuerySet:
    """A clinic's consent versions, the current one (the latest published) first: the one rule of which is current."""
    return ConsentVersion.objects.filter(clinic_id=clinic_id).order_by("-version")


def consent_current(*, clinic_id: int) -> ConsentVersion | None:
    return _versions_newest_first(clinic_id).select_related("published_by").first()


def consent_status(patient: Patient) -> ConsentStatus:
    """The clinic's current consent and the patient's signature of it (two queries)."""
    current = consent_current(clinic_id=patient.clinic_id)
    signature = None
    if current is not None:
        signature = ConsentSignature.objects.filter(patient=patient, consent_version=current).first()
    return ConsentStatus(current=current, signature=signature)


def consent_signed_expression() -> Exists:
    """`consent_status(patient).signed` as an expression of a Patient query (OuterRef "pk", "clinic_id"), for reads
    that need it with other facts in one query: a signature of the clinic's latest version."""
    current = _versions_newest_first(OuterRef(OuterRef("clinic_id"))).values("pk")[:1]
    return Exists(ConsentSignature.objects.filter(patient_id=OuterRef("pk"), consent_version_id=Subquery(current)))


def consent_needed(user: User) -> bool:
    """Whether a signed-in patient must sign their clinic's current consent first. One query, for every request:

    SELECT EXISTS(a signature by this user's patient of v) FROM consent versions v
    WHERE v.clinic = the user's clinic ORDER BY v.version DESC LIMIT 1
    — an index lookup on (clinic, version) and one on (patient, consent_version). No row (nothing published) means
    no signature is needed. Staff cost nothing: the caller checks the role first.
    """
    signed = (
        _versions_newest_first(user.clinic_id)
        .annotate(
            signed=Exists(ConsentSignature.objects.filter(consent_version=OuterRef("pk"), patient__user_id=user.pk))
        )
        .values_list("signed", flat=True)
        .first()
    )
    return signed is False


def consent_history(*, clinic: Clinic) -> QuerySet:
    """Every version a clinic published, newest first, with who published it and how many patients signed it."""
    return (
        ConsentVersion.objects.filter(clinic=clinic)
        .select_related("published_by")
        .annotate(signature_count=Count("signatures"))
        .order_by("-version")
    )


def plan_for(*, patient) -> TreatmentPlan | None:
    """The patient's current plan (active or paused; else the latest), with its current version and history."""
    return (
        TreatmentPlan.objects.filter(patient=patient)
        .select_related("current_version__author")
        .prefetch_related(
            Prefetch("versions", queryset=PlanVersion.objects.select_related("author").order_by("-number"))
        )
        .order_by(Case(When(status=PlanStatus.COMPLETED, then=1), default=0), "-created_at")
        .first()
    )


@dataclass(frozen=True)
class PlanChange:
    field: str
    label: str
    before: object
    after: object


# Where a field's own name reads poorly in "what changed" (a label change in the model would need a migration).
PLAN_FIELD_LABELS = {"refill_at_sessions": "Refill offered below (sessions' worth)"}


def plan_changes(older: PlanVersion | None, newer: PlanVersion) -> list[PlanChange]:
    """What a version changed from the one before it, field by field, in the plan page's order."""
    changes = []
    for name in PlanVersion.CLINICAL_FIELDS:
        before = getattr(older, name) if older else None
        after = getattr(newer, name)
        if before != after:
            label = PLAN_FIELD_LABELS.get(name) or PlanVersion._meta.get_field(name).verbose_name.capitalize()
            changes.append(PlanChange(name, label, before, after))
    return changes


# --- Dispensing (CLINICAL.md section 2, "Dispensing"; the arithmetic is treatment.supply) -------------------------


@dataclass(frozen=True)
class SupplyOnHand:
    expected_units: Decimal  # exact; may be negative when more was logged than dispensed
    strength_mg_per_unit: Decimal  # of the latest dispense
    units_dispensed: int
    latest_dispense_id: int

    @property
    def expected_units_rounded(self) -> Decimal:
        return self.expected_units.quantize(supply.CENTI)


def supply_on_hand(patient: Patient) -> SupplyOnHand | None:
    """The patient's expected units on hand now; None when nothing was ever dispensed to them.

    Two queries whatever the history: the dispenses, then the completed sessions' doses (their day is taken in the
    patient's time zone, to find the strength they were taken from: treatment.supply explains).
    """
    dispenses = list(
        Dispense.objects.filter(patient=patient)
        .order_by("dispensed_on", "pk")
        .values_list("pk", "dispensed_on", "units", "strength_mg_per_unit")
    )
    if not dispenses:
        return None
    zone = ZoneInfo(patient.time_zone)
    doses = (
        supply.DoseRow(taken_on=taken_at.astimezone(zone).date(), dose_mg=dose_mg)
        for taken_at, dose_mg in TreatmentSession.objects.filter(
            patient=patient, status=SessionStatus.COMPLETED
        ).values_list("taken_at", "dose_mg")
    )
    result = supply.on_hand([supply.DispenseRow(day, units, strength) for _, day, units, strength in dispenses], doses)
    return SupplyOnHand(
        expected_units=result.expected_units,
        strength_mg_per_unit=result.strength_mg_per_unit,
        units_dispensed=result.units_dispensed,
        latest_dispense_id=dispenses[-1][0],
    )


def dispense_log(patient: Patient) -> QuerySet:
    """Every dispense of the patient, newest first, with who recorded it and its addenda (two queries)."""
    return (
        Dispense.objects.filter(patient=patient)
        .select_related("recorded_by")
        .prefetch_related("addenda__author")
        .order_by("-dispensed_on", "-pk")
    )


def supply_counts(patient: Patient) -> QuerySet:
    """Every count of the patient's units on hand, newest first, with who counted (one query)."""
    return SupplyCount.objects.filter(patient=patient).select_related("counted_by").order_by("-counted_at", "-pk")


@dataclass(frozen=True)
class SupplyOverview:
    on_hand: SupplyOnHand | None  # None when nothing was ever dispensed
    days_left: Decimal | None  # at the active plan's dose and sessions per week; None without both


def supply_overview(patient: Patient) -> SupplyOverview:
    """Expected units on hand and how long they last at the active plan (three queries): the days as the refill
    offer and the chart read them (RefillPosition.days_left, rounded down)."""
    on_hand = supply_on_hand(patient)
    days_left = None
    if on_hand is not None:
        days_left = RefillPosition(on_hand=on_hand, version=active_version(patient)).days_left
    return SupplyOverview(on_hand=on_hand, days_left=days_left)


_LOOK_UP = object()


@dataclass(frozen=True)
class RefillPosition:
    """The supply on hand against the active plan: what the dispense reconciliation's early-refill rule and the
    refill offer both read (CLINICAL.md section 2, "Dispensing"; issue 10). Rules: treatment.supply."""

    on_hand: SupplyOnHand | None  # None when nothing was ever dispensed
    version: PlanVersion | None  # the active plan's current version; None without an active plan

    @property
    def known(self) -> bool:
        return self.on_hand is not None and self.version is not None

    @property
    def early(self) -> bool:
        """A refill now is early: the units on hand would still last more than 7 days (supply.is_early_refill)."""
        return self.known and supply.is_early_refill(
            units_on_hand=self.on_hand.expected_units,
            dose_mg=self.version.dose_mg,
            strength_mg_per_unit=self.on_hand.strength_mg_per_unit,
            sessions_per_week=self.version.sessions_per_week,
        )

    @property
    def below_refill_level(self) -> bool:
        """The units on hand fall below the plan's refill level (supply.below_refill_level): offer a refill."""
        return self.known and supply.below_refill_level(
            units_on_hand=self.on_hand.expected_units,
            dose_mg=self.version.dose_mg,
            strength_mg_per_unit=self.on_hand.strength_mg_per_unit,
            refill_at_sessions=self.version.refill_at_sessions,
        )

    @property
    def days_left(self) -> Decimal | None:
        """How long the units on hand last at the plan's dose and sessions per week, rounded down to 0.1 day."""
        if not self.known:
            return None
        return supply.days_to_show(
            supply.days_of_supply(
                units_on_hand=self.on_hand.expected_units,
                dose_mg=self.version.dose_mg,
                strength_mg_per_unit=self.on_hand.strength_mg_per_unit,
                sessions_per_week=self.version.sessions_per_week,
            )
        )


def active_version(patient: Patient) -> PlanVersion | None:
    """The current version of the patient's active plan (one query); None without an active plan."""
    return PlanVersion.objects.filter(
        plan__patient=patient, plan__status=PlanStatus.ACTIVE, plan__current_version__pk=F("pk")
    ).first()


def refill_position(patient: Patient, *, version=_LOOK_UP) -> RefillPosition:
    """The supply on hand and the active plan's version. Pass `version` when the caller has read the active plan's
    current version already (None: no active plan); else it is read here (one query). Without an active plan the
    supply is not read: nothing can be judged against it. Up to three queries (version, dispenses, doses)."""
    if version is _LOOK_UP:
        version = active_version(patient)
    if version is None:
        return RefillPosition(on_hand=None, version=None)
    return RefillPosition(on_hand=supply_on_hand(patient), version=version)


@dataclass(frozen=True)
class CountLine:
    count: SupplyCount
    mismatch: bool | None  # None when nothing had been dispensed at the time, so nothing was expected


def supply_count_history(patient: Patient) -> list[CountLine]:
    """The patient's counts, newest first, each with whether it matched what was expected then (one query)."""
    return [
        CountLine(
            count,
            None
            if count.expected_units is None
            else supply.count_mismatches(expected_units=count.expected_units, reported_units=count.units_on_hand),
        )
        for count in supply_counts(patient)
    ]
