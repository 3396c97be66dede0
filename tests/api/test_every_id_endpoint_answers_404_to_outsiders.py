"""Every /api/v1/ endpoint that names a record in its URL answers 404 — never a hint that the record exists — to
whoever may not see that record: another patient of the clinic, a physician of the clinic off the patient's care
team, a physician of another clinic and a clinic admin of another clinic; for every method it has (GET, and POST or
PATCH with a body). Someone who may see the record gets an answer other than 404 (the record is real).

The endpoints are found by walking api.urls (get_resolver), so an endpoint added later is covered without a new
test. Each URL keyword needs a maker of a real record of Maya's below: an endpoint whose keyword has none fails
test_every_id_keyword_has_a_maker. A router's `pk` is made per basename (`own-session:pk`).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.urls import router
from tests.api.staff_data import alert_of, colleague, invitation_of, login, outside_admin, write  # noqa: F401
from tests.monitoring.review_data import completed, signed_note
from tests.monitoring.survey_data import assign
from tests.treatment.record_data import reported_adverse_event

METHODS = ("get", "post", "put", "patch", "delete")
OUTSIDERS = ("second_patient", "other_physician", "outside_physician", "outside_admin")
INSIDERS = ("patient", "physician", "clinic_admin")


def _walk(resolver):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry)
        elif isinstance(entry, URLPattern):
            keywords = set(entry.pattern.regex.groupindex)
            # A router's `.json` twin of each route (the `format` keyword) is the same view: its plain route is walked.
            if keywords and "format" not in keywords:
                yield entry


def id_endpoints() -> dict[str, URLPattern]:
    """Every named api.urls pattern with a keyword, by name."""
    return {entry.name: entry for entry in _walk(get_resolver("api.urls"))}


def methods_of(entry: URLPattern) -> list[str]:
    callback = entry.callback
    actions = getattr(callback, "actions", None)  # a ViewSet's route: its method -> action map
    if actions:
        return [method for method in METHODS if method in actions]
    view = callback.cls
    return [method for method in METHODS if hasattr(view, method)]


def _basename(url_name: str) -> str | None:
    names = [basename for _, _, basename in router.registry if url_name.startswith(f"{basename}-")]
    return max(names, key=len) if names else None


def maker_keys(url_name: str, entry: URLPattern) -> dict[str, str]:
    """URL keyword -> the key of its maker."""
    keys = {}
    for keyword in entry.pattern.regex.groupindex:
        keys[keyword] = f"{_basename(url_name)}:pk" if keyword == "pk" else keyword
    return keys


# How to make a real record of Maya's (or of her clinic) for each keyword. Arguments: the cast as a dict.
MAKERS = {
    "patient_pk": lambda cast: cast["patient"].pk,
    "alert_pk": lambda cast: alert_of(cast["patient"]).pk,
    "note_pk": lambda cast: signed_note(cast["patient"]).pk,
    "invitation_pk": lambda cast: invitation_of(cast["clinic_admin"]).pk,
    "user_pk": lambda cast: colleague(cast["patient"].clinic).user_id,
    "assignment_id": lambda cast: assign(cast["patient"], "phq9").pk,
    "own-session:pk": lambda cast: completed(cast["patient"]).pk,
    "own-adverse-event:pk": lambda cast: reported_adverse_event(cast["patient"]).pk,
}
ENDPOINTS = id_endpoints()


def test_every_id_keyword_has_a_maker():
    assert {"patient_chart", "alert_acknowledge", "patient_note_addenda", "staff_deactivate", "patient_fhir"} <= set(
        ENDPOINTS
    )
    for url_name, entry in ENDPOINTS.items():
        assert entry.name, f"{entry.pattern}: name the route"
        missing = set(maker_keys(url_name, entry).values()) - set(MAKERS)
        assert not missing, f"{url_name}: add a maker for {missing} to MAKERS"
        assert methods_of(entry), f"{url_name}: no method found"


@pytest.fixture
def cast(request, patient, second_patient, physician, other_physician, clinic_admin, outside_physician):
    people = {
        "patient": patient,
        "second_patient": second_patient,
        "physician": physician,
        "other_physician": other_physician,
        "clinic_admin": clinic_admin,
        "outside_physician": outside_physician,
        "outside_admin": request.getfixturevalue("outside_admin"),
    }
    return people


def _url(url_name: str, cast) -> str:
    entry = ENDPOINTS[url_name]
    kwargs = {keyword: MAKERS[key](cast) for keyword, key in maker_keys(url_name, entry).items()}
    return reverse(f"api:{url_name}", kwargs=kwargs)


def _ask(client, method: str, url: str):
    return client.get(url) if method == "get" else write(client, method, url, {})


@pytest.mark.parametrize("url_name", sorted(ENDPOINTS))
def test_outsiders_get_404_and_someone_who_may_see_it_does_not(client, cast, url_name):
    url = _url(url_name, cast)
    methods = methods_of(ENDPOINTS[url_name])
    for outsider in OUTSIDERS:
        login(client, cast[outsider])
        for method in methods:
            response = _ask(client, method, url)
            assert response.status_code == 404, f"{method.upper()} {url} as {outsider}: {response.status_code}"
            assert response.json()["errors"][0]["code"] == "not_found"
            assert cast["patient"].user.full_name not in response.content.decode()
    for method in methods:
        answers = {}
        for insider in INSIDERS:
            login(client, cast[insider])
            answers[insider] = _ask(client, method, url).status_code
            if answers[insider] != 404:
                break
        assert set(answers.values()) != {404}, f"{method.upper()} {url}: nobody reaches the record: {answers}"
