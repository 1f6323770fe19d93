from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import modeladmin_register

from portal.admin_actions import EditorsModelAdmin
from portal.taxonomy.models import Equivalence


@modeladmin_register
class EquivalenceAdmin(EditorsModelAdmin):
    """The vocabulary of equivalents matching and search share (search/analysis.py)."""

    model = Equivalence
    button_helper_class = ButtonHelper  # edit and delete: no state to change
    menu_label = _("Equivalences")
    add_label = _("Add an equivalence")
    search_label = _("Search equivalences")
    empty_message = _("No equivalence yet.")
    no_match_message = _("No equivalence matches this search.")
    menu_icon = "list-ul"
    menu_order = 240
    add_to_settings_menu = False
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["expressions", "note"]
    panels = [FieldPanel("expressions"), FieldPanel("note")]
