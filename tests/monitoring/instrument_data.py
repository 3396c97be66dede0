"""Answer sets for the pure instrument tests (monitoring.instruments): every scored item at one value, or a total."""

from monitoring import instruments

# Each instrument's scored items, lowest and highest total (CLINICAL.md section 1).
RANGES = {
    "nrs": (0, 10),
    "peg3": (0, 10),
    "phq9": (0, 27),
    "gad7": (0, 21),
    "pgic": (1, 7),
    "bladder": (0, 20),
}


def lowest(code: str) -> dict[str, int]:
    """Every required item at its lowest option."""
    return {item.key: item.values[0] for item in instruments.get(code).items if item.required}


def highest(code: str) -> dict[str, int]:
    """Every required item at its highest option."""
    return {item.key: item.values[-1] for item in instruments.get(code).items if item.required}


def totalling(code: str, total: int) -> dict[str, int]:
    """Answers to a summed instrument whose scored items add up to `total`, filling q1, q2, ... in turn."""
    answers = lowest(code)
    left = total
    for item in instruments.get(code).scored_items:
        answers[item.key] = min(left, item.values[-1]) if item.values[0] == 0 else max(1, min(left, item.values[-1]))
        left -= answers[item.key]
    assert left == 0, f"{code} cannot total {total}"
    return answers
