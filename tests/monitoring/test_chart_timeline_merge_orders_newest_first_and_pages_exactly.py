"""The chart's timeline merges one stream per record type newest first and cuts a page out of it: a pure function,
tested without the database. Each stream holds only its first offset + page_size + 1 entries, as the queries read
them, and the page and its "older" flag are still exactly those of the whole history sorted."""

import datetime as dt
import random

import pytest

from monitoring.chart_selectors import KINDS, Entry, merge_newest_first

T0 = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def newest_first(entries):
    return sorted(entries, key=lambda e: (e.at, e.pk), reverse=True)


def test_entries_of_several_types_come_newest_first():
    sessions = newest_first([Entry(at(0), "session", 1), Entry(at(30), "session", 2)])
    alerts = newest_first([Entry(at(10), "alert", 1), Entry(at(40), "alert", 2)])
    notes = newest_first([Entry(at(20), "note", 1)])
    page, older = merge_newest_first([sessions, alerts, notes], offset=0, page_size=10)
    assert [(e.kind, e.pk) for e in page] == [("alert", 2), ("session", 2), ("note", 1), ("alert", 1), ("session", 1)]
    assert older is False


def test_at_the_same_moment_the_consequence_shows_above_its_cause():
    # An adverse event and the alert it raised, in the same transaction: newest first, the alert is on top.
    page, _ = merge_newest_first(
        [[Entry(at(0), "session", 9)], [Entry(at(0), "adverse_event", 3)], [Entry(at(0), "alert", 1)]],
        offset=0,
        page_size=10,
    )
    assert [e.kind for e in page] == ["alert", "adverse_event", "session"]


def test_a_page_and_whether_older_entries_remain():
    stream = [Entry(at(-n), "survey", 100 - n) for n in range(7)]
    first, older = merge_newest_first([stream[:4]], offset=0, page_size=3)
    assert [e.pk for e in first] == [100, 99, 98] and older is True
    second, older = merge_newest_first([stream[:7]], offset=3, page_size=3)
    assert [e.pk for e in second] == [97, 96, 95] and older is True
    last, older = merge_newest_first([stream], offset=6, page_size=3)
    assert [e.pk for e in last] == [94] and older is False


def test_nothing_to_show():
    assert merge_newest_first([[], []], offset=0, page_size=50) == ([], False)
    assert merge_newest_first([], offset=50, page_size=50) == ([], False)


@pytest.mark.parametrize("seed", range(25))
def test_streams_cut_at_offset_plus_page_plus_one_give_the_page_of_the_whole_history(seed):
    rng = random.Random(seed)
    history = [
        Entry(at(rng.randrange(0, 60)), kind, pk)  # few distinct minutes: many ties across and within types
        for kind in KINDS
        for pk in range(1, rng.randrange(0, 30))
    ]
    page_size = rng.choice([1, 3, 10])
    offset = page_size * rng.randrange(0, 6)
    rank = {kind: n for n, kind in enumerate(KINDS)}
    whole = sorted(history, key=lambda e: (e.at, rank[e.kind], e.pk), reverse=True)
    limit = offset + page_size + 1
    streams = [newest_first([e for e in history if e.kind == kind])[:limit] for kind in KINDS]
    page, older = merge_newest_first(streams, offset=offset, page_size=page_size)
    assert page == whole[offset : offset + page_size]
    assert older is (len(whole) > offset + page_size)
