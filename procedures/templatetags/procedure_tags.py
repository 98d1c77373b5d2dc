from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from procedures.qr import qr_svg

register = template.Library()


@register.simple_tag
def qr_code(url: str, label: str):
    """An accessible inline QR code: the SVG is an image named by ``label``."""
    svg = qr_svg(url).replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)
    return format_html(
        '<span class="qr" role="img" aria-label="{}">{}</span>',
        label,
        mark_safe(svg),  # noqa: S308
    )
