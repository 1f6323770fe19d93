"""The demo's year of the programme (portal/mentorships/demo.py): fictional people and organisations, plausible
for the FabMob ecosystem, and what they write in the words of the founding text. No name is a real person's;
addresses are made from the names at example.org, as the demo mentors' are.

Themes are the demo's own (challenges and mentors); a theme missing from the site is left out, never created.
"""

CS, P2P, AG = "culture-shift", "peer-to-peer", "agility"

# Requesters, proposers: a first name and a last name drawn from these lists, each pair used once.
FIRST_NAMES = [
    "Adèle", "Alexandre", "Amandine", "Anthony", "Bastien", "Bérénice", "Cédric", "Charlotte", "Damien",
    "Delphine", "Élodie", "Étienne", "Fabien", "Fanny", "Florian", "Gaëlle", "Grégoire", "Jérôme", "Joséphine",
    "Justine", "Laetitia", "Loïc", "Mathilde", "Maxime", "Mélanie", "Morgane", "Nathalie", "Noémie", "Pascal",
    "Perrine", "Quentin", "Romain", "Sandrine", "Sébastien", "Solène", "Stéphane", "Sylvie", "Thibault",
    "Victor", "Virginie", "Xavier", "Zoé",
]  # fmt: skip
LAST_NAMES = [
    "Arnaud", "Barbier", "Besnard", "Blanchard", "Boyer", "Brunet", "Carpentier", "Collin", "Deschamps",
    "Fleury", "Fournier", "Gauthier", "Gilbert", "Guérin", "Hamon", "Hoarau", "Jacquet", "Joly", "Lacroix",
    "Le Bihan", "Lebrun", "Leclerc", "Lemoine", "Marchal", "Meunier", "Mercier", "Millet", "Noël", "Ollivier",
    "Perrot", "Picard", "Poulain", "Renaud", "Rivière", "Schmitt", "Tessier", "Vidal", "Weber",
]  # fmt: skip

# Who asks: actor types, as often as the programme's audience would (collectivités first), with organisations.
ACTOR_TYPE_WEIGHTS = {"collectivite": 32, "industrie": 24, "startup": 20, "laboratoire": 12, "ecole": 12}
ORGANISATIONS = {
    "collectivite": [
        "Ville de Montclaire",
        "Communauté de communes du Haut-Vallon",
        "Métropole de Val-Marin",
        "Agglomération des Deux Rives",
        "Département de la Haute-Sarre",
        "Syndicat mixte des mobilités du Pays Blanc",
        "Région Littoral-Ouest",
    ],
    "industrie": [
        "Norvia Industries",
        "Tramelec",
        "Autocars Lemaire et Fils",
        "Ferrovia Équipements",
        "Carrosseries du Centre",
    ],
    "startup": ["Partagéo", "Klaxon Labs", "Trajet Commun", "Navette et Cie", "Citybrix", "Pédalo Cargo"],
    "laboratoire": [
        "Institut des transitions territoriales",
        "Laboratoire Mobilités et Sociétés",
        "Centre d’études des réseaux urbains",
    ],
    "ecole": [
        "École supérieure du design de services",
        "IUT de Montclaire",
        "École d’ingénieurs des mobilités durables",
    ],
}

# Requests about a challenge of the catalogue, by the challenge's slug: what the requester writes.
CHALLENGE_MESSAGES = {
    "mieux-se-comprendre-numerique-et-mobilite": [
        "Depuis le rachat d’une équipe logicielle, nos ingénieurs historiques et les nouveaux venus travaillent "
        "côte à côte sans vraiment se comprendre. Votre expérience d’intégration nous intéresse beaucoup.",
        "Nous cherchons comment faire dialoguer nos métiers de l’exploitation et nos équipes numériques, sans "
        "que l’une des deux cultures absorbe l’autre. Seriez-vous d’accord pour un premier échange ?",
    ],
    "comment-m-engager-dans-l-open-source": [
        "Nous envisageons d’ouvrir notre calculateur d’itinéraires. Comment, pourquoi, et quelles conséquences pour "
        "notre modèle économique ? Votre regard nous aiderait à poser les bonnes questions.",
        "Notre direction hésite à publier nos outils sous licence libre. J’aimerais comprendre comment vous avez "
        "convaincu en interne et organisé la gouvernance du projet.",
    ],
    "developper-la-culture-client": [
        "Nous sommes un opérateur de transport en commun et voulons nous inspirer des pratiques de l’hôtellerie "
        "pour l’accueil de nos voyageurs.",
        "Nos équipes connaissent très bien le matériel, moins nos clients. Comment installer une culture de "
        "service qui dure au-delà d’une campagne de formation ?",
    ],
    "retours-d-experiences-nouvelles-mobilites-open-data-collectivite": [
        "Notre collectivité veut publier ses horaires et ses arrêts en open data. Nous ne savons pas par où "
        "commencer avec les élus et les services techniques.",
        "Nous avons lancé un transport à la demande qui peine à trouver son public. J’aimerais échanger avec un "
        "élu ou un technicien qui a connu des échecs et les a surmontés.",
    ],
}
# How often each challenge is chosen, beside needs described in the requester's own words.
CHALLENGE_WEIGHTS = {
    "mieux-se-comprendre-numerique-et-mobilite": 5,
    "comment-m-engager-dans-l-open-source": 6,
    "developper-la-culture-client": 4,
    "retours-d-experiences-nouvelles-mobilites-open-data-collectivite": 8,
}
FREE_TEXT_SHARE = 0.3

# Needs described in the requester's words: the text, its themes, the models that suit it.
NEEDS = [
    (
        "Nous voulons lancer un service de transport à la demande dans nos communes rurales et hésitons entre "
        "régie et délégation. Comment d’autres territoires s’y sont-ils pris ?",
        ["transport à la demande", "mobilité rurale"],
        [P2P],
    ),
    (
        "Nos équipes techniques et nos développeurs ne se comprennent pas : les uns parlent matériel roulant, les "
        "autres API. Comment construire une culture commune sans brusquer personne ?",
        ["culture numérique", "intégration d'équipes"],
        [CS, AG],
    ),
    (
        "Nos données de fréquentation sont de qualité inégale et nous voulons les publier. Par où commencer pour "
        "les fiabiliser ?",
        ["qualité des données", "données de transport", "open data"],
        [AG, P2P],
    ),
    (
        "Notre startup de logistique urbaine veut travailler avec une métropole : comment parler aux services et "
        "aux élus, et à quel moment ?",
        ["logistique urbaine", "partenariats"],
        [P2P],
    ),
    (
        "Nous voulons que nos agents d’accueil et nos conducteurs partagent une même culture de service envers "
        "les voyageurs.",
        ["culture client", "expérience voyageur"],
        [CS, AG],
    ),
    (
        "Comment évaluer sérieusement une expérimentation de covoiturage avant de décider de la prolonger ?",
        ["évaluation", "covoiturage"],
        [AG, P2P],
    ),
    (
        "Notre direction veut lancer du mentorat inversé entre jeunes recrues et managers : quels pièges éviter ?",
        ["mentorat inversé", "management", "mentorat interne"],
        [CS],
    ),
    (
        "Nous souhaitons publier une partie de notre code sous licence libre, mais le service juridique et la "
        "direction commerciale s’inquiètent.",
        ["open source", "gouvernance", "communs"],
        [P2P, AG],
    ),
    (
        "Nous préparons un marché public pour une billettique interopérable et voulons éviter les erreurs des "
        "autres réseaux.",
        ["billettique", "marchés publics"],
        [P2P],
    ),
    (
        "Nous lançons une concertation sur notre plan vélo et voulons vraiment y associer les habitants.",
        ["vélo", "concertation"],
        [P2P],
    ),
    (
        "Nos ingénieurs venus de l’automobile découvrent le logiciel : comment accompagner ce changement de culture ?",
        ["transformation numérique", "culture d'entreprise"],
        [CS],
    ),
    (
        "Nous voulons comprendre ce qu’un service MaaS attend des opérateurs avant d’ouvrir nos données tarifaires.",
        ["MaaS", "données de transport", "information voyageurs"],
        [P2P],
    ),
    (
        "Nous formons des étudiants aux métiers de la mobilité et voulons les rapprocher des collectivités et des "
        "startups.",
        ["formation", "partenariats"],
        [AG, CS],
    ),
    (
        "Comment une équipe de recherche peut-elle partager ses modèles de prévision avec les opérateurs sans en "
        "perdre la maîtrise scientifique ?",
        ["intelligence artificielle", "open source"],
        [AG],
    ),
    (
        "Comment animer une communauté autour des données ouvertes de notre réseau, une fois publiées ?",
        ["open data", "communs"],
        [P2P, AG],
    ),
]
# The first words of a message whose need is described in the requester's words.
OPENINGS = [
    "Bonjour, votre parcours ressemble beaucoup à ce que nous vivons. Seriez-vous d’accord pour un premier "
    "échange d’une heure ?",
    "Bonjour, nous aimerions un regard extérieur et bienveillant sur notre projet. Merci d’avance pour votre réponse.",
    "Bonjour, une collègue m’a conseillé le programme de mentorat de la Fabrique. Votre expérience nous aiderait "
    "à éviter les pièges.",
    "Bonjour, pourriez-vous nous accorder un peu de temps ? Nous avançons, mais nous avons besoin de prendre du recul.",
]

# A mentor's reasons to decline, a requester's to withdraw, and the reasons of mentorships that ended early.
DECLINE_REASONS = [
    "Je ne suis pas la bonne personne pour ce sujet : un mentor côté collectivité vous sera plus utile.",
    "Je suis très pris jusqu’à la fin du trimestre et ne pourrais pas vous accorder le temps nécessaire.",
    "Votre besoin relève plutôt d’un accompagnement technique que du mentorat ; l’équipe du programme peut vous "
    "orienter.",
    "Sujet trop éloigné de mon expérience, désolée ; je vous souhaite de trouver le bon mentor.",
]
AT_CAPACITY_REASON = (
    "J’accompagne déjà autant de personnes que je le peux en ce moment : je préfère ne pas accepter à moitié."
)
WITHDRAW_REASONS = [
    "Nous avons trouvé de l’aide en interne, merci.",
    "Le projet est reporté à l’année prochaine.",
    "J’ai changé de poste et je transmets le sujet à une collègue.",
]
EARLY_END_REASONS = [
    "Fin anticipée : le projet a été suspendu après le changement d’équipe municipale.",
    "Fin anticipée : la personne accompagnée a changé de poste.",
    "Fin anticipée : nos agendas ne nous ont pas permis de nous voir régulièrement.",
    "Fin anticipée : nous avons trouvé la réponse plus vite que prévu, en trois échanges.",
]
PAUSE_REASON = "Congé de plusieurs mois : reprendra le mentorat à son retour."
ARCHIVE_REASON = "A quitté son laboratoire, et le programme avec lui."

# "What changed", by side and by how good a fit it was: short, plausible, in the founding text's spirit.
WHAT_CHANGED = {
    "requester": {
        "good": [
            "Nous avons pris du recul sur notre projet : notre mentor nous a aidés à poser les bonnes questions "
            "avant de choisir, et à repérer les pièges qu’il avait lui-même rencontrés.",
            "Un regard extérieur, bienveillant et sans enjeu commercial, nous a évité de procrastiner : la décision "
            "est prise et le calendrier partagé avec les élus.",
            "J’ai compris comment raisonne une startup, ses contraintes et son rythme. Nos échanges ont débloqué un "
            "partenariat qui traînait depuis un an.",
            "Les séances en groupe ont installé une pratique commune dans l’équipe : nous évaluons maintenant chaque "
            "expérimentation avec les mêmes indicateurs.",
            "Notre mentor a partagé ses échecs autant que ses réussites ; c’est ce qui nous a le plus servi pour "
            "convaincre en interne.",
            "Je me sens moins seul face au changement : j’ai un pair à qui poser une question difficile, et nous "
            "continuons d’échanger de temps en temps.",
        ],
        "fair": [
            "Des échanges utiles mais trop espacés : nous aurions dû fixer un rythme dès le début.",
            "De bonnes pistes, mais nos contextes étaient plus différents que prévu ; un second mentor côté "
            "collectivité aurait complété.",
        ],
        "poor": [
            "Nos attentes n’étaient pas les bonnes : nous cherchions une expertise technique plutôt qu’un regard de "
            "pair.",
        ],
    },
    "mentor": {
        "good": [
            "J’ai découvert les contraintes d’une collectivité de l’intérieur : marchés publics, calendrier des élus. "
            "Cela change ma façon de proposer des partenariats.",
            "Accompagner une équipe qui démarre m’a obligée à formuler ce que nous avions appris par essais et "
            "erreurs : nous en avons fait une fiche pratique pour les communs de la Fabrique.",
            "Un échange d’égal à égal : j’ai autant appris sur la culture d’un laboratoire que j’ai transmis.",
            "Voir l’équipe avancer seule après quelques séances est la meilleure récompense ; le mentorat crée de "
            "la confiance plus qu’il ne donne des réponses.",
            "Mon mentoré m’a posé des questions que je ne me posais plus : un vrai mentorat inversé, par moments.",
        ],
        "fair": [
            "Nous avons eu du mal à trouver un rythme ; un point à mi-parcours proposé par le programme aurait aidé.",
        ],
        "poor": [
            "Le besoin relevait d’un prestataire plus que d’un mentor ; nous l’avons dit franchement et c’était "
            "la bonne décision.",
        ],
    },
}
