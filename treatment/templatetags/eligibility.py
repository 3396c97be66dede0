"""`{% load eligibility %}`: the patient's eligibility (CLINICAL.md section 1) on pages that other views render.

- `{% eligibility_card patient %}`: on the patient's Today, a card asking them to answer the eligibility questions
  (their intake screen, or a re-screen waiting), or saying where their answers stand; nothing once cleared.
- `{% eligibility_line patient %}`: on the care team's chart header, "cleared / needs review / not cleared" with a
  link to the screen.

Each costs one query (treatment.eligibility_selectors.eligibility_current).
"""

from django import template

from treatment import eligibility_selectors

register = template.Library()


@register.inclusion_tag("treatment/eligibility/_card.html")
def eligibility_card(patient):
    return {"eligibility": eligibility_selectors.eligibility_current(patient)}


@register.inclusion_tag("treatment/eligibility/_line.html")
def eligibility_line(patient):
    return {"eligibility": eligibility_selectors.eligibility_current(patient), "patient": patient}
