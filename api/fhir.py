"""A patient's record as a FHIR R4 Bundle (issue 9 item 7; the codes are CLINICAL.md section 5's). Pure: rows in,
JSON-ready dicts out, no database access — the view reads the rows (one query per record type) and audits the
export.

What goes in, one resource per record:
- `Patient`: the patient.
- `MedicationRequest`: each version of each treatment plan (ketamine, RxNorm 6130; the route as SNOMED CT; the dose
  and the maximum single dose in mg; sessions per week). A version that a later one replaced is `stopped` and the
  later one names it as its `priorPrescription`; the current version is `active`, `on-hold` (paused) or
  `completed`, as its plan is.
- `MedicationAdministration`: each completed session — the dose taken in mg, the route, `effectiveDateTime` the time
  it was taken — with `request` the plan version it was taken under.
- `Observation`: the vital signs of every session (blood pressure panel 85354-9 with systolic 8480-6 and diastolic
  8462-4 in mm[Hg], heart rate 8867-4 in /min; before the dose, the second reading when the patient measured again,
  after the dose), pain before and after (72514-3), the dissociation item (Anodyne's code system), and each survey
  response's total (LOINC where CLINICAL.md gives one — NRS 72514-3, PHQ-9 44261-6, GAD-7 70274-6 — else Anodyne's
  code system: peg3, pgic, bladder) plus PHQ-9 item 9 (44260-8). Scores are in `{score}`. Observations of a
  completed session are `partOf` its MedicationAdministration; survey scores are `derivedFrom` their
  QuestionnaireResponse.
- `QuestionnaireResponse`: each survey response with every answered item (`linkId` the item key of CLINICAL.md).
- `AdverseEvent`: each adverse event, with the MedicationAdministration of its session as the suspect entity.

Every resource's id is a UUID derived from the record (the same record has the same id in every export), its
`fullUrl` is `urn:uuid:<id>`, and every reference points at one of those fullUrls: the bundle is self-contained.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal

from monitoring import instruments
from treatment.models import SNOMED_ROUTE_CODES, AdverseEventSeverity, PlanStatus, Route, SessionStatus

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
LOINC = instruments.LOINC_SYSTEM
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ADVERSE_EVENT_SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
ADVERSE_EVENT_SERIOUSNESS = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"
ADVERSE_EVENT_OUTCOME = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"

# CLINICAL.md section 5: ketamine, RxNorm ingredient 6130.
KETAMINE = {"system": RXNORM, "code": "6130", "display": "ketamine"}
# CLINICAL.md section 5: LOINC codes of the vital signs and of pain severity.
BLOOD_PRESSURE = {"system": LOINC, "code": "85354-9", "display": "Blood pressure panel with all children optional"}
SYSTOLIC = {"system": LOINC, "code": "8480-6", "display": "Systolic blood pressure"}
DIASTOLIC = {"system": LOINC, "code": "8462-4", "display": "Diastolic blood pressure"}
HEART_RATE = {"system": LOINC, "code": "8867-4", "display": "Heart rate"}
PAIN = {"system": LOINC, "code": "72514-3", "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
# SNOMED CT's preferred terms of the route codes of CLINICAL.md section 2 (treatment.models.SNOMED_ROUTE_CODES).
SNOMED_ROUTE_DISPLAYS = {
    Route.SUBLINGUAL: "Sublingual route",
    Route.BUCCAL: "Buccal route",
    Route.ORAL: "Oral route",
    Route.INTRANASAL: "Nasal route",
}
# The dissociation item of the post-dose entry (CLINICAL.md section 2) is local: Anodyne's code system, its item key.
DISSOCIATION_ITEM = "dissociation"

# Ids are UUIDs derived from the record, so that an export names the same record by the same id every time.
_NAMESPACE = uuid.UUID("6f1d3c2e-5b7a-4e49-9a51-0c8f2d7e4b13")

# A plan's status as a MedicationRequest's (https://hl7.org/fhir/R4/valueset-medicationrequest-status.html).
_REQUEST_STATUS = {PlanStatus.ACTIVE: "active", PlanStatus.PAUSED: "on-hold", PlanStatus.COMPLETED: "completed"}
# CTCAE grades 1-3 are HL7's adverse-event severities; grade 4 has none there: it is "serious" (ICH E2A: an event
# that is life-threatening is serious) and keeps its words in the text.
_SEVERITY = {
    AdverseEventSeverity.MILD: "mild",
    AdverseEventSeverity.MODERATE: "moderate",
    AdverseEventSeverity.SEVERE: "severe",
}


def resource_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"anodyne:{kind}:{key}"))


def full_url(resource: dict) -> str:
    return f"urn:uuid:{resource['id']}"


def reference(resource: dict, display: str = "") -> dict:
    ref = {"reference": full_url(resource)}
    if display:
        ref["display"] = display
    return ref


def _instant(moment: dt.datetime) -> str:
    """A dateTime with its offset, to the second (FHIR requires the zone when the time is given)."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _number(value) -> int | float:
    """A Decimal as a JSON number: 50.0 -> 50, 7.7 -> 7.7."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _quantity(value, unit: str) -> dict:
    return {"value": _number(value), "unit": unit, "system": UCUM, "code": unit}


def _mg(value) -> dict:
    return _quantity(value, "mg")


def _score(value) -> dict:
    return _quantity(value, "{score}")


def _route(route: str) -> dict | None:
    if route not in SNOMED_ROUTE_CODES:
        return None
    coding = {"system": SNOMED, "code": SNOMED_ROUTE_CODES[route], "display": SNOMED_ROUTE_DISPLAYS[route]}
    return {"coding": [coding], "text": Route(route).label}


def _category(code: str, display: str) -> list[dict]:
    return [{"coding": [{"system": OBSERVATION_CATEGORY, "code": code, "display": display}]}]


VITAL_SIGNS = _category("vital-signs", "Vital Signs")
SURVEY = _category("survey", "Survey")


# --- Patient -----------------------------------------------------------------------------------------------------


def patient_resource(patient) -> dict:
    user = patient.user
    telecom = [{"system": "email", "value": user.email}]
    if patient.phone:
        telecom.append({"system": "phone", "value": patient.phone})
    return {
        "resourceType": "Patient",
        "id": resource_id("patient", patient.pk),
        "active": user.is_active,
        "name": [{"text": user.full_name}],
        "telecom": telecom,
        "birthDate": patient.date_of_birth.isoformat(),
    }


# --- Plans: MedicationRequest ------------------------------------------------------------------------------------


def medication_request(version, *, patient: dict, prior: dict | None) -> dict:
    """One plan version. `version` comes with its plan and author; `prior` is the version it replaced, if any."""
    current = version.plan.current_version_id == version.pk
    status = _REQUEST_STATUS[version.plan.status] if current else "stopped"
    dosage = {
        "text": (
            f"Ketamine {_number(version.dose_mg)} mg {Route(version.route).label.split(' (')[0].lower()} per session, "
            f"up to {version.sessions_per_week} sessions a week, at least {version.min_hours_between} hours apart; "
            f"at most {_number(version.max_single_dose_mg)} mg at once."
        ),
        "timing": {"repeat": {"frequency": version.sessions_per_week, "period": 1, "periodUnit": "wk"}},
        "doseAndRate": [{"doseQuantity": _mg(version.dose_mg)}],
        "maxDosePerAdministration": _mg(version.max_single_dose_mg),
    }
    route = _route(version.route)
    if route:
        dosage["route"] = route
    resource = {
        "resourceType": "MedicationRequest",
        "id": resource_id("plan_version", version.pk),
        "status": status,
        "intent": "order",
        "medicationCodeableConcept": {"coding": [KETAMINE], "text": "Ketamine (racemic)"},
        "subject": reference(patient),
        "authoredOn": _instant(version.created_at),
        "requester": {"display": version.author.full_name},
        "note": [{"text": f"Plan version {version.number}: {version.reason}"}],
        "dosageInstruction": [dosage],
    }
    if prior is not None:
        resource["priorPrescription"] = reference(prior)
    return resource


def medication_requests(versions: Iterable, *, patient: dict) -> dict[int, dict]:
    """Every plan version by its id; each replaced version is the prior prescription of the one after it."""
    by_pk = {}
    previous_of_plan: dict[int, dict] = {}
    for version in sorted(versions, key=lambda v: (v.plan_id, v.number)):
        resource = medication_request(version, patient=patient, prior=previous_of_plan.get(version.plan_id))
        by_pk[version.pk] = previous_of_plan[version.plan_id] = resource
    return by_pk


# --- Sessions: MedicationAdministration and their Observations ---------------------------------------------------


def medication_administration(session, *, patient: dict, request: dict | None) -> dict:
    resource = {
        "resourceType": "MedicationAdministration",
        "id": resource_id("session", session.pk),
        "status": "completed",
        "medicationCodeableConcept": {"coding": [KETAMINE], "text": "Ketamine (racemic)"},
        "subject": reference(patient),
        "effectiveDateTime": _instant(session.taken_at),
        "dosage": {"dose": _mg(session.dose_mg)},
    }
    route = _route(session.route)
    if route:
        resource["dosage"]["route"] = route
    if request is not None:
        resource["request"] = reference(request)
    if session.notes:
        resource["note"] = [{"text": session.notes}]
    return resource


def _observation(
    key: str,
    *,
    code: dict,
    category,
    patient: dict,
    at: dt.datetime,
    part_of=None,
    text: str = "",
    note: str = "",
    **values,
) -> dict:
    resource = {
        "resourceType": "Observation",
        "id": resource_id("observation", key),
        "status": "final",
        "category": category,
        "code": {"coding": [code], "text": text or code.get("display", code["code"])},
        "subject": reference(patient),
        "effectiveDateTime": _instant(at),
    }
    if part_of is not None:
        resource["partOf"] = [reference(part_of)]
    resource.update(values)
    if note:
        resource["note"] = [{"text": note}]
    return resource


def _blood_pressure(key, systolic, diastolic, **when) -> dict:
    components = [
        {"code": {"coding": [SYSTOLIC]}, "valueQuantity": _quantity(systolic, "mm[Hg]")},
        {"code": {"coding": [DIASTOLIC]}, "valueQuantity": _quantity(diastolic, "mm[Hg]")},
    ]
    return _observation(key, code=BLOOD_PRESSURE, category=VITAL_SIGNS, component=components, **when)


def _heart_rate(key, rate, **when) -> dict:
    return _observation(key, code=HEART_RATE, category=VITAL_SIGNS, valueQuantity=_quantity(rate, "/min"), **when)


def _pain(key, pain, **when) -> dict:
    return _observation(key, code=PAIN, category=SURVEY, valueQuantity=_score(pain), **when)


def session_observations(session, *, patient: dict, administration: dict | None, code_system: str) -> list[dict]:
    """The readings of one session: before the dose at its pre-dose check, after it when the entry was made."""
    observations = []
    key = f"session:{session.pk}"
    if session.checked_at is not None:
        before = {"patient": patient, "at": session.checked_at, "part_of": administration}
        if session.systolic is not None and session.diastolic is not None:
            observations.append(_blood_pressure(f"{key}:bp", session.systolic, session.diastolic, **before))
        if session.heart_rate is not None:
            observations.append(_heart_rate(f"{key}:hr", session.heart_rate, **before))
        again = "Second reading, after 5 minutes seated and rested: the one the pre-dose check used."
        if session.remeasured_systolic is not None and session.remeasured_diastolic is not None:
            observations.append(
                _blood_pressure(
                    f"{key}:bp-again", session.remeasured_systolic, session.remeasured_diastolic, note=again, **before
                )
            )
        if session.remeasured_heart_rate is not None:
            observations.append(_heart_rate(f"{key}:hr-again", session.remeasured_heart_rate, note=again, **before))
        if session.pain_before is not None:
            observations.append(
                _pain(f"{key}:pain-before", session.pain_before, note="Pain before the dose.", **before)
            )
    after_at = session.completed_at or session.taken_at
    if after_at is not None:
        after = {"patient": patient, "at": after_at, "part_of": administration}
        if session.post_systolic is not None and session.post_diastolic is not None:
            observations.append(
                _blood_pressure(
                    f"{key}:bp-after", session.post_systolic, session.post_diastolic, note="After the dose.", **after
                )
            )
        if session.post_heart_rate is not None:
            observations.append(
                _heart_rate(f"{key}:hr-after", session.post_heart_rate, note="After the dose.", **after)
            )
        if session.pain_after is not None:
            observations.append(_pain(f"{key}:pain-after", session.pain_after, note="Pain after the dose.", **after))
        if session.dissociation is not None:
            dissociation = {
                "system": code_system,
                "code": DISSOCIATION_ITEM,
                "display": "Dissociation intensity (0-10)",
            }
            observations.append(
                _observation(
                    f"{key}:dissociation",
                    code=dissociation,
                    category=SURVEY,
                    valueQuantity=_score(session.dissociation),
                    **after,
                )
            )
    return observations


# --- Surveys: QuestionnaireResponse and score Observations -------------------------------------------------------


def questionnaire_response(response, *, patient: dict, patient_user_id: int, code_system: str) -> dict:
    """One survey response, its items in the instrument's order (`linkId` the item key)."""
    code = response.instrument.code
    definition = instruments.INSTRUMENTS.get(code)
    items = list(definition.items) if definition else []
    known = {item.key for item in items}
    answers = response.answers or {}
    answered = [(item.key, item.text) for item in items if item.key in answers]
    answered += [(key, "") for key in sorted(answers) if key not in known]
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id("survey_response", response.pk),
        "questionnaire": f"{code_system}/{code}|{response.instrument_version}",
        "status": "completed",
        "subject": reference(patient),
        "authored": _instant(response.answered_at),
    }
    if answered:  # FHIR allows no empty list: a response stored without its answers has no `item`
        resource["item"] = [
            {"linkId": key, **({"text": text} if text else {}), "answer": [{"valueInteger": int(answers[key])}]}
            for key, text in answered
        ]
    if response.answered_by_id == patient_user_id:
        resource["author"] = reference(patient)
    return resource


def _coding(code: str, part: str, code_system: str) -> dict:
    coding = instruments.coding(code, part)
    if coding["system"] != LOINC:
        coding["system"] = code_system  # the export's code system (settings.ANODYNE_CODE_SYSTEM, passed in)
    return coding


def score_observations(response, *, patient: dict, questionnaire: dict, code_system: str) -> list[dict]:
    """The response's total (and PHQ-9's item 9, the suicidality question), derived from its QuestionnaireResponse."""
    code = response.instrument.code
    definition = instruments.INSTRUMENTS.get(code)
    name = definition.name if definition else code
    total = _coding(code, "total", code_system)
    bands = {band.key: band.label for band in definition.bands} if definition else {}
    common = {"category": SURVEY, "patient": patient, "at": response.answered_at}
    derived = {"derivedFrom": [reference(questionnaire)]}
    observation = _observation(
        f"survey_response:{response.pk}:total",
        code=total,
        text=f"{name}: total score",
        valueQuantity=_score(response.total),
        **common,
        **derived,
    )
    if response.band:
        observation["interpretation"] = [{"text": bands.get(response.band, response.band)}]
    observations = [observation]
    if code == "phq9" and "q9" in (response.answers or {}):
        item9 = _coding(code, "q9", code_system)
        observations.append(
            _observation(
                f"survey_response:{response.pk}:q9",
                code=item9,
                text=f"{name}, item 9: {definition.item('q9').text}",
                valueQuantity=_score(response.answers["q9"]),
                **common,
                **derived,
            )
        )
    return observations


# --- Adverse events ----------------------------------------------------------------------------------------------


def adverse_event(event, *, patient: dict, patient_user_id: int, administration: dict | None) -> dict:
    severity = AdverseEventSeverity(event.severity)
    resource = {
        "resourceType": "AdverseEvent",
        "id": resource_id("adverse_event", event.pk),
        "actuality": "actual",
        "event": {"text": event.description},
        "subject": reference(patient),
        "date": _instant(event.started_at),
        "recordedDate": _instant(event.reported_at),
        "severity": {"text": severity.label},
        "outcome": {
            "coding": [
                {"system": ADVERSE_EVENT_OUTCOME, "code": "ongoing" if event.ongoing else "resolved"},
            ]
        },
    }
    if severity in _SEVERITY:
        resource["severity"]["coding"] = [{"system": ADVERSE_EVENT_SEVERITY, "code": _SEVERITY[severity]}]
    else:
        resource["seriousness"] = {
            "coding": [{"system": ADVERSE_EVENT_SERIOUSNESS, "code": "serious", "display": "Serious"}]
        }
    if event.reported_by_id == patient_user_id:
        resource["recorder"] = reference(patient)
    else:
        resource["recorder"] = {"display": event.reported_by.full_name}
    if administration is not None:
        resource["suspectEntity"] = [{"instance": reference(administration)}]
    return resource


# --- The bundle --------------------------------------------------------------------------------------------------


def bundle(
    *,
    patient,
    plan_versions: Iterable,
    sessions: Iterable,
    survey_responses: Iterable,
    adverse_events: Iterable,
    code_system: str,
    generated_at: dt.datetime,
) -> dict:
    """The patient's record as a Bundle of type `collection`.

    `plan_versions` with their plan and author; `sessions` any of the patient's sessions (only completed ones are
    administrations; every one checked has its readings); `survey_responses` with their instrument; `adverse_events`
    with who reported them. Every record is this patient's: the caller scopes each read to them.
    """
    patient_entry = patient_resource(patient)
    requests = medication_requests(plan_versions, patient=patient_entry)
    resources = [patient_entry, *requests.values()]
    administrations: dict[int, dict] = {}
    observations: list[dict] = []
    for session in sessions:
        administration = None
        if session.status == SessionStatus.COMPLETED and session.taken_at is not None and session.dose_mg is not None:
            administration = medication_administration(
                session, patient=patient_entry, request=requests.get(session.plan_version_id)
            )
            administrations[session.pk] = administration
        observations += session_observations(
            session, patient=patient_entry, administration=administration, code_system=code_system
        )
    questionnaires = []
    for response in survey_responses:
        questionnaire = questionnaire_response(
            response, patient=patient_entry, patient_user_id=patient.user_id, code_system=code_system
        )
        questionnaires.append(questionnaire)
        observations += score_observations(
            response, patient=patient_entry, questionnaire=questionnaire, code_system=code_system
        )
    events = []
    for event in adverse_events:
        administration = administrations.get(event.session_id)
        events.append(
            adverse_event(event, patient=patient_entry, patient_user_id=patient.user_id, administration=administration)
        )
    resources += [*administrations.values(), *observations, *questionnaires, *events]
    return {
        "resourceType": "Bundle",
        "id": resource_id("bundle", f"{patient.pk}:{generated_at.isoformat()}"),
        "type": "collection",
        "timestamp": _instant(generated_at),
        "entry": [{"fullUrl": full_url(resource), "resource": resource} for resource in resources],
    }
