"""QR codes as small inline SVG, made once per URL and kept in the cache."""

import hashlib

import qrcode
from django.core.cache import cache
from qrcode.image.svg import SvgPathImage


def qr_svg(url: str) -> str:
    key = "qr-svg:2:" + hashlib.sha256(url.encode()).hexdigest()
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
        # The library names every path "qr-path": a page with several codes
        # would repeat an id, which HTML forbids.
        svg = svg.replace(' id="qr-path"', "")
        cache.set(key, svg, timeout=None)
    return svg
