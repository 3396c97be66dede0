"""`{% load surveys %}{% surveys_due patient %}`: the patient's check-ins due now, for pages of other apps (the
Today page is treatment's, and treatment never imports monitoring: a template may load this tag without it)."""

from django import template

from monitoring import selectors

register = template.Library()


@register.inclusion_tag("monitoring/surveys/_due.html")
def surveys_due(patient):
    """One query: the patient's open assignments with their instruments."""
    return {"due": list(selectors.surveys_due(patient=patient))}
