"""Every URL of the project that names a patient (the `patient_pk` keyword), found by walking the URLconf."""

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse


def _walk(resolver, namespace="", *, record_pages=False):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api":
                continue  # the REST API's own walk: tests/api/test_every_id_endpoint_answers_404_to_outsiders.py
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner, record_pages=record_pages)
        elif isinstance(entry, URLPattern) and "patient_pk" in entry.pattern.regex.groupindex and entry.name:
            # A page of one of the patient's records (`patient_pk` and the record's keyword) needs that record to
            # exist: record_page_names() lists those, tests/treatment/test_record_pages_audit_one_row_each.py
            # walks them with a record made for the patient.
            names_a_record = len(entry.pattern.regex.groupindex) > 1
            if names_a_record == record_pages:
                yield f"{namespace}{entry.name}"


def patient_url_names() -> list[str]:
    """Pages named by the patient alone (`patient_pk` is their only keyword)."""
    return sorted(set(_walk(get_resolver())))


def record_page_names() -> list[str]:
    """Pages of one of a patient's records: `patient_pk` and the record's own keyword (`session_pk`, ...)."""
    return sorted(set(_walk(get_resolver(), record_pages=True)))


INSIDERS = ("patient", "physician", "clinic_admin")  # the cast's fixtures named after their roles


def roles_allowed(url_name: str) -> frozenset[str]:
    """The roles a page is for: its view's `allowed_roles` (set by role_required), or every insider's."""
    view = resolve(reverse(url_name, kwargs={"patient_pk": 1})).func
    return frozenset(getattr(view, "allowed_roles", INSIDERS))


def insider_cases() -> list[tuple[str, str]]:
    """(page, insider) for every patient page and every insider whose role the page is for."""
    return [(name, insider) for name in patient_url_names() for insider in INSIDERS if insider in roles_allowed(name)]


def refused_insider_cases() -> list[tuple[str, str]]:
    """(page, insider) for every patient page that is not for the role of an insider who may see the patient."""
    return [
        (name, insider) for name in patient_url_names() for insider in INSIDERS if insider not in roles_allowed(name)
    ]
