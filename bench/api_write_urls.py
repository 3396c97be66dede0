"""The URLs of the gunicorn process of bench/api_write.py: the product's, plus the bare write the API is measured
against — a plain Django view that inserts one row with one SQL statement into a table the benchmark creates
(BARE_TABLE, no clinical meaning), behind the same middleware, in the same process, on the same database."""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

BARE_TABLE = "bench_api_write_row"
BARE_PATH = "/bench/bare-write/"


@csrf_exempt
@require_POST
def bare_write(request):
    body = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (idempotency_key, body) VALUES (%s, %s) RETURNING id",  # noqa: S608 (a constant)
            [request.headers.get("Idempotency-Key", ""), json.dumps(body)],
        )
        (row_id,) = cursor.fetchone()
    return JsonResponse({"id": row_id}, status=201)


urlpatterns = [
    path(BARE_PATH.strip("/") + "/", bare_write, name="bench_bare_write"),
    path("", include("anodyne.urls")),
]
