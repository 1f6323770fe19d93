from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.mentors.evaluation import run
from portal.mentors.models import MentorProfile
from search import engine

DEFAULT_SET = Path(settings.BASE_DIR) / "bench" / "matching_eval.json"
TARGETS = "targets: matching above BM25, nDCG@5 >= 0.95, recall@10 >= 0.98, 0 unavailable offered"


class Command(BaseCommand):
    help = "Measure matching on a labelled set, in an empty database (use `make eval-matching`)."

    def add_arguments(self, parser):
        parser.add_argument("dataset", type=Path, nargs="?", default=DEFAULT_SET)
        parser.add_argument("--details", action="store_true", help="nDCG@5 of each challenge too")

    def handle(self, *args, dataset, details=False, **options):
        if MentorProfile.objects.exists():
            raise CommandError("This database already has mentors: evaluate on an empty one (make eval-matching).")
        if engine.has_fallback():  # Elasticsearch: start from empty indexes, see every write at once
            engine.rebuild_elasticsearch()
        results, challenges, mentors = run(
            dataset, after_load=engine.refresh_elasticsearch if engine.has_fallback() else None
        )
        backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1]
        self.stdout.write(
            f"Matching evaluation on {dataset.name}: {challenges} challenges, {mentors} mentors; "
            f"search backend {backend} ({connection.vendor})"
        )
        self.stdout.write(f"{'ranking':<14} {'nDCG@5':>8} {'recall@10':>10} {'unavailable offered':>20}")
        for name, scores in results.items():
            self.stdout.write(
                f"{name:<14} {scores.ndcg_at_5:>8.3f} {scores.recall_at_10:>10.3f} {scores.unavailable_offered:>20d}"
            )
        if details:
            for challenge, value in results["matching"].by_challenge.items():
                self.stdout.write(
                    f"  {challenge:<40} matching {value:.3f}  BM25 {results['BM25'].by_challenge[challenge]:.3f}"
                )
        self.stdout.write(TARGETS)
