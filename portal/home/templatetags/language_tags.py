"""What templates need to show content honestly in the visitor's language (portal/home/languages.py).

- `{{ page|localized }}`: the page as shown, its live translation or itself;
- `<h2{% content_lang obj %}>`: ` lang="fr"` when obj's text is not in the interface language, else nothing;
- `{% content_language obj %}…{% endcontent_language %}`: the same for block content, wrapped in a div;
- `{% untranslated_notice page %}`: says, in the interface language, that the page is shown in French.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.home import languages

register = template.Library()


@register.filter
def localized(page):
    return languages.localized(page)


@register.simple_tag
def content_lang(obj):
    if obj is None or not languages.in_another_language(obj):
        return ""
    return format_html(' lang="{}"', languages.content_language(obj))


@register.simple_tag
def untranslated_notice(page):
    if page is None or not languages.shown_untranslated(page):
        return ""
    return format_html(
        '<p class="notice notice--language">{}</p>',
        _("This page has not been translated into English yet: here is the French text."),
    )


class ContentLanguageNode(template.Node):
    def __init__(self, obj, nodelist):
        self.obj = obj
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context)
        obj = self.obj.resolve(context)
        if obj is None or not languages.in_another_language(obj):
            return content
        return format_html('<div lang="{}">{}</div>', languages.content_language(obj), content)


@register.tag("content_language")
def content_language(parser, token):
    """`{% content_language page %}…{% endcontent_language %}`: block content (rich text, a stream) in a
    `<div lang="fr">` when it is not in the interface language, untouched otherwise."""
    try:
        _tag, obj = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError("content_language takes one argument: the object") from error
    nodelist = parser.parse(("endcontent_language",))
    parser.delete_first_token()
    return ContentLanguageNode(parser.compile_filter(obj), nodelist)
