"""Adds demo programmes to `load_demo`: a Culture Shift pilot inside one organisation (as Worldline began
in 2014), a Peer 2 Peer iteration between organisations of the ecosystem, and an Agilité circle. Open for
applications today, so that a newcomer can apply, take part as a mentor, and run a round. Idempotent by
slug. Addresses use the reserved .example domains: no demo email can reach a real person."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from portal.home.models import MentoringModelPage
from portal.mentors.models import MentorProfile, MentorStatus
from portal.programmes.models import Circle, CircleSession, IterationPage, MentorOffer, Organisation
from portal.taxonomy.models import Theme

ORGANISATIONS = [
    ("Worldline", "worldline.example"),
    ("Métropole de Lyon", "grandlyon.example"),
    ("Région Bretagne", "bretagne.example"),
    ("SNCF Voyageurs", "sncf.example"),
]

ITERATIONS = [
    {
        "model": "culture-shift",
        "slug": "promotion-pilote-2027",
        "title": "Promotion pilote 2027",
        "summary": "Une première promotion avec quelques volontaires, avant d’allonger les foulées.",
        "description": (
            "Les personnes déjà à l’aise avec les pratiques numériques et ouvertes accompagnent celles qui le "
            "sont moins, au sein de la même organisation. Une rencontre toutes les trois semaines pendant "
            "quatre mois ; un point d’étape à mi-parcours ; un bilan partagé à la fin."
        ),
        "organisations": ["Worldline"],
        "places": 12,
        "themes": ["culture numérique", "open source"],
    },
    {
        "model": "peer-to-peer",
        "slug": "printemps-2027",
        "title": "Printemps 2027",
        "summary": "Des binômes de dirigeants d’organisations différentes, autour de défis partagés.",
        "description": (
            "Chaque participant est associé à un pair d’une autre organisation de l’écosystème, qui a déjà "
            "traversé un défi proche. Quatre à six échanges en trois mois, au rythme du binôme."
        ),
        "organisations": ["Métropole de Lyon", "Région Bretagne", "SNCF Voyageurs"],
        "places": 20,
        "themes": ["données ouvertes", "gouvernance"],
    },
    {
        "model": "agility",
        "slug": "cercles-2027",
        "title": "Cercles 2027",
        "summary": "Des cercles de pratique animés par un mentor expérimenté, ouverts à plusieurs organisations.",
        "description": (
            "Un mentor, une pratique, un groupe de six à huit personnes de plusieurs organisations. Quatre "
            "séances en deux mois, en présence ou en visio ; le calendrier s’ajoute à votre agenda."
        ),
        "organisations": [],
        "places": 30,
        "themes": [],
    },
]


def load_programmes(report):
    organisations = {
        name: Organisation.objects.get_or_create(name=name, defaults={"email_domains": domain})[0]
        for name, domain in ORGANISATIONS
    }
    today = timezone.localdate()
    for spec in ITERATIONS:
        parent = MentoringModelPage.objects.filter(mentoring_model__code=spec["model"]).first()
        if parent is None:
            continue
        iteration = IterationPage.objects.filter(slug=spec["slug"]).first()
        if iteration:
            report.kept.append(spec["title"])
            continue
        iteration = IterationPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            description=spec["description"],
            applications_open_on=today - timedelta(days=3),
            applications_close_on=today + timedelta(days=30),
            starts_on=today + timedelta(days=45),
            ends_on=today + timedelta(days=165),
            places=spec["places"],
        )
        parent.add_child(instance=iteration)
        iteration.organisations.set([organisations[name] for name in spec["organisations"]])
        iteration.themes.set(Theme.objects.for_names(spec["themes"]))
        iteration.save_revision(log_action=True).publish()
        report.created.append(spec["title"])
        if spec["model"] == "peer-to-peer":
            offer_places(iteration)
        if spec["model"] == "agility":
            add_circle(iteration)


def offer_places(iteration):
    """The published demo mentors who offer Peer 2 Peer take part, with one mentee each."""
    mentors = MentorProfile.objects.filter(status=MentorStatus.PUBLISHED, mentoring_models__code="peer-to-peer")
    for mentor in mentors.distinct()[:6]:
        MentorOffer.objects.get_or_create(iteration=iteration, mentor=mentor, defaults={"capacity": 1})


def add_circle(iteration):
    mentor = (
        MentorProfile.objects.filter(status=MentorStatus.PUBLISHED, mentoring_models__code="agility")
        .order_by("full_name")
        .first()
    )
    if mentor is None:
        return
    circle = Circle.objects.create(
        iteration=iteration,
        mentor=mentor,
        practice="Évaluer une expérimentation de mobilité",
        description="Construire ensemble les indicateurs et le protocole d’évaluation de vos expérimentations.",
        seats=6,
    )
    first = timezone.make_aware(datetime.combine(iteration.starts_on, time(9, 30)))
    for number in range(4):
        CircleSession.objects.create(
            circle=circle,
            starts_at=first + timedelta(days=14 * number),
            minutes=120,
            place="La Fabrique des Mobilités, Paris" if number % 2 == 0 else "",
            video_url="" if number % 2 == 0 else "https://visio.example.org/cercle-evaluation",
        )
