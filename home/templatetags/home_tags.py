"""Template tags of the communes' sites: parts of a page kept rendered per
site between publishes (``home.fragments``)."""

from django import template

from home.fragments import render_fragment

register = template.Library()


class SiteFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        return render_fragment(context, self.name.resolve(context), self.nodelist)


@register.tag
def sitefragment(parser, token):
    """``{% sitefragment "home-sections" %}…{% endsitefragment %}``: the
    enclosed part, kept rendered per site and language until the site
    changes (see ``home/fragments.py``)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("sitefragment takes one argument: the fragment's name")
    nodelist = parser.parse(("endsitefragment",))
    parser.delete_first_token()
    return SiteFragmentNode(parser.compile_filter(bits[1]), nodelist)
