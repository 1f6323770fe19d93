"""What the members' forms tests share: a valid idea, proposal and needs-survey answer."""

from portal.taxonomy.models import ActorType, MentoringModel, Theme
from tests.requests_helpers import honeypot_fields


def only_given(data, overrides):
    """`data` with `overrides` applied; a None override removes the field."""
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def idea(**overrides):
    data = {"votre_idee": "Un mentorat inversé entre startups et collectivités.", "consent": "on", **honeypot_fields()}
    return only_given(data, overrides)


def proposal_data(**overrides):
    data = {
        "title": "Comment partager nos données de covoiturage ?",
        "description": "Plusieurs collectivités veulent mutualiser leurs données de covoiturage sans savoir comment.",
        "example": "Une métropole et trois communautés de communes voisines.",
        "themes": [Theme.objects.get(name="open source").pk],
        "new_themes": "covoiturage, données partagées",
        "actor_type": ActorType.objects.get(code="collectivite").pk,
        "name": "Nora Benali",
        "organisation": "Métropole exemple",
        "email": "nora@example.net",
        "consent": "on",
        **honeypot_fields(),
    }
    return only_given(data, overrides)


def needs(**overrides):
    data = {
        "actor_type": ActorType.objects.get(code="startup").pk,
        "themes": [Theme.objects.get(name="open source").pk, Theme.objects.get(name="culture client").pk],
        "mentoring_model": MentoringModel.objects.get(code="peer-to-peer").pk,
        "comment": "Nous cherchons des pairs pour ouvrir notre code.",
        "consent": "on",
        **honeypot_fields(),
    }
    return only_given(data, overrides)
