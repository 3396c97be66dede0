"""Every URL of the project that names a patient (the `patient_pk` keyword), found by walking the URLconf."""

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner)
        elif isinstance(entry, URLPattern) and "patient_pk" in entry.pattern.regex.groupindex and entry.name:
            yield f"{namespace}{entry.name}"


def patient_url_names() -> list[str]:
    return sorted(set(_walk(get_resolver())))
