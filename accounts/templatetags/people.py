from django import template

register = template.Library()


@register.filter
def age(patient, day):
    """A patient's age in whole years on `day`."""
    return patient.age_on(day)
