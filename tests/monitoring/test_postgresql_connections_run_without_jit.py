"""The oversight pages' figures are many small correlated subqueries whose estimated cost is far above PostgreSQL's
jit_above_cost; compiling them first took 45 s at 1,000 patients against 1.5 s without. Every connection the site
opens to PostgreSQL has JIT off (anodyne/settings.py)."""

from django.db import connection


def test_every_connection_has_jit_off(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
