"""An unanswered message shows on the care team's dashboard as an alert in its alerts panel — no new dashboard
query: the tick raised an ordinary alert — with a link to the conversation (there and on the alerts page), and leaves
it once a physician answers."""

from django.urls import reverse
from django.utils import timezone

from monitoring.messages import messages_unanswered_alert
from tests.monitoring.message_data import hours_ago, patient_thread, reply

SUMMARY = "A message from the patient has waited longer than the clinic&#x27;s reply time (24 hours)."


def test_the_dashboard_shows_the_unanswered_message_until_it_is_answered(client, patient, physician):
    with hours_ago(27):
        thread = patient_thread(patient)
    messages_unanswered_alert(now=timezone.now())
    client.force_login(physician.user)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Message awaiting a reply" in html
    assert SUMMARY in html
    link = reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk})
    assert f'href="{link}"' in html
    assert f'href="{link}"' in client.get(reverse("alert_list")).content.decode()  # and on the alerts page

    client.post(link, {"body": "Sorry for the wait: yes, take it in the evening."})
    html = client.get(reverse("dashboard")).content.decode()
    assert "Message awaiting a reply" not in html
    reply(thread, patient, "Thanks!")
    assert "Message awaiting a reply" not in client.get(reverse("dashboard")).content.decode()
