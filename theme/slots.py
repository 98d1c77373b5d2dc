"""Named places in the shared templates that apps fill with their own parts.

The theme knows no app. Its base template offers slots (below the header on
every page, …) and the commune home page offers its own; an app with
something to show there registers a template for the slot in its
``AppConfig.ready()``, with an order number, and the ``{% slot %}`` tag renders
the registered templates in that order with the page's context.
"""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SlotPart:
    order: int
    template_name: str


_SLOTS: dict[str, list[SlotPart]] = {}


def register_slot_template(slot: str, template_name: str, *, order: int) -> None:
    """Idempotent: registering the same template twice keeps one."""
    parts = _SLOTS.setdefault(slot, [])
    part = SlotPart(order, template_name)
    if part not in parts:
        parts.append(part)
        parts.sort()


def slot_templates(slot: str) -> list[str]:
    return [part.template_name for part in _SLOTS.get(slot, [])]
