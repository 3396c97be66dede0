"""The review queue's bulk sign-off works as a plain form: a tick box for each unremarkable session only (a
remarkable one says why and links to its own review), "sign off all unremarkable" signs exactly the sessions the page
showed — never one on another page or added since — and a refusal signs nothing and says why."""

from django.urls import reverse

from monitoring import review_views
from monitoring.models import SessionReview
from tests.monitoring.review_data import completed, held, with_alert


def _signed():
    return set(SessionReview.objects.values_list("session_id", flat=True))


def test_only_unremarkable_sessions_have_a_tick_box(client, physician, patient):
    fine, on_hold, alerted = completed(patient, days_ago=3), held(patient, days_ago=2), with_alert(patient)
    client.force_login(physician.user)
    html = client.get(reverse("review_queue")).content.decode()
    assert f'name="session" value="{fine.pk}"' in html
    for remarkable in (on_hold, alerted):
        assert f'name="session" value="{remarkable.pk}"' not in html
        assert f'name="shown" value="{remarkable.pk}"' not in html
        review_url = reverse("session_review", kwargs={"patient_pk": patient.pk, "session_pk": remarkable.pk})
        assert review_url in html
    assert "Held before dosing: the pre-dose safety check did not pass." in html
    assert "An alert was raised about this session." in html
    assert 'accesskey="a"' in html and 'accesskey="s"' in html


def test_ticked_sessions_are_signed_without_javascript(client, physician, patient):
    first, second, third = (completed(patient, days_ago=days) for days in (3, 2, 1))
    client.force_login(physician.user)
    response = client.post(reverse("review_sign_bulk"), {"session": [first.pk, third.pk], "sign_selected": "1"})
    assert response.status_code == 302 and response.url == reverse("review_queue")
    assert _signed() == {first.pk, third.pk}
    assert SessionReview.objects.filter(bulk=True).count() == 2
    page = client.get(response.url).content.decode()
    assert "Signed off 2 sessions." in page
    assert f'id="session-{second.pk}"' in page and f'id="session-{first.pk}"' not in page


def test_all_unremarkable_signs_only_what_the_page_showed(client, monkeypatch, physician, patient):
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 3)
    oldest = [completed(patient, days_ago=10 - number) for number in range(2)]
    on_hold = held(patient, days_ago=5)
    later = completed(patient, days_ago=1)  # on page 2
    client.force_login(physician.user)
    html = client.get(reverse("review_queue")).content.decode()
    shown = [f'name="shown" value="{session.pk}"' in html for session in (*oldest, on_hold, later)]
    assert shown == [True, True, False, False]
    assert "Sign off all 2 unremarkable sessions on this page" in html
    arrived_since = completed(patient, days_ago=9.5)

    # The ids the page rendered, as the browser sends them; no box ticked.
    response = client.post(
        reverse("review_sign_bulk"),
        {"all_unremarkable": "1", "shown": [session.pk for session in oldest], "page": "1"},
    )
    assert response.url == reverse("review_queue") + "?page=1"
    assert _signed() == {session.pk for session in oldest}
    assert not SessionReview.objects.filter(session__in=[on_hold, later, arrived_since]).exists()


def test_a_request_with_a_remarkable_session_signs_nothing_and_says_why(client, physician, patient):
    fine, on_hold = completed(patient, days_ago=2), held(patient)
    client.force_login(physician.user)
    response = client.post(reverse("review_sign_bulk"), {"session": [fine.pk, on_hold.pk]}, follow=True)
    html = response.content.decode()
    assert "Nothing was signed. This session needs an individual review: Maya Patel&#x27;s session of" in html
    assert not _signed()


def test_nothing_ticked_says_so(client, physician, patient):
    completed(patient)
    client.force_login(physician.user)
    response = client.post(reverse("review_sign_bulk"), {"sign_selected": "1"}, follow=True)
    assert "Choose at least one session to sign off." in response.content.decode()
    assert not _signed()
