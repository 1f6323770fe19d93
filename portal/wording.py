"""Django's and Wagtail's own interface strings that the portal words differently in French: "adresse e-mail"
everywhere, never "courriel" or "adresse électronique", and French typography in what mentors read (the
photo field's help and errors). Listed here so that makemessages keeps them in the portal's catalogue,
which Django reads before the libraries' own (LOCALE_PATHS).

And French elision where a sentence puts a name after « de » (`elide`, the `elide` template filter of
wording_tags): « Le profil d'Élodie », never « Le profil de Élodie »."""

import re

from django.utils.translation import get_language, gettext_noop, ngettext_lazy

OVERRIDDEN = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("Email"),
    gettext_noop("email address"),
    gettext_noop("Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."),
    gettext_noop("Not a supported image format. Supported formats: %(supported_formats)s."),
    gettext_noop("Not a valid .%(extension)s image. The extension does not match the file format (%(image_format)s)"),
    gettext_noop("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
    # Wagtail's French puts a model's name in phrases that cannot agree with it (« Ce(tte) page est modifiable
    # par tous », « Ajouter un(e) tâche », « Réordonné(e)(s) »): said here without it. (Without the name, a
    # translation leaves out a placeholder: "no-python-format" stops makemessages marking it fuzzy.)
    # xgettext:no-python-format
    gettext_noop("This %(model_name)s is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."),
    # xgettext:no-python-format
    gettext_noop("You can preview the %(model_name)s here:"),
    # xgettext:no-python-format
    gettext_noop("Add %(label)s"),
    gettext_noop("Unlocked"),
    # xgettext:no-python-format
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    # xgettext:no-python-format
    gettext_noop("Anyone can edit this %(model_name)s"),
    # xgettext:no-python-format
    gettext_noop("This %(model_name)s hasn't been submitted for moderation yet"),
    gettext_noop("Created"),
    # « Navigation mis à jour » : the setting's name, feminine or masculine, comes after the verb.
    gettext_noop("%(setting_type)s updated."),
    # xgettext:no-python-format
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    # xgettext:no-python-brace-format
    gettext_noop("This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."),
    # xgettext:no-python-format
    gettext_noop("Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"),
    # xgettext:no-python-format
    gettext_noop("Reordered under '%(parent)s'"),
    gettext_noop("Reordered"),
    # xgettext:no-python-format
    gettext_noop("Add %(model_name)s"),
    # xgettext:no-python-format
    gettext_noop("No %(model_name)s match your query."),
    # xgettext:no-python-format
    gettext_noop("There are no %(model_name)s to display."),
    # xgettext:no-python-format
    gettext_noop('There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'),
    # xgettext:no-python-format
    gettext_noop("%(model_name)s '%(object)s' created."),
    # xgettext:no-python-format
    gettext_noop("%(model_name)s '%(object)s' updated."),
    # xgettext:no-python-format
    gettext_noop("%(model_name)s '%(object)s' deleted."),
    # xgettext:no-python-format
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    # xgettext:no-python-format
    gettext_noop("The %(model_name)s could not be created due to errors."),
    # xgettext:no-python-format
    gettext_noop("The %(model_name)s could not be saved due to errors."),
    # xgettext:no-python-format
    gettext_noop("Create a new %(model_name)s"),
    # xgettext:no-python-format
    gettext_noop("Sorry, there are no %(name)s matching your search parameters."),
    # xgettext:no-python-format
    gettext_noop("No %(name)s have been created yet."),
    # xgettext:no-python-format
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    # xgettext:no-python-format
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    # xgettext:no-python-format
    gettext_noop("Would you still like to publish this %(model_name)s?"),
    # xgettext:no-python-format
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
    ngettext_lazy("Used %(usage_count)s time", "Used %(usage_count)s times", "usage_count"),
    ngettext_lazy(
        # xgettext:no-python-format
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "usage_count",
    ),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times", "count"),
]


# « de » before a name that starts with a vowel or a mute h: « le profil d'Élodie », « d'Hugo », « d'Orange »
# (with the typographic apostrophe).
# Only before a capital (a name or an organisation), which the portal's own French never puts there; an h is
# taken as mute, as in most first names (Hélène, Hugo, Hervé).
ELIDABLE = re.compile(r"\b([dD])e (?=[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ]|H[aeiouyàâäéèêëîïôöùûü])")


def elide(text):
    """French elision in a sentence where a name follows « de »; text in other languages is left as it is."""
    if not (get_language() or "").startswith("fr"):
        return text
    return ELIDABLE.sub(lambda match: f"{match.group(1)}\u2019", str(text))
