from django import template

register = template.Library()

_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@register.filter
def weekday_names(days) -> str:
    """[0, 3] → "Monday and Thursday"."""
    names = [_NAMES[day] for day in days]
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
