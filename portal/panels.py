"""Edit-form panels worded in full French phrases.

Wagtail's InlinePanel words its add button from the panel's label (« Ajouter un(e) Défis à la une »),
which French cannot agree; this one takes the whole phrase (`add_label`), as the admin lists do
(portal/admin_actions.py). Its `label` names one item (« Défi à la une 1 »), `heading` the panel.
"""

from wagtail.admin.panels import InlinePanel as WagtailInlinePanel
from wagtail.admin.panels import MultipleChooserPanel as WagtailMultipleChooserPanel


class InlinePanel(WagtailInlinePanel):
    def __init__(self, relation_name, *args, add_label="", **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(WagtailInlinePanel.BoundPanel):
        template_name = "wagtailadmin/panels/phrased_inline_panel.html"

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "add_label": self.panel.add_label}


class MultipleChooserPanel(WagtailMultipleChooserPanel):
    """The same for a panel whose add button opens a chooser of several items (« Choisir des défis »)."""

    def __init__(self, relation_name, *args, add_label="", **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(WagtailMultipleChooserPanel.BoundPanel):
        template_name = "wagtailadmin/panels/phrased_multiple_chooser_panel.html"

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "add_label": self.panel.add_label}
