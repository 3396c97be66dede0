"""The URLs of bench/dashboard.py: the product's, plus the baseline page — an empty authenticated page (base.html
with no content) that the product does not have. Used only in the benchmark's process (settings override)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path


@login_required
def empty_page(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/empty/", empty_page, name="bench_empty"),
    path("", include("anodyne.urls")),
]
