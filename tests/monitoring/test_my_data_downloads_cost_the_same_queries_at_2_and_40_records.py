"""Each download reads the patient's whole history in one query, side effects and addenda included: the same number
of queries for 2 sessions or check-ins as for 40."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import Instrument, SurveyResponse, SurveyResponseAddendum
from tests.monitoring.my_data_data import START, completed, held, table
from tests.monitoring.survey_data import install_instruments
from treatment.models import Addendum

# The request's: the session and the user (2) — no consent check: these pages stay open before signing
# (treatment.middleware); request.user.patient
# (1); the audit row (the chain's lock, its last hash, insert: 3); saving the session (3); the
# file itself, sessions or responses with their side effects and addenda as subqueries (1, a server-side cursor).
QUERIES = 10


def sessions(patient, physician, count: int) -> None:
    for n in range(count):
        moment = START + dt.timedelta(days=n)
        if n % 4 == 0:
            held(patient, checked_at=moment)
            continue
        session = completed(patient, taken_at=moment, session_number=n)
        Addendum.objects.bulk_create(
            Addendum(patient=patient, record_type="session", session=session, author=physician.user,
                     reason=f"Note {k}", text="Checked with the patient.")
            for k in range(2)
        )  # fmt: skip


def responses(patient, count: int) -> None:
    install_instruments()
    peg = Instrument.objects.get(code="peg3")
    made = SurveyResponse.objects.bulk_create(
        SurveyResponse(patient=patient, instrument=peg, instrument_version="1", answered_by=patient.user,
                       answers={"pain": 6, "enjoyment": 5, "activity": 4}, total=Decimal(5),
                       answered_at=START + dt.timedelta(days=n))
        for n in range(count)
    )  # fmt: skip
    SurveyResponseAddendum.objects.bulk_create(
        SurveyResponseAddendum(response=response, author=patient.user, reason="Typo", text="I meant 5.")
        for response in made
    )


@pytest.mark.parametrize("count", [2, 40])
def test_the_sessions_download_costs_the_same_queries(client, patient, physician, django_assert_num_queries, count):
    sessions(patient, physician, count)
    client.force_login(patient.user)
    with django_assert_num_queries(QUERIES):
        _, rows = table(client.get(reverse("my_data_sessions")))
    assert len(rows) == count
    assert sum(row["side_effects"] == "nausea: mild; headache: moderate" for row in rows) == count - (count + 3) // 4


@pytest.mark.parametrize("count", [2, 40])
def test_the_surveys_download_costs_the_same_queries(client, patient, django_assert_num_queries, count):
    responses(patient, count)
    client.force_login(patient.user)
    with django_assert_num_queries(QUERIES):
        _, rows = table(client.get(reverse("my_data_surveys")))
    assert len(rows) == count
    assert {row["addenda_count"] for row in rows} == {"1"}
