"""A first vocabulary of true equivalents of the field, written by the team before any evaluation set was
read. Editors extend it in the admin (Paramètres › Équivalences); near-synonyms stay out (autopartage is
not covoiturage, logistique urbaine is not the last mile)."""

from django.db import migrations

GROUPS = [
    ["open data", "données ouvertes", "opendata", "ouverture des données"],
    ["open source", "logiciel libre", "code source ouvert"],
    ["transport à la demande", "TAD"],
    ["transports en commun", "TC", "transports collectifs", "transport public"],
    ["MaaS", "mobility as a service", "mobilité servicielle"],
    ["GTFS", "General Transit Feed Specification"],
    ["autorité organisatrice de la mobilité", "AOM"],
    ["délégation de service public", "DSP"],
    ["vélos en libre-service", "VLS", "bike sharing", "vélopartage"],
    ["infrastructure de recharge", "IRVE", "bornes de recharge"],
    ["électromobilité", "mobilité électrique"],
    ["zone à faibles émissions", "ZFE", "zone à faibles émissions mobilité"],
    ["bus à haut niveau de service", "BHNS"],
    ["covoiturage", "covoit", "carpooling", "car pooling"],
    ["autopartage", "auto-partage", "car sharing", "carsharing"],
    ["intelligence artificielle", "IA", "artificial intelligence"],
    ["loi d'orientation des mobilités", "LOM"],
    ["plan de mobilité employeur", "PDME", "plan de déplacements entreprise", "PDE", "plan de mobilité entreprise"],
    ["pôle d'échanges multimodal", "PEM", "pôle d'échanges"],
    ["système d'information voyageurs", "SIV", "information voyageurs", "info voyageurs"],
    ["RGPD", "GDPR", "règlement général sur la protection des données"],
    ["vélo cargo", "cargo bike", "biporteur", "triporteur"],
    ["design de service", "service design"],
    ["innovation ouverte", "open innovation"],
    ["mentorat inversé", "reverse mentoring"],
    ["expérience client", "customer experience"],
    ["expérience utilisateur", "UX", "user experience"],
    ["marchés publics", "commande publique", "achat public"],
    ["billettique", "ticketing"],
    ["responsabilité sociétale des entreprises", "RSE", "CSR", "responsabilité sociale des entreprises"],
    ["système d'information géographique", "SIG", "GIS"],
    ["preuve de concept", "PoC", "proof of concept"],
    ["start-up", "startup", "jeune pousse"],
]


def seed(apps, schema_editor):
    Equivalence = apps.get_model("taxonomy", "Equivalence")
    for expressions in GROUPS:
        Equivalence.objects.create(expressions="\n".join(expressions))


def grant(apps, schema_editor):
    """Editors and moderators keep the vocabulary."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="taxonomy", model="equivalence")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_equivalence", defaults={"name": f"Can {action} equivalence"}
        )[0]
        for action in ("add", "change", "delete", "view")
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0005_equivalence"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
