"""QR codes as small inline SVG, made once per URL and kept in the cache."""

import hashlib

import qrcode
from django.core.cache import cache
from qrcode.image.svg import SvgPathImage


def qr_svg(url: str) -> str:
    key = "qr-svg:" + hashlib.sha256(url.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        image = qrcode.make(
            url,
            image_factory=SvgPathImage,
            error_correction=qrcode.constants.ERROR_CORRECT_M,
            box_size=10,
            border=4,
        )
        svg = image.to_string(encoding="unicode")
        svg = svg.split("?>", 1)[-1].strip()  # inline in HTML: no XML declaration
        cache.set(key, svg, timeout=None)
    return svg
