"""No published figure singles anyone out: no count from 1 to 4, merged rows keep the totals, and the public
files carry no personal data (portal/pilotage/anonymity.py, opendata.py)."""

from datetime import timedelta
from itertools import pairwise

from django.utils import timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.mentorships.models import MentorRequest, MentorshipFeedback, RequestStatus, Role
from portal.pilotage import anonymity, opendata
from portal.taxonomy.models import Theme
from tests.factories import ChallengePageFactory, MentorProfileFactory, MentorRequestFactory

COUNTS = ("a", "b")
counts = st.integers(min_value=0, max_value=30)
category_rows = st.lists(st.fixed_dictionaries({"a": counts, "b": counts}), max_size=12)


def published_counts(rows, names):
    return [row[name] for row in rows for name in names]


@settings(max_examples=500)
@given(category_rows)
def test_merged_categories_keep_the_totals_and_leave_no_small_count(rows):
    rows = [{"label": f"c{index}", **row} for index, row in enumerate(rows)]
    merged = anonymity.merge_categories(rows, COUNTS, label="label", other="Autres")
    assert not any(anonymity.is_small(value) for value in published_counts(merged, COUNTS))
    for name in COUNTS:
        kept = [row[name] for row in merged]
        if None not in kept:
            assert sum(kept) == sum(row[name] for row in rows)
    untouched = [row for row in rows if not anonymity.has_small(row, COUNTS)]
    assert len(merged) <= len(untouched) + 1


@settings(max_examples=500)
@given(category_rows)
def test_merged_periods_keep_the_totals_cover_every_period_and_leave_no_small_count(rows):
    rows = [{"start": index, "end": index, **row} for index, row in enumerate(rows)]
    periods = anonymity.merge_periods(rows, COUNTS, start="start", end="end")
    assert not any(anonymity.is_small(value) for value in published_counts(periods, COUNTS))
    if rows:
        assert [periods[0]["start"], periods[-1]["end"]] == [0, len(rows) - 1]
        assert all(later["start"] == earlier["end"] + 1 for earlier, later in pairwise(periods))
    for name in COUNTS:
        kept = [period[name] for period in periods]
        if None not in kept:
            assert sum(kept) == sum(row[name] for row in rows)


def test_a_one_request_month_is_merged_with_the_next():
    rows = [
        {"start": "2026-01", "end": "2026-01", "n": 1},
        {"start": "2026-02", "end": "2026-02", "n": 7},
        {"start": "2026-03", "end": "2026-03", "n": 0},
    ]
    assert anonymity.merge_periods(rows, ("n",), start="start", end="end") == [
        {"start": "2026-01", "end": "2026-02", "n": 8},
        {"start": "2026-03", "end": "2026-03", "n": 0},
    ]


def test_a_last_small_month_joins_the_one_before():
    rows = [{"start": 1, "end": 1, "n": 9}, {"start": 2, "end": 2, "n": 2}]
    assert anonymity.merge_periods(rows, ("n",), start="start", end="end") == [{"start": 1, "end": 2, "n": 11}]


def test_a_lone_small_total_is_not_published():
    assert anonymity.merge_periods([{"s": 1, "e": 1, "n": 3}], ("n",), start="s", end="e") == [
        {"s": 1, "e": 1, "n": None}
    ]
    assert anonymity.merge_categories([{"l": "x", "n": 2}], ("n",), label="l", other="Autres") == [
        {"l": "Autres", "n": None}
    ]


def test_small_categories_go_into_others_and_the_smallest_joins_them_until_safe():
    rows = [{"l": "big", "n": 40}, {"l": "mid", "n": 6}, {"l": "tiny", "n": 1}]
    assert anonymity.merge_categories(rows, ("n",), label="l", other="Autres") == [
        {"l": "big", "n": 40},
        {"l": "Autres", "n": 7},
    ]


def test_derived_figures_need_five_records():
    assert anonymity.derived(3.5, 4) is None
    assert anonymity.derived(3.5, 5) == 3.5
    assert anonymity.count(4) is None and anonymity.count(0) == 0 and anonymity.count(5) == 5


# On the database: adversarial histories


pytestmark = pytest.mark.django_db


def sent(days_ago, **fields):
    request = MentorRequestFactory(**fields)
    at = timezone.now() - timedelta(days=days_ago)
    MentorRequest.objects.filter(pk=request.pk).update(created_at=at, sent_at=at)
    return request


def published(name):
    return next(table for table in opendata.build() if table.name == name)


def test_a_theme_with_a_single_mentor_does_not_show_that_mentor(catalogue):
    MentorProfileFactory(full_name="Unique Expert", themes=["billettique"])
    crowd = MentorProfileFactory.create_batch(6, themes=["open data"])
    challenge = ChallengePageFactory(parent=catalogue, themes=["billettique"])
    for _ in range(6):
        sent(3, challenge=challenge, mentor=crowd[0])
    themes = published("themes")
    rows = {row[0]: row for row in themes.rows}
    assert rows["billettique"][themes.index("mentors_disponibles")] is None
    assert rows["billettique"][themes.index("ecart")] is None  # 6 - 1 would give the mentor away
    assert rows["billettique"][themes.index("demandes")] == 6
    assert rows["open data"][themes.index("mentors_disponibles")] == 6


def test_a_month_with_one_request_is_never_published_alone():
    mentor = MentorProfileFactory()
    sent(100, mentor=mentor)  # alone in its month
    for _ in range(6):
        sent(20, mentor=mentor)
    monthly = published("activite-mensuelle")
    sent_counts = monthly.column("demandes_envoyees")
    assert 1 not in sent_counts
    assert sum(value for value in sent_counts if value) == 7


def test_no_public_table_holds_a_count_from_one_to_four(catalogue):
    mentors = MentorProfileFactory.create_batch(3, themes=["open data", "billettique"])
    challenge = ChallengePageFactory(parent=catalogue, themes=["open data"])
    for index in range(23):
        request = sent(index * 13, mentor=mentors[index % 3], challenge=challenge if index % 2 else None)
        if index % 3 == 0:
            MentorRequest.objects.filter(pk=request.pk).update(status=RequestStatus.COMPLETED)
            MentorshipFeedback.objects.create(request=request, role=Role.REQUESTER, fit=1 + index % 4)
    for table in opendata.build():
        for column in table.columns:
            if column.type == "integer" and column.counts:
                assert not any(anonymity.is_small(value) for value in table.column(column.name)), (
                    table.name,
                    column.name,
                )
    key = published("chiffres-cles")
    values = {row[0]: row[2] for row in key.rows}
    for code in ("mentors_publies", "demandes_envoyees", "demandes_acceptees", "accompagnements_termines"):
        assert not anonymity.is_small(values[code]), code
    assert values["adequation_moyenne"] is not None  # 8 answers stand behind it


def test_a_mean_fit_from_fewer_than_five_answers_is_withheld():
    request = sent(5, status=RequestStatus.COMPLETED)
    MentorshipFeedback.objects.create(request=request, role=Role.REQUESTER, fit=1)
    values = {row[0]: row[2] for row in published("chiffres-cles").rows}
    assert values["adequation_moyenne"] is None
    assert values["demandes_envoyees"] is None


def test_the_public_files_carry_no_personal_data(client, catalogue):
    mentor = MentorProfileFactory(full_name="Mentor Secret", contact_email="mentor.secret@example.org")
    challenge = ChallengePageFactory(parent=catalogue, themes=["open data"])
    for index in range(8):
        request = sent(
            index,
            mentor=mentor,
            challenge=challenge,
            requester_name=f"Personne Privée {index}",
            requester_email=f"privee{index}@example.net",
            organisation="Syndicat Confidentiel",
        )
        MentorshipFeedback.objects.create(request=request, role=Role.REQUESTER, fit=4, what_changed="Mon secret")
    opendata.publish()
    bodies = [client.get("/chiffres/").content.decode(), client.get("/chiffres/datapackage.json").content.decode()]
    for table in opendata.tables_of(opendata.latest()):
        bodies.append(client.get(f"/chiffres/{table.name}.csv").content.decode())
        bodies.append(client.get(f"/chiffres/{table.name}.json").content.decode())
    for body in bodies:
        for secret in (
            "Mentor Secret",
            "mentor.secret",
            "Personne Privée",
            "privee",
            "Syndicat Confidentiel",
            "Mon secret",
        ):
            assert secret not in body
    assert Theme.objects.filter(name="open data").exists()


def test_a_last_small_month_after_an_empty_one_joins_until_it_is_safe():
    rows = [{"s": 1, "e": 1, "n": 9}, {"s": 2, "e": 2, "n": 0}, {"s": 3, "e": 3, "n": 1}]
    assert anonymity.merge_periods(rows, ("n",), start="s", end="e") == [{"s": 1, "e": 3, "n": 10}]
    alone = [{"s": 1, "e": 1, "n": 0}, {"s": 2, "e": 2, "n": 1}]
    assert anonymity.merge_periods(alone, ("n",), start="s", end="e") == [{"s": 1, "e": 2, "n": None}]
