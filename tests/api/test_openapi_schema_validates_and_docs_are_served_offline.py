"""The OpenAPI 3 schema validates without a warning, and Swagger UI and Redoc are served by the app itself from
drf-spectacular-sidecar's files: no CDN address in either page."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_spectacular_validates_with_no_warning(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "openapi: 3" in (tmp_path / "schema.yml").read_text()


@pytest.mark.parametrize("page", ["api:docs", "api:redoc"])
def test_docs_pages_load_only_the_apps_own_files(client, patient, page):
    client.force_login(patient.user)
    response = client.get(reverse(page))
    assert response.status_code == 200
    body = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert addresses
    assert all(address.startswith("/") for address in addresses), addresses
    assert "cdn" not in body.lower()
