"""`{% load inbox %}{% notifications_inbox %}`: the signed-in person's unread in-app notifications, for pages of
other apps (the patient's Today is treatment's and the dashboard accounts'; neither imports monitoring)."""

from django import template

from monitoring import inbox

register = template.Library()


@register.inclusion_tag("monitoring/notifications/_inbox.html", takes_context=True)
def notifications_inbox(context):
    request = context["request"]
    return {"items": inbox.inbox_unread(user=request.user), "back": request.get_full_path(), "request": request}
