"""PGIC flags `responder` for "very much" (1) or "much improved" (2), not for 3 or worse (IMMPACT, Dworkin 2008)."""

import pytest

from monitoring import instruments


@pytest.mark.parametrize(("change", "responder"), [(1, True), (2, True), (3, False), (4, False), (7, False)])
def test_responder_only_for_much_or_very_much_improved(change, responder):
    result = instruments.score("pgic", {"change": change})
    assert result.total == change
    assert result.flags == (frozenset({"responder"}) if responder else frozenset())
