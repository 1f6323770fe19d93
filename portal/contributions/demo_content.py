"""The demo's year of contributions (portal/contributions/demo.py): challenge proposals and needs-survey answers,
from fictional people and organisations. No name is a real person's; addresses are made from the names at
example.org, as the demo mentors' are. Themes are the demo's own; a theme missing from the site is left out.
"""

# Challenge proposals sent through the catalogue's form: who sent it, title, description, themes, actor type, and
# the demo challenge it was merged into (the team judged it covered); "refused" ones were out of the programme's
# scope (one is business solicitation, which the ethics charter excludes).
PROPOSALS = [
    {
        "name": "Aurore Delmas",
        "organisation": "Syndicat des transports de la Vallée Claire",
        "title": "Partager les données de fréquentation entre opérateurs voisins",
        "description": "Chaque opérateur compte ses voyageurs à sa façon. Comment partager ces données entre "
        "réseaux voisins sans exposer nos usagers ?",
        "themes": ["données de transport", "qualité des données"],
        "actor_type": "collectivite",
    },
    {
        "name": "Benoît Carré",
        "organisation": "Ville de Montclaire",
        "title": "Ouvrir un logiciel métier développé en régie",
        "description": "Notre service a développé un outil de gestion des arrêts. D’autres collectivités nous le "
        "demandent : comment l’ouvrir proprement ?",
        "example": "Un outil de saisie des arrêts utilisé par trois réseaux voisins.",
        "themes": ["open source", "communs"],
        "actor_type": "collectivite",
        "merge_into": "comment-m-engager-dans-l-open-source",
    },
    {
        "name": "Carole Vasseur",
        "organisation": "Ferrovia Équipements",
        "title": "Accueillir les voyageurs comme des clients",
        "description": "Nos agents en gare veulent mieux accueillir, mais l’organisation reste pensée autour des "
        "trains. Quelles pratiques emprunter aux métiers du service ?",
        "themes": ["culture client", "expérience voyageur"],
        "actor_type": "industrie",
        "merge_into": "developper-la-culture-client",
    },
    {
        "name": "David Lambert",
        "organisation": "Ville de Saint-Aubin-des-Prés",
        "title": "Faire cohabiter vélos et piétons en centre-ville",
        "description": "Les conflits d’usage se multiplient sur nos aménagements. Comment en parler avec les "
        "habitants avant de tout redessiner ?",
        "themes": ["vélo", "concertation"],
        "actor_type": "collectivite",
    },
    {
        "name": "Elsa Morin",
        "organisation": "Navette et Cie",
        "title": "Financer une expérimentation au-delà de sa première année",
        "description": "Nos expérimentations s’arrêtent souvent faute de financement après un an, même quand "
        "elles marchent. Comment préparer la suite dès le départ ?",
        "themes": ["financement", "évaluation"],
        "actor_type": "startup",
    },
    {
        "name": "Franck Huet",
        "organisation": "Communauté de communes du Haut-Vallon",
        "title": "Mutualiser le transport à la demande entre intercommunalités",
        "description": "Trois communautés de communes voisines font chacune leur service. Comment en faire un "
        "seul sans que personne ne se sente dépossédé ?",
        "themes": ["transport à la demande", "mobilité rurale"],
        "actor_type": "collectivite",
    },
    {
        "name": "Géraldine Royer",
        "organisation": "Norvia Industries",
        "title": "Garder nos développeurs dans une entreprise industrielle",
        "description": "Nous recrutons des profils du logiciel qui repartent au bout d’un an. Comment les "
        "intégrer vraiment à une culture d’ingénierie industrielle ?",
        "themes": ["transformation numérique", "culture d'entreprise"],
        "actor_type": "industrie",
        "merge_into": "mieux-se-comprendre-numerique-et-mobilite",
    },
    {
        "name": "Henri Baudin",
        "organisation": "Métropole de Val-Marin",
        "title": "Rendre l’information voyageurs compréhensible par tous",
        "description": "Nos fiches horaires sont justes mais illisibles pour beaucoup. Comment concevoir "
        "l’information avec les voyageurs eux-mêmes ?",
        "themes": ["information voyageurs", "design de service"],
        "actor_type": "collectivite",
    },
    {
        "name": "Ingrid Masson",
        "organisation": "Laboratoire Mobilités et Sociétés",
        "title": "Évaluer l’effet social d’un service de covoiturage",
        "description": "Au-delà du nombre de trajets, nous voulons savoir qui le service aide vraiment. Quelles "
        "méthodes, à quel coût ?",
        "themes": ["évaluation", "covoiturage"],
        "actor_type": "laboratoire",
    },
    {
        "name": "Jules Prévost",
        "organisation": "École d’ingénieurs des mobilités durables",
        "title": "Former les élus aux enjeux des données de mobilité",
        "description": "Les élus décident d’ouvrir ou non les données sans toujours en voir les enjeux. Comment "
        "partager les retours d’expérience d’autres territoires ?",
        "themes": ["open data", "formation"],
        "actor_type": "ecole",
        "merge_into": "retours-d-experiences-nouvelles-mobilites-open-data-collectivite",
    },
    {
        "name": "Karine Lucas",
        "organisation": "Klaxon Labs",
        "title": "Travailler avec un grand groupe quand on est une startup",
        "description": "Les cycles de décision d’un grand groupe épuisent notre trésorerie. Comment s’y prendre "
        "pour que le partenariat profite aux deux ?",
        "themes": ["partenariats", "innovation ouverte"],
        "actor_type": "startup",
    },
    {
        "name": "Lionel Caron",
        "organisation": "Département de la Haute-Sarre",
        "title": "Installer des bornes de recharge en zone rurale",
        "description": "Peu d’usagers, beaucoup de distance : comment choisir les emplacements et le partenaire "
        "sans perdre la maîtrise du service ?",
        "themes": ["électromobilité", "mobilité rurale"],
        "actor_type": "collectivite",
    },
    {
        "name": "Marion Guillot",
        "organisation": "Tramelec",
        "title": "Prévoir l’affluence avec l’intelligence artificielle",
        "description": "On nous propose des outils de prévision clés en main. Comment savoir ce qu’ils valent "
        "vraiment, et garder la main sur nos données ?",
        "themes": ["intelligence artificielle", "données de transport"],
        "actor_type": "industrie",
    },
    {
        "name": "Paul Renard",
        "organisation": "Pédalo Cargo",
        "title": "Organiser le dernier kilomètre des livraisons en centre-ville",
        "description": "Les livraisons encombrent nos rues piétonnes. Comment travailler avec les commerçants et "
        "les transporteurs sur une solution commune ?",
        "themes": ["logistique urbaine"],
        "actor_type": "startup",
    },
    {
        "name": "Rachel Dupuis",
        "organisation": "IUT de Montclaire",
        "title": "Associer les étudiants aux projets de mobilité du territoire",
        "description": "Nos étudiants cherchent des projets réels ; les collectivités manquent de bras. Comment "
        "organiser la rencontre dans la durée ?",
        "themes": ["formation", "partenariats"],
        "actor_type": "ecole",
    },
    {
        "name": "Simon Leroy",
        "organisation": "Carrosseries du Centre",
        "title": "Passer d’une culture de l’ingénieur à une culture du service",
        "description": "Nous concevons d’excellents véhicules que les voyageurs trouvent peu accueillants. Comment "
        "faire entrer le point de vue du client dans nos équipes ?",
        "themes": ["culture client", "transformation"],
        "actor_type": "industrie",
        "merge_into": "developper-la-culture-client",
    },
    {
        "name": "Tiphaine Bazin",
        "organisation": "Agglomération des Deux Rives",
        "title": "Rédiger un marché public qui laisse place à l’innovation",
        "description": "Nos cahiers des charges décrivent la solution avant le besoin. Comment acheter une "
        "innovation qu’on ne connaît pas encore ?",
        "themes": ["marchés publics", "innovation ouverte"],
        "actor_type": "collectivite",
    },
    {
        "name": "Ulysse Giraud",
        "organisation": "Ville de Montclaire",
        "title": "Cartographier les aménagements cyclables avec les habitants",
        "description": "Notre carte des pistes est toujours en retard sur le terrain. Comment en faire un commun "
        "entretenu avec les cyclistes ?",
        "themes": ["cartographie", "vélo", "communs"],
        "actor_type": "collectivite",
    },
    {
        "name": "Valentin Roche",
        "organisation": "Communauté de communes du Haut-Vallon",
        "title": "Partager les retours des transports à la demande qui n’ont pas marché",
        "description": "On parle des réussites, rarement des échecs. Nous aimerions savoir pourquoi certains "
        "services ont été arrêtés.",
        "themes": ["retours d'expérience", "transport à la demande"],
        "actor_type": "collectivite",
        "merge_into": "retours-d-experiences-nouvelles-mobilites-open-data-collectivite",
    },
    {
        "name": "William Cordier",
        "organisation": "Autocars Lemaire et Fils",
        "title": "Accompagner les managers dans le passage au télétravail",
        "description": "Nos managers de proximité vivent mal le travail à distance. Quelles pratiques pour garder "
        "le lien ?",
        "themes": ["management"],
        "actor_type": "industrie",
        "refused": True,
    },
    {
        "name": "Yannick Gervais",
        "organisation": "Partagéo",
        "title": "Créer un commun de données sur l’autopartage",
        "description": "Chaque service d’autopartage garde ses données pour lui. Un jeu de données partagé aiderait "
        "les collectivités à planifier : qui veut s’y mettre ?",
        "themes": ["autopartage", "communs", "données ouvertes"],
        "actor_type": "startup",
    },
    {
        "name": "Armelle Texier",
        "organisation": "Institut des transitions territoriales",
        "title": "Faire dialoguer chercheurs et opérateurs sur l’évaluation",
        "description": "Nos travaux arrivent souvent trop tard pour les décisions des opérateurs. Comment "
        "travailler au bon rythme, ensemble ?",
        "themes": ["évaluation", "politiques publiques"],
        "actor_type": "laboratoire",
    },
    {
        "name": "Cyril Marty",
        "organisation": "Conseil Mobilité Plus",
        "title": "Présenter nos offres de conseil aux collectivités",
        "description": "Nous aimerions rencontrer les collectivités du réseau pour leur présenter nos offres "
        "d’accompagnement.",
        "themes": ["partenariats"],
        "actor_type": "startup",
        "refused": True,
    },
    {
        "name": "Diane Laporte",
        "organisation": "École supérieure du design de services",
        "title": "Mettre en place un mentorat inversé sur le numérique",
        "description": "Nos jeunes recrues maîtrisent des outils que nos cadres découvrent. Comment organiser des "
        "échanges dans les deux sens ?",
        "themes": ["mentorat inversé", "culture numérique"],
        "actor_type": "ecole",
        "merge_into": "mieux-se-comprendre-numerique-et-mobilite",
    },
]

# The needs survey: who answers, how often each area is chosen (its areas are the published challenges' themes;
# one left out here is chosen now and then), the model preferred, and some answers' words.
SURVEY_ACTOR_TYPE_WEIGHTS = {"collectivite": 35, "industrie": 22, "startup": 20, "laboratoire": 11, "ecole": 12}
SURVEY_THEME_WEIGHTS = {
    "open data": 10,
    "nouvelles mobilités": 8,
    "retours d'expérience": 7,
    "open source": 6,
    "culture client": 6,
    "culture numérique": 6,
    "transformation numérique": 5,
    "communs": 4,
    "gouvernance": 4,
    "expérience voyageur": 4,
}
OTHER_THEME_WEIGHT = 2
SURVEY_MODEL_WEIGHTS = {"culture-shift": 20, "peer-to-peer": 35, "agility": 20, None: 25}
SURVEY_COMMENTS = [
    "Nous manquons surtout d’interlocuteurs qui ont déjà vécu ce que nous vivons.",
    "Personne autour de nous n’a d’expérience de la recharge électrique : un mentor sur ce sujet serait précieux.",
    "Plutôt des échanges entre pairs que de la formation.",
    "Nous aimerions un format de groupe, pour toute l’équipe.",
    "Difficile de trouver du temps, mais le besoin est réel.",
    "Des retours d’expérience concrets, y compris les échecs.",
]
