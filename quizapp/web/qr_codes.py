"""QR codes drawn as inline SVG: no image file, no script, and sharp at any size on a projector."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape

from quizapp.services.caches import QR_CODES


@QR_CODES.memoise  # the host screen's lobby asks every second for the same link's code
def qr_svg(text: str, label: str) -> Markup:
    """A QR code of ``text`` as an <svg> that scales to its box, announced to screen readers as ``label``."""
    code = segno.make(text, error="m")
    svg = code.svg_inline(scale=1, border=2, omitsize=True, dark="#111", light="#fff",
                          svgclass="qr", lineclass=None)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
