"""Plausible input for a treatment session (CLINICAL.md section 2, "Plausible input"). Pure: no database.

These bounds catch typing errors (a systolic of 1,200); they are not clinical limits, which are the plan's gates
(treatment.gates). Each validator raises django.core.exceptions.ValidationError whose messages name the field in
plain words and give the allowed range, so a form can show them as they are and change nothing. treatment.gates
calls them too, so no entry point can gate on a typing error.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

# CLINICAL.md section 2, "Plausible input".
SYSTOLIC_RANGE = (60, 260)  # mmHg
DIASTOLIC_RANGE = (30, 160)  # mmHg
HEART_RATE_RANGE = (25, 250)  # per minute
SCALE_RANGE = (0, 10)  # pain (NRS) and dissociation
DOSE_PLAUSIBLE_TIMES_MAXIMUM = 10  # dose > 0 mg and <= 10 x the plan's maximum single dose


def validate_vitals(systolic: int, diastolic: int, heart_rate: int | None, *, second_reading: bool = False) -> None:
    """Raises one ValidationError listing every implausible value; systolic must be above diastolic.

    heart_rate None means not measured (allowed after the dose only; treatment.gates.evaluate requires one).
    second_reading names the re-measurement in the messages. Each message's code names its reading ("systolic",
    "diastolic", "heart_rate"; systolic not above diastolic is the systolic's), so a caller can show it by its field.
    """
    again = ", second reading" if second_reading else ""
    errors = {
        "systolic": _range_error(
            systolic, SYSTOLIC_RANGE, f"Systolic blood pressure (the upper number){again}", " mmHg"
        ),
        "diastolic": _range_error(
            diastolic, DIASTOLIC_RANGE, f"Diastolic blood pressure (the lower number){again}", " mmHg"
        ),
    }
    if heart_rate is not None:
        errors["heart_rate"] = _range_error(heart_rate, HEART_RATE_RANGE, f"Heart rate{again}", " per minute")
    errors = {reading: error for reading, error in errors.items() if error}
    if not errors and systolic <= diastolic:
        errors["systolic"] = (
            f"The upper number (systolic{again}) must be higher than the lower number (diastolic); "
            f"you entered {systolic}/{diastolic}."
        )
    if errors:
        raise ValidationError([ValidationError(message, code=reading) for reading, message in errors.items()])


def validate_scale(name: str, value: int) -> None:
    """A 0-10 answer; `name` in plain words, as the message starts with it ("Pain now", "Dissociation")."""
    if error := _range_error(value, SCALE_RANGE, name, ""):
        raise ValidationError(error)


def validate_dose(dose_mg: Decimal, max_single_dose_mg: Decimal) -> None:
    """More than 0 mg and at most 10 times the plan's maximum single dose (an int or a Decimal; a bool is not)."""
    limit = max_single_dose_mg * DOSE_PLAUSIBLE_TIMES_MAXIMUM
    number = isinstance(dose_mg, int | Decimal) and not isinstance(dose_mg, bool) and Decimal(dose_mg).is_finite()
    if not (number and 0 < dose_mg <= limit):
        raise ValidationError(
            f"The dose taken must be more than 0 mg and at most {plain_number(limit)} mg (10 times your plan's "
            f"maximum single dose of {plain_number(max_single_dose_mg)} mg); you entered {dose_mg}."
        )


def validate_time_taken(taken_at: dt.datetime, checked_at: dt.datetime, now: dt.datetime) -> None:
    """Not in the future, not before the pre-dose check. The check counts from its minute, because a time is
    entered to the minute: a dose taken at 10:05 follows a check made at 10:05:30."""
    taken_at = to_utc(taken_at, "taken_at")
    if taken_at > to_utc(now, "now"):
        raise ValidationError("The time you took the dose cannot be in the future.")
    if taken_at < to_utc(checked_at, "checked_at").replace(second=0, microsecond=0):
        raise ValidationError("The time you took the dose cannot be before your pre-dose check.")


# Issue 9: a mobile client may send a record made offline with the device's own time. Up to 7 days old it is still a
# report the care team can act on; a time in the future is refused, as the gates are evaluated at the time given
# (a check dated ahead would shorten the interval since the last dose).
RECORD_TIME_MAX_AGE = dt.timedelta(days=7)


def validate_record_time(moment: dt.datetime, now: dt.datetime, *, what: str) -> None:
    """A time given for a record (a pre-dose check, a dose taken): not in the future, at most 7 days ago. `what`
    starts the message in plain words ("The time of your pre-dose check")."""
    moment, now = to_utc(moment, "moment"), to_utc(now, "now")
    if moment > now:
        raise ValidationError(f"{what} cannot be in the future.")
    if moment < now - RECORD_TIME_MAX_AGE:
        raise ValidationError(f"{what} cannot be more than {RECORD_TIME_MAX_AGE.days} days ago.")


# A phone number as people type it (issue 10, the sitter's phone): digits, spaces, +, -, and brackets, 7 to 20
# characters with at least 7 digits. Plausible, not verified: it is shown back to the patient as a tel: link.
PHONE_LENGTH = (7, 20)
PHONE_MIN_DIGITS = 7
PHONE_CHARACTERS = frozenset("0123456789 +-()")


def normalise_phone(phone: str) -> str:
    """Runs of spaces become one; nothing else is changed (the number is shown as the patient typed it)."""
    return " ".join((phone or "").split())


def sitter_named(present: bool, name: str) -> bool:
    """A sitter present and named: what the sitter gate asks for (CLINICAL.md section 2, checklist)."""
    return bool(present and (name or "").strip())


def validate_sitter_phone(phone: str, *, sitter_required: bool, sitter_present: bool, sitter_name: str) -> None:
    """The sitter's phone: required when the plan asks for a sitter and one is named (without one the sitter gate
    holds anyway), and plausible whenever it is given. The one rule: the gates, the page's form and the API ask it."""
    phone = normalise_phone(phone)
    if not phone:
        if sitter_required and sitter_named(sitter_present, sitter_name):
            raise ValidationError(
                "Enter your sitter's phone number, so that they can be called if you need help during the session."
            )
        return
    low, high = PHONE_LENGTH
    digits = sum(character.isdigit() for character in phone)
    if not set(phone) <= PHONE_CHARACTERS or not low <= len(phone) <= high or digits < PHONE_MIN_DIGITS:
        raise ValidationError(
            f"Your sitter's phone number can have only digits, spaces, +, - and brackets, {low} to {high} "
            f"characters with at least {PHONE_MIN_DIGITS} digits; you entered “{phone}”."
        )


def to_utc(moment: dt.datetime, name: str) -> dt.datetime:
    """The same instant in UTC. A naive datetime is a programming error, not the patient's."""
    if moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return moment.astimezone(dt.UTC)


def plain_number(value: Decimal | int) -> str:
    """2, 1.5 or 37.5, never 2.0 or 1E+2."""
    return format(Decimal(value).normalize(), "f")


def _range_error(value, bounds: tuple[int, int], what: str, unit: str) -> str | None:
    low, high = bounds
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return None
    return f"{what} must be a whole number from {low} to {high}{unit}; you entered {value}."
