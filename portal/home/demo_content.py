"""The seed's content, in French: the founding text "Mentorat, vers une culture commune".

Texts are taken from the seed, lightly edited for spelling; where the seed only names a section
(the white paper details), the text is a short synthesis of what the seed says. Nothing invented
about real organisations beyond what the seed states.
"""

HOME = {
    "summary": (
        "Le programme de mentorat de la Fabrique des Mobilités : trois modèles, des défis partagés et des "
        "mentors bénévoles pour construire une culture commune entre les acteurs de la mobilité."
    ),
    # The call to action's button leads to the ideas form (the loader sets the page).
    "body": [
        (
            "hero",
            {
                "heading": "Mentorat, vers une culture commune",
                "introduction": (
                    "Collectivités, industriels, startups, laboratoires et écoles : chaque acteur de la mobilité a "
                    "sa propre logique. Le mentorat de la Fabrique des Mobilités aide chacun à mieux comprendre "
                    "l'autre et à cheminer ensemble."
                ),
            },
        ),
        (
            "introduction",
            {
                "eyebrow": "Le programme",
                "heading": "Le mentorat, vers une culture commune",
                "text": (
                    "<p>Dès le départ, la Fabrique se fixait comme objectif ambitieux d'aider à transformer les "
                    "cultures des acteurs, de tous les types d'acteurs. À la fois parce que certains n'ont pas pris "
                    "la mesure des changements en cours, mais également parce que chaque type d'acteur "
                    "(collectivité, industrie, startup, laboratoire, école) a sa propre logique, sa propre "
                    "perception du marché et des besoins.</p>"
                    "<p>Il ne s'agit pas d'essayer de formater les mentalités, au contraire. Il s'agit de garder "
                    "cette (bio)diversité mais de permettre à chacun de mieux comprendre l'autre, son point de vue, "
                    "ses forces et ses difficultés. Et de cheminer ensemble dans un contexte complexe, en perpétuelle "
                    "dé-recomposition.</p>"
                ),
            },
        ),
        (
            "mentoring_models",
            {
                "heading": "Trois modèles de mentorat",
                "introduction": (
                    "La Fabrique vous propose trois modèles comme des chemins à explorer ensemble, construits avec "
                    "l'aide de professionnel·les du sujet."
                ),
            },
        ),
        (
            "featured_challenges",
            {
                "heading": "Les défis à relever ensemble",
                "introduction": (
                    "Les problèmes que rencontrent les acteurs de la mobilité, et le mentorat qui peut aider."
                ),
            },
        ),
        (
            "latest_stories",
            {
                "heading": "Retours d’expérience",
                "introduction": "Des programmes qui ont fonctionné, racontés par ceux qui les ont menés.",
            },
        ),
        (
            "call_to_action",
            {
                "title": "Renvoyez-nous vos idées !",
                "text": (
                    "Pour identifier la bonne forme de mentorat puis l'adapter au contexte, il est nécessaire de "
                    "faire un tour d'horizon des besoins des acteurs et de l'écosystème."
                ),
                "button_label": "",
                "page": None,
                "url": "",
            },
        ),
    ],
}

PROGRAMME = {
    "title": "Mentorat by FabMob",
    "slug": "mentorat-by-fabmob",
    "summary": (
        "Le mentorat, un moyen de créer les meilleures conditions avec des personnes volontaires et "
        "bienveillantes : trois modèles comme des chemins à explorer ensemble."
    ),
    "body": [
        (
            "paragraph",
            "<p>Le mentorat est assurément, face à cet objectif, un moyen pour créer les meilleures conditions "
            "avec des personnes volontaires et bienveillantes. Nous pouvons (et devons) commencer petit avec "
            "quelques volontaires puis, selon les retours, allonger les foulées, impliquer plus largement et "
            "engager l'écosystème.</p>",
        ),
        ("heading", {"text": "Trois chemins à explorer ensemble", "level": "h2"}),
        (
            "paragraph",
            "<p>La Fabrique vous propose trois modèles comme des chemins à explorer ensemble, construits avec "
            "l'aide de professionnel·les du sujet : <b>Culture Shift</b>, <b>Peer 2 Peer</b> et "
            "<b>Agilité</b>.</p>"
            "<p>Nous avons également identifié les formes de mentorat réalisées depuis des années par des "
            "acteurs comme le Réseau Entreprendre, qu'il n'est pas souhaitable de tenter de reproduire.</p>",
        ),
        (
            "quote",
            {
                "quote": (
                    "Il ne s'agit pas d'essayer de formater les mentalités, au contraire. Il s'agit de garder "
                    "cette (bio)diversité mais de permettre à chacun de mieux comprendre l'autre."
                ),
                "attribution": "La Fabrique des Mobilités",
                "role": "",
            },
        ),
        ("heading", {"text": "Le livre blanc", "level": "h2"}),
        (
            "paragraph",
            "<p>Ces trois modèles sont détaillés en termes de principes, de retour sur investissement, de "
            "pièges à éviter, d'organisation, d'opérationnalisation et de production de communs dans le livre "
            "blanc « Mentorat by FabMob » (2018, à venir), d'abord distribué aux adhérents de la Fabrique.</p>",
        ),
    ],
}

MENTORING_MODELS = [
    {
        "code": "culture-shift",
        "title": "Culture Shift",
        "slug": "culture-shift",
        "summary": "Du mentorat interne pour faire évoluer la culture d'une organisation, sans clonage.",
        "definition": (
            "Du mentorat interne (intra-organisationnel) permettant à ceux qui sont « dans » la culture cible "
            "d'accompagner ceux qui ne le sont pas encore."
        ),
        "situation": (
            "<p>Les dirigeants d'une entreprise multinationale se rendent compte que l'entreprise est à deux "
            "vitesses ou que des écarts de culture en interne créent de réels décalages de performance. Les "
            "atouts et mindsets pour innover ou faire évoluer l'entreprise semblent exister en interne mais ne "
            "sont pas forcément déployés et partagés uniformément, en partie pour cause de différences "
            "culturelles historiques ou récentes par acquisition.</p>"
            "<p>Sans complètement déformer l'identité des unités locales (pas de clonage), les dirigeants "
            "cherchent à faire évoluer la culture de l'entreprise pour qu'elle puisse continuer de servir les "
            "ambitions stratégiques.</p>"
        ),
        "principles": (
            "<ul><li>Un mentorat interne : les personnes déjà « dans » la culture cible accompagnent celles qui "
            "ne le sont pas encore.</li><li>Faire évoluer la culture sans déformer l'identité des unités "
            "locales.</li><li>Des mentors et des mentorés volontaires.</li></ul>"
        ),
        "roi": (
            "<p>Des atouts et des mindsets qui existaient déjà en interne, enfin déployés et partagés ; moins "
            "de décalages de performance entre les unités ; une culture qui continue de servir les ambitions "
            "stratégiques.</p>"
        ),
        "pitfalls": (
            "<ul><li>Le clonage : imposer une culture unique au lieu de la faire évoluer.</li><li>Ignorer les "
            "différences culturelles historiques ou issues d'acquisitions.</li></ul>"
        ),
        "organisation": (
            "<p>Au sein d'une même organisation, à l'initiative de ses dirigeants : les mentors sont choisis "
            "parmi les équipes qui portent déjà la culture cible.</p>"
        ),
        "commons": (
            "<p>Les enseignements du programme, anonymisés, sont partagés avec l'écosystème de la Fabrique.</p>"
        ),
    },
    {
        "code": "peer-to-peer",
        "title": "Peer 2 Peer",
        "slug": "peer-2-peer",
        "summary": "L'entraide 1-2-1 entre senior managers de l'écosystème sur des problématiques communes.",
        "definition": (
            "Entraide — mentorat 1-2-1 — de senior managers de l'écosystème FabMob sur des problématiques "
            "communes, pour lever les freins aux transitions en cours ou décidées, comme par exemple les défis "
            "que la communauté FabMob a déjà identifiés."
        ),
        "situation": (
            "<p>Des acteurs de la mobilité ont été réunis autour d'une table et ils ont planché sur un ou "
            "plusieurs sujets les concernant. Des solutions et des possibilités de changement pour leur propre "
            "organisation commencent à émerger.</p>"
            "<p>Cependant, pour la mise en œuvre, ils se posent encore de nombreuses questions, et pourraient "
            "bénéficier d'un « sounding board » bienveillant (un mentor) pour les aider dans leur réflexion, "
            "prendre du recul, se poser les bonnes questions, identifier les pièges et les bonnes pratiques, "
            "dans le but d'accélérer la mise en place et ne pas procrastiner devant la complexité d'un "
            "changement nécessaire.</p>"
        ),
        "principles": (
            "<ul><li>Un mentor « sounding board » bienveillant : il aide à réfléchir, il ne décide pas à la "
            "place du mentoré.</li><li>Un binôme 1-2-1 entre pairs de l'écosystème, autour d'une problématique "
            "commune.</li><li>Prendre du recul, se poser les bonnes questions, identifier pièges et bonnes "
            "pratiques.</li></ul>"
        ),
        "roi": ("<p>Accélérer la mise en place du changement et ne pas procrastiner devant sa complexité.</p>"),
        "pitfalls": (
            "<ul><li>Reproduire des formes de mentorat pratiquées depuis des années par d'autres réseaux : ce "
            "n'est pas l'objectif.</li><li>Confondre le mentorat avec une relation commerciale.</li></ul>"
        ),
        "organisation": (
            "<p>Des binômes entre senior managers de l'écosystème FabMob, formés autour des défis identifiés "
            "par la communauté.</p>"
        ),
        "commons": (
            "<p>Les défis, les pièges et les bonnes pratiques identifiés ensemble alimentent le catalogue "
            "public des défis.</p>"
        ),
    },
    {
        "code": "agility",
        "title": "Agilité",
        "slug": "agilite",
        "summary": "Du mentorat externe de groupe pour acquérir une pratique : mindset, savoir-faire, savoir-être.",
        "definition": (
            "Du mentorat externe de groupe avec un mentor ayant l'expérience de la mise en place d'une pratique "
            "(combinaison de mindset, savoir-faire et savoir-être) qu'une population identifiée d'une ou "
            "plusieurs organisations souhaite acquérir."
        ),
        "situation": (
            "<p>Des évolutions technologiques, des changements sur les marchés historiques, des nouveaux "
            "concurrents viennent bousculer une entreprise. Ses dirigeants se rendent compte qu'ils ont besoin "
            "de faire évoluer leurs pratiques. Ils ont acquis de nouveaux outils ou méthodes, mais ils ne "
            "possèdent pas en interne les mindsets et savoir-être qui en permettent l'optimisation ou la "
            "livraison de leurs bénéfices prétendus.</p>"
            "<p>Au-delà de la formation aux nouvelles pratiques, un autre type d'accompagnement externe est "
            "nécessaire. FabMob, étant au cœur d'une communauté expérimentant et ayant du retour d'expérience "
            "sur ces nouvelles pratiques, peut proposer du mentorat d'agilité.</p>"
        ),
        "principles": (
            "<ul><li>Un mentor externe qui a déjà mis en place la pratique visée.</li><li>Un groupe identifié, "
            "d'une ou de plusieurs organisations.</li><li>Transmettre un mindset et un savoir-être, pas "
            "seulement un savoir-faire.</li></ul>"
        ),
        "roi": ("<p>Des outils et des méthodes déjà acquis qui livrent enfin les bénéfices attendus.</p>"),
        "pitfalls": (
            "<ul><li>Croire que la formation aux nouvelles pratiques suffit.</li><li>Acquérir des outils sans "
            "les mindsets qui en permettent l'optimisation.</li></ul>"
        ),
        "organisation": (
            "<p>Un mentor issu de la communauté de la Fabrique accompagne un groupe ; plusieurs organisations "
            "peuvent partager un même parcours.</p>"
        ),
        "commons": (
            "<p>Les retours d'expérience de la communauté sur ces nouvelles pratiques sont publiés et "
            "réutilisables.</p>"
        ),
    },
]

CHALLENGES = [
    {
        "title": "Mieux se comprendre et penser numérique et mobilité ensemble",
        "slug": "mieux-se-comprendre-numerique-et-mobilite",
        "summary": (
            "Faire travailler ensemble les cultures du numérique et de la mobilité, sans que l'une n'absorbe l'autre."
        ),
        "body": (
            "<p>Numérique et mobilité ont chacun leur logique, leur vocabulaire et leur rapport au temps. "
            "Lorsque des équipes issues de ces deux mondes doivent travailler ensemble — par acquisition, par "
            "partenariat ou par recrutement — les écarts de culture créent de réels décalages.</p>"
            "<p>Le mentorat aide chacun à comprendre le point de vue de l'autre, ses forces et ses difficultés, "
            "pour penser les services de mobilité avec le numérique plutôt qu'à côté de lui.</p>"
        ),
        "example": (
            "<p>L'intégration de nombreux ingénieurs d'Intel Sophia/Toulouse par l'Alliance Renault-Nissan.</p>"
        ),
        "themes": ["culture numérique", "intégration d'équipes", "transformation numérique"],
        "actor_types": ["industrie", "startup", "laboratoire"],
        "models": ["culture-shift", "peer-to-peer"],
    },
    {
        "title": "Comment m'engager dans l'open source ?",
        "slug": "comment-m-engager-dans-l-open-source",
        "summary": (
            "Ouvrir une ressource majeure de son organisation : comment, pourquoi, et quelles conséquences "
            "dans tous les domaines ?"
        ),
        "body": (
            "<p>Ouvrir son code ou ses données touche à tout : le modèle économique, la gouvernance, les "
            "compétences, les relations avec les utilisateurs et avec les concurrents. Les organisations qui "
            "l'ont fait savent quelles questions se poser, et dans quel ordre.</p>"
            "<p>Un mentor qui a déjà mené cette ouverture aide à bâtir sa propre réponse : pourquoi ouvrir, "
            "quoi ouvrir, sous quelle licence, avec quelle communauté.</p>"
        ),
        "example": (
            "<p>Kisio a ouvert une ressource majeure de l'entreprise : Navitia. « J'envisage de faire la même "
            "chose : comment, pourquoi, quelles conséquences dans tous les domaines ? »</p>"
        ),
        "themes": ["open source", "communs", "gouvernance"],
        "actor_types": ["industrie", "startup", "collectivite"],
        "models": ["peer-to-peer", "agility"],
    },
    {
        "title": "Développer la culture client",
        "slug": "developper-la-culture-client",
        "summary": (
            "S'inspirer des secteurs orientés client pour mettre le voyageur au cœur des services de mobilité."
        ),
        "body": (
            "<p>Les opérateurs de transport et les constructeurs ont longtemps pensé en infrastructures et en "
            "véhicules. D'autres secteurs ont fait de la relation client leur culture : leurs valeurs, leur "
            "vision et leurs pratiques peuvent se transmettre.</p>"
        ),
        "example": (
            "<p>Un tiers orienté client (luxe, hôtellerie…) partage ses valeurs, sa vision et ses pratiques "
            "avec un opérateur de transport collectif et/ou un constructeur.</p>"
        ),
        "themes": ["culture client", "expérience voyageur"],
        "actor_types": ["industrie", "collectivite"],
        "models": ["agility", "culture-shift"],
    },
    {
        "title": (
            "Partager des retours d'expériences dans la mise en œuvre de nouvelles mobilités et d'open data "
            "dans une collectivité"
        ),
        "slug": "retours-d-experiences-nouvelles-mobilites-open-data-collectivite",
        "summary": (
            "Entre pairs de collectivités, partager les moyens, les échecs et les erreurs pour mettre en œuvre "
            "plus vite les nouvelles mobilités et l'ouverture des données."
        ),
        "body": (
            "<p>Ouvrir les données de transport, lancer un service de mobilité partagée, accompagner une "
            "expérimentation : chaque collectivité refait souvent seule le chemin d'une autre. Partager ce qui "
            "a marché, et surtout ce qui n'a pas marché, fait gagner des mois.</p>"
        ),
        "example": (
            "<p>Un réseau d'employés de services techniques ou d'élus de collectivités partagent entre eux les "
            "moyens, les échecs, les erreurs.</p>"
        ),
        "themes": ["open data", "nouvelles mobilités", "retours d'expérience"],
        "actor_types": ["collectivite"],
        "models": ["peer-to-peer"],
    },
]

WORLDLINE_STORY = {
    "title": "Worldline : le mentorat devenu pratique culturelle",
    "slug": "worldline",
    "summary": (
        "Depuis 2014, plus de 400 personnes ont participé au programme de mentorat de cet acteur du "
        "e-paiement B2B, qui a donné naissance au reverse mentoring."
    ),
    "organisation": "Worldline",
    "start_year": 2014,
    "participants": 400,
    "model": "culture-shift",
    "reverse_mentoring": True,
    "body": (
        "<p>Worldline, acteur du e-paiement B2B, a lancé depuis 2014 un programme de mentorat visant en "
        "premier lieu à garder les jeunes talents cœur de métier engagés et mobiles au sein de "
        "l'organisation. Plus de 400 personnes ont participé aux différentes itérations du programme.</p>"
        "<p>Très vite, le mentorat a été intégré dans les pratiques culturelles de l'entreprise et a fait "
        "des petits, comme le reverse mentoring accompagnant la stratégie de transformation numérique.</p>"
    ),
    "outcomes": (
        "<ul><li>Le mentorat a resserré les générations.</li><li>Il a créé des communautés de développement "
        "et de partage.</li><li>Il a fait évoluer les pratiques managériales.</li><li>Il a créé des réseaux "
        "internes informels permettant plus de flexibilité.</li></ul>"
    ),
    "pull_quote": (
        "Le mentorat n'est pas directement lié à des succès business (ROI financiers), mais il crée des "
        "conditions relationnelles de confiance et de bienveillance permettant aux employés de grandir, de "
        "partager et de prendre des initiatives, offrant en retour à l'organisation le potentiel d'innover."
    ),
    "pull_quote_attribution": "Retour d'expérience de Worldline",
    "related_challenges": ["mieux-se-comprendre-numerique-et-mobilite"],
}

CHARTER_TEXT = [
    (
        "Volontariat",
        "Mentors et mentorés s'engagent librement. Chacun peut mettre fin à la relation de mentorat, "
        "simplement, en prévenant l'autre.",
    ),
    (
        "Bénévolat et bienveillance",
        "Le mentor est bénévole. Il est un « sounding board » bienveillant : il écoute, questionne et "
        "partage son expérience ; il ne décide pas à la place du mentoré.",
    ),
    (
        "Confidentialité",
        "Ce qui est partagé pendant le mentorat reste entre le mentor et le mentoré, sauf accord explicite "
        "des deux. Les coordonnées de chacun ne sont communiquées qu'à l'autre, une fois la demande acceptée.",
    ),
    (
        "Aucune sollicitation commerciale",
        "Le mentorat n'est pas une relation commerciale : le mentor ne propose ni produit, ni service, ni "
        "mission à son mentoré, et n'utilise pas la relation pour prospecter.",
    ),
    (
        "Respect des cultures",
        "Il ne s'agit pas de formater les mentalités : chaque type d'acteur garde sa logique. Le mentor aide à "
        "comprendre l'autre, pas à le cloner.",
    ),
    (
        "Disponibilité honnête",
        "Le mentor indique quand il n'est pas disponible et répond à chaque demande, pour l'accepter ou la "
        "décliner. Personne n'attend une réponse qui ne viendra pas.",
    ),
    (
        "Partage des communs",
        "Avec l'accord des personnes concernées, les enseignements du mentorat sont partagés sous forme "
        "anonymisée avec l'écosystème de la Fabrique.",
    ),
]

NEEDS_PAGE = {
    "title": "Identifions les besoins",
    "slug": "identifions-les-besoins",
    "thank_you_text": (
        "<p>Merci ! Vos réponses nous aident à choisir les défis et les formes de mentorat à proposer.</p>"
    ),
    "summary": (
        "Pour identifier la bonne forme de mentorat puis l'adapter au contexte, faisons un tour d'horizon "
        "des besoins des acteurs et de l'écosystème."
    ),
}

IDEAS_PAGE = {
    "title": "Renvoyez-nous vos idées !",
    "slug": "vos-idees",
    "summary": (
        "Un défi que votre organisation rencontre, un besoin d'accompagnement, une forme de mentorat à "
        "explorer : dites-le-nous."
    ),
    "introduction": (
        "<p>Le programme se construit avec l'écosystème. Vos idées nourrissent le catalogue des défis et les "
        "formes de mentorat que nous proposons.</p>"
    ),
    "thank_you_text": ("<p>Merci ! Votre idée est arrivée à l'équipe du programme, qui la lira avec attention.</p>"),
    "subject": "Nouvelle idée pour le mentorat",
    "fields": [
        {
            "label": "Votre idée",
            "field_type": "multiline",
            "required": True,
            "help_text": "Un défi, un besoin, une forme de mentorat à explorer…",
        },
        {
            "label": "Elle concerne",
            "field_type": "dropdown",
            "required": True,
            "choices": "Un défi\nUn besoin d'accompagnement\nUne forme de mentorat\nAutre chose",
        },
        {"label": "Votre nom", "field_type": "singleline", "required": False},
        {"label": "Votre organisation", "field_type": "singleline", "required": False},
        {
            "label": "Votre adresse e-mail",
            "field_type": "email",
            "required": False,
            "help_text": "Pour vous répondre ; jamais publiée.",
        },
    ],
}

RESOURCES_PAGE = {
    "title": "Ressources",
    "slug": "ressources",
    "summary": "Le livre blanc, l'article sur les fausses bonnes idées et la charte déontologique du mentorat.",
}

CHARTER_PAGE = {
    "title": "Charte déontologique du mentorat",
    "slug": "charte-deontologique",
    "version": "2026-1",
    "summary": (
        "Ce à quoi s'engagent les mentors et les mentorés du programme : volontariat, bienveillance, "
        "confidentialité et aucune sollicitation commerciale."
    ),
    "introduction": (
        "<p>Cette charte s'inspire de l'exemple de charte déontologique pour le mentorat de Worldline. Chaque "
        "mentor l'accepte avant de recevoir ses premières demandes.</p>"
    ),
}

PRIVACY_PAGE = {
    "title": "Données personnelles",
    "slug": "donnees-personnelles",
    "summary": "Quelles données le portail du mentorat conserve, pourquoi, qui les voit et combien de temps.",
    "body": [
        ("heading", {"text": "Ce que nous conservons", "level": "h2"}),
        (
            "paragraph",
            "<p>Quand vous demandez un mentor, proposez une idée ou devenez mentor, nous conservons ce que vous "
            "saisissez dans le formulaire : votre nom, votre adresse électronique, votre organisation, votre "
            "type d'acteur et votre message.</p>",
        ),
        ("heading", {"text": "Qui les voit", "level": "h2"}),
        (
            "paragraph",
            "<p>Les adresses électroniques ne sont jamais publiées. Les demandes de mentorat ne sont visibles "
            "que par l'équipe éditoriale de la Fabrique et, une fois la demande acceptée, par le mentor "
            "concerné. Le profil public d'un mentor ne montre que ce qu'il a choisi de publier.</p>",
        ),
        ("heading", {"text": "Combien de temps", "level": "h2"}),
        (
            "paragraph",
            "<p>Les demandes closes sont anonymisées au plus tard 24 mois après leur clôture. Seules des "
            "statistiques anonymes sont conservées, et publiées comme un commun.</p>",
        ),
        ("heading", {"text": "Vos droits", "level": "h2"}),
        (
            "paragraph",
            "<p>Conformément au RGPD, vous pouvez accéder à vos données, les faire rectifier ou effacer à tout "
            "moment en écrivant à l'équipe du mentorat de la Fabrique des Mobilités.</p>",
        ),
    ],
}

SITE_SETTINGS = {
    "footer_text": (
        "La Fabrique des Mobilités accompagne les acteurs de la mobilité dans leurs transformations, en "
        "produisant et en partageant des communs."
    ),
    "social_links": [("Wiki de la Fabrique des Mobilités", "https://wiki.lafabriquedesmobilites.fr/")],
}

# The footer's fixed links: (label, English label, address).
FOOTER_LINKS = [
    ("Devenir mentor", "Become a mentor", "/mentors/devenir-mentor/"),
    ("Mon espace mentor", "My mentor space", "/mentors/me/"),
    ("Le programme en chiffres", "The programme in figures", "/chiffres/"),
    ("Espace éditeurs", "Editors' area", "/admin/"),
]
