"""Writes bench/matching_eval.json: 20 French challenges, 150 mentors, graded judgements.

Labels come from how each mentor is built, per challenge topic:
  3 — an expert: the topic's theme and its words in the bio (one in different forms: plurals,
      no accents, upper case);
  2 — the expertise is only in the bio (no theme), in other word forms;
  1 — a neighbour: shares one word of the topic, works on the next topic (where it is graded 3);
  0 — everyone else.
Each topic also has two unavailable experts (paused, not accepting): they must never be offered.
Ten generic mentors are noise. Run `python bench/make_eval_set.py` to regenerate (deterministic).
"""

import json
from pathlib import Path

# slug, title, summary, themes, actor types, models, topic words (as in a bio), variants (other forms)
TOPICS = [
    ("open-source", "Comment m'engager dans l'open source ?",
     "Ouvrir une ressource logicielle majeure de l'organisation : licences, communauté, gouvernance.",
     ["open source"], ["industrie", "startup"], ["peer-to-peer", "agility"],
     "logiciel libre, licence open source, communauté de contributeurs",
     "LOGICIELS LIBRES, licences ouvertes, contributeurs"),
    ("open-data", "Ouvrir les données de transport d'une collectivité",
     "Publier horaires, perturbations et comptages en données ouvertes et les maintenir dans la durée.",
     ["open data"], ["collectivite"], ["peer-to-peer"],
     "données ouvertes, jeux de données de transport, publication des horaires",
     "donnee ouverte, jeu de donnees, horaire publie"),
    ("culture-client", "Développer la culture client",
     "Placer le voyageur au cœur du service en s'inspirant des secteurs orientés client.",
     ["culture client"], ["industrie", "collectivite"], ["agility", "culture-shift"],
     "relation client, expérience voyageur, qualité de service",
     "relations clients, experiences voyageurs, qualite du service"),
    ("numerique-mobilite", "Penser numérique et mobilité ensemble",
     "Faire travailler ensemble ingénieurs du logiciel et ingénieurs de l'automobile.",
     ["culture numérique"], ["industrie", "laboratoire"], ["culture-shift"],
     "intégration d'équipes logicielles, culture numérique, ingénieurs automobiles",
     "integration des equipes, cultures numeriques, ingenieur automobile"),
    ("covoiturage", "Lancer le covoiturage du quotidien",
     "Organiser le covoiturage domicile-travail avec les employeurs et les collectivités.",
     ["covoiturage"], ["collectivite", "startup"], ["peer-to-peer"],
     "covoiturage domicile-travail, plateforme de covoiturage, employeurs",
     "COVOITURAGES, plateformes, employeur"),
    ("velo", "Développer l'usage du vélo",
     "Pistes cyclables, stationnement vélo et services pour changer les habitudes.",
     ["vélo"], ["collectivite"], ["peer-to-peer"],
     "aménagements cyclables, stationnement vélo, vélo-école",
     "amenagement cyclable, stationnements velos, velos"),
    ("maas", "Construire une application de mobilité servicielle (MaaS)",
     "Agréger les offres de transport d'un territoire dans un seul service.",
     ["MaaS"], ["startup", "collectivite"], ["peer-to-peer", "agility"],
     "mobilité servicielle, agrégation des offres, billettique intégrée",
     "mobilites servicielles, agregation d'offre, billettiques"),
    ("logistique", "Organiser la logistique urbaine du dernier kilomètre",
     "Livrer les centres-villes autrement : vélos cargos, espaces logistiques, mutualisation.",
     ["logistique urbaine"], ["startup", "collectivite"], ["peer-to-peer"],
     "livraison du dernier kilomètre, vélos cargos, espaces logistiques urbains",
     "livraisons, velo cargo, espace logistique"),
    ("rural", "Offrir des mobilités aux territoires ruraux",
     "Transport à la demande, autopartage et solidarités dans les territoires peu denses.",
     ["mobilité rurale"], ["collectivite"], ["peer-to-peer"],
     "transport à la demande, territoires ruraux, mobilité solidaire",
     "transports a la demande, territoire rural, mobilites solidaires"),
    ("electrique", "Déployer la recharge des véhicules électriques",
     "Planifier les bornes de recharge avec les énergéticiens et les gestionnaires de parkings.",
     ["électromobilité"], ["industrie", "collectivite"], ["peer-to-peer"],
     "bornes de recharge, véhicules électriques, réseau électrique",
     "borne de recharge, vehicule electrique, reseaux electriques"),
    ("ia", "Utiliser l'intelligence artificielle pour l'exploitation",
     "Prévoir la fréquentation et détecter les incidents avec l'apprentissage automatique.",
     ["intelligence artificielle"], ["industrie", "laboratoire"], ["agility"],
     "apprentissage automatique, prévision de fréquentation, détection d'incidents",
     "apprentissages automatiques, previsions, incident detecte"),
    ("mentorat-interne", "Mettre en place un mentorat interne",
     "Accompagner les nouveaux managers par ceux qui portent déjà la culture de l'entreprise.",
     ["mentorat interne"], ["industrie"], ["culture-shift"],
     "programme de mentorat interne, binômes de managers, charte de mentorat",
     "programmes de mentorat, binome, chartes"),
    ("inverse", "Essayer le mentorat inversé",
     "Des juniors accompagnent des dirigeants sur les usages numériques.",
     ["mentorat inversé"], ["industrie", "ecole"], ["culture-shift"],
     "mentorat inversé, jeunes talents, dirigeants et usages numériques",
     "mentorats inverses, jeune talent, dirigeant"),
    ("innovation-ouverte", "Réussir un partenariat grand groupe et startup",
     "Construire une innovation ouverte équilibrée entre un grand groupe et une jeune entreprise.",
     ["innovation ouverte"], ["industrie", "startup"], ["peer-to-peer"],
     "innovation ouverte, partenariats avec des startups, expérimentations conjointes",
     "innovations ouvertes, partenariat startup, experimentation"),
    ("marches-publics", "Acheter de l'innovation dans les marchés publics",
     "Utiliser la commande publique pour expérimenter de nouveaux services de mobilité.",
     ["marchés publics"], ["collectivite"], ["peer-to-peer"],
     "commande publique, marchés d'innovation, cahiers des charges",
     "marche public, marches innovants, cahier des charges"),
    ("information-voyageurs", "Améliorer l'information voyageurs",
     "Donner une information fiable en temps réel, y compris en situation perturbée.",
     ["information voyageurs"], ["collectivite", "industrie"], ["agility"],
     "information voyageurs en temps réel, situations perturbées, signalétique",
     "informations voyageur, situation perturbee, temps reel"),
    ("formation", "Former les agents aux nouvelles mobilités",
     "Faire monter en compétences les agents des collectivités et les cadres de l'industrie.",
     ["formation"], ["ecole", "collectivite"], ["agility"],
     "formation continue, montée en compétences, parcours pédagogiques",
     "formations, competences, parcours pedagogique"),
    ("evaluation", "Évaluer une expérimentation de mobilité",
     "Mesurer l'impact d'une expérimentation pour décider de la poursuivre ou de l'arrêter.",
     ["évaluation"], ["laboratoire", "collectivite"], ["peer-to-peer"],
     "évaluation d'impact, indicateurs, enquêtes auprès des usagers",
     "evaluations, indicateur, enquete usagers"),
    ("design", "Concevoir les services avec les usagers",
     "Entretiens, prototypes et tests pour écouter les voyageurs avant de développer.",
     ["design de service"], ["startup", "industrie"], ["agility"],
     "design de service, entretiens usagers, prototypes testés",
     "designs de services, entretien usager, prototype"),
    ("autopartage", "Développer l'autopartage",
     "Proposer des voitures partagées en station ou en libre-service sur un territoire.",
     ["autopartage"], ["startup", "collectivite"], ["peer-to-peer"],
     "autopartage en boucle, voitures partagées, flotte en libre-service",
     "AUTOPARTAGES, voiture partagee, flottes"),
]  # fmt: skip

FIRST_NAMES = ["Camille", "Julien", "Sophie", "Thomas", "Nadia", "Marc", "Émilie", "Hugo", "Isabelle", "Karim"]
REGIONS = ["bretagne", "occitanie", "ile-de-france", "grand-est", "normandie", "corse", "hauts-de-france"]
NOISE_BIOS = [
    "Dirigeante expérimentée, j'accompagne les équipes dans la conduite du changement.",
    "Ancien directeur financier, je conseille sur les budgets et la gestion.",
    "Juriste, spécialiste du droit des contrats et des assurances.",
    "Responsable des ressources humaines, recrutement et carrières.",
    "Consultant en communication institutionnelle et relations presse.",
    "Architecte, urbanisme et aménagement des espaces publics.",
    "Chef de projet immobilier, bureaux et logements.",
    "Spécialiste de la cybersécurité des systèmes industriels.",
    "Directrice commerciale, vente aux grands comptes.",
    "Élu local, finances publiques et fiscalité.",
]


ABOUT = (
    "Generated by bench/make_eval_set.py (seeded): profiles and graded judgements come from the same gene"
    "rator, so this set measures agreement with itself, not quality; see matching_eval_written.json and m"
    "atching_eval_heldout.json for sets written by hand."
)


def mentor(key, name, actor_type, headline, bio, themes, models, status="published", accepting=True):
    return {
        "key": key,
        "full_name": name,
        "actor_type": actor_type,
        "headline": headline,
        "bio": bio,
        "themes": themes,
        "models": models,
        "region": REGIONS[len(key) % len(REGIONS)],
        "status": status,
        "accepting": accepting,
    }


def build():
    challenges, mentors, judgements = [], [], {}
    for number, (slug, title, summary, themes, actors, models, words, variants) in enumerate(TOPICS):
        neighbour = TOPICS[(number + 1) % len(TOPICS)]
        first_word = words.split(",")[0]
        challenges.append(
            {
                "key": slug,
                "title": title,
                "summary": summary,
                "body": f"Nous cherchons des pairs qui ont déjà travaillé sur : {words}.",
                "themes": themes,
                "actor_types": actors,
                "models": models,
            }
        )
        surname = slug.title().replace("-", "")

        def name(role, number=number, surname=surname):
            return f"{FIRST_NAMES[(number + role) % 10]} {surname}{role}"

        people = [
            (3, mentor(f"{slug}-e1", name(1), actors[0], f"Experte : {first_word}",
                       f"Depuis dix ans je travaille sur {words}.", themes, models)),
            (3, mentor(f"{slug}-e2", name(2), actors[-1], f"Praticien : {themes[0]}",
                       f"J'ai piloté des projets de {words} avec plusieurs partenaires.", themes, models[:1])),
            (3, mentor(f"{slug}-e3", name(3), actors[0], f"Conseil en {themes[0]}",
                       f"Mon expérience : {variants}.", themes, ["culture-shift"])),
            (2, mentor(f"{slug}-b1", name(4), actors[-1], "Cadre expérimenté",
                       f"Ancienne cheffe de projet, {variants}, et beaucoup d'écoute.", [], models)),
            (1, mentor(f"{slug}-n1", name(5), neighbour[4][0], f"Spécialiste : {neighbour[3][0]}",
                       f"Je travaille sur {neighbour[6]}, et un peu sur {first_word}.", neighbour[3], neighbour[5])),
            (3, mentor(f"{slug}-u1", name(6), actors[0], f"Experte en pause : {themes[0]}",
                       f"Je travaille sur {words}.", themes, models, status="paused")),
            (3, mentor(f"{slug}-u2", name(7), actors[0], f"Expert indisponible : {themes[0]}",
                       f"Je travaille sur {words}.", themes, models, accepting=False)),
        ]  # fmt: skip
        for grade, person in people:
            mentors.append(person)
            judgements.setdefault(slug, {})[person["key"]] = grade
        # The neighbour carries the next topic's theme and words: an expert there.
        judgements.setdefault(neighbour[0], {})[f"{slug}-n1"] = 3
    for number, bio in enumerate(NOISE_BIOS):
        mentors.append(
            mentor(f"noise-{number}", f"Mentor Généraliste{number}", "industrie", "Généraliste", bio, [], [])
        )
    return {"about": ABOUT, "challenges": challenges, "mentors": mentors, "judgements": judgements}


if __name__ == "__main__":
    data = build()
    path = Path(__file__).with_name("matching_eval.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path}: {len(data['challenges'])} challenges, {len(data['mentors'])} mentors")
