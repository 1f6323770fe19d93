"""`{{ sentence|elide }}`: French elision of « de » before a name (portal/wording.py). Use it on a translated
sentence holding a name: `{% blocktranslate with name=mentor.full_name asvar text %}…{% endblocktranslate %}
{{ text|elide }}`."""

from django import template

from portal.wording import elide as elide_names

register = template.Library()


@register.filter(is_safe=True)  # elision adds no markup: safe text stays safe
def elide(text):
    return elide_names(text)
