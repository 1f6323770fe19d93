"""What editors read from the needs survey: answers counted per challenge area and actor type."""

from collections import Counter
from dataclasses import dataclass

from portal.contributions.models import NeedsSurveyResponse
from portal.taxonomy.models import ActorType, MentoringModel


@dataclass
class NeedsTable:
    actor_types: list  # column headings
    rows: list  # (area name, [count per actor type], total), most wanted first
    models: list  # (model label, count), with "no preference" last
    answers: int


def needs_table():
    actor_types = list(ActorType.objects.order_by("pk"))
    pairs = NeedsSurveyResponse.themes.through.objects.values_list("theme__name", "needssurveyresponse__actor_type_id")
    counts = Counter(pairs)
    totals = Counter()
    for (area, _actor_type), count in counts.items():
        totals[area] += count
    rows = [
        (area, [counts[(area, actor_type.pk)] for actor_type in actor_types], totals[area])
        for area in sorted(totals, key=lambda area: (-totals[area], area))
    ]
    by_model = Counter(NeedsSurveyResponse.objects.values_list("mentoring_model_id", flat=True))
    models = [(model.label, by_model.get(model.pk, 0)) for model in MentoringModel.objects.order_by("pk")]
    models.append((None, by_model.get(None, 0)))
    return NeedsTable(actor_types, rows, models, NeedsSurveyResponse.objects.count())
