"""The demo has one iteration of each model open for applications, so that a newcomer can apply, take part
as a mentor and run a round at once."""

import pytest

from portal.programmes.models import IterationPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_the_demo_has_an_open_iteration_of_each_model_with_what_it_needs():
    iterations = {iteration.model_code: iteration for iteration in IterationPage.objects.live()}
    assert set(iterations) == {"culture-shift", "peer-to-peer", "agility"}
    assert all(iteration.is_open_for_applications() for iteration in iterations.values())
    culture_shift = iterations["culture-shift"]
    assert [organisation.domains for organisation in culture_shift.organisations.all()] == [["worldline.example"]]
    assert iterations["peer-to-peer"].organisations.count() == 3
    assert iterations["peer-to-peer"].mentor_offers.count() >= 3
    (circle,) = iterations["agility"].circles.all()
    assert circle.sessions.count() == 4 and circle.seats == 6


def test_the_model_pages_list_their_iteration(client):
    for iteration in IterationPage.objects.live():
        assert iteration.title in client.get(iteration.get_parent().url).content.decode()
