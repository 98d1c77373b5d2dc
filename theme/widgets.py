"""Form widgets for citizens' forms."""

from django import forms
from django.utils.html import format_html, format_html_join


def html_attributes(attrs: dict) -> str:
    """Attributes in their given order, as Django's ``attrs.html`` writes them:
    ``True`` as a bare name, ``False`` and ``None`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


class LongSelect(forms.Select):
    """A ``<select>`` whose options are written in Python.

    Django renders each option through its own template, about a tenth of a
    millisecond apiece; a commune's procedure list has hundreds of them, which
    made the rating form the slowest citizen page. The markup is the same as
    Django's (attributes, ``selected``, option groups).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], html_attributes(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            groups.append(rendered)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            html_attributes(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )
