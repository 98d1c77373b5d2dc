"""Writing a letter to the register, for every writer (the admin's drafting
screen, the demo content, a command or a shell): the signer's name and
position kept as signed, and a new letter registered with the next number of
its commune's register for its year (see ``contact.models.letters``).

The model's ``save()`` stays plain; whoever writes a letter calls
``save_letter``, as the admin does through Wagtail's action registry
(``contact.wagtail_hooks``).
"""

from django.db import IntegrityError, transaction
from django.db.models import Max

from .models import Letter

NUMBERING_ATTEMPTS = 5


def freeze_signer(instance, original_signer_id) -> None:
    """Copy the signer's name and position when a signer is first chosen or
    changed; keep them otherwise, even if the directory has changed since.
    Letters and signed pages (greetings) alike."""
    signer = instance.signer
    if signer is None:
        instance.signer_name = instance.signer_position = ""
        if hasattr(instance, "signer_post"):
            instance.signer_post = ""
        return
    if signer.pk != original_signer_id or not instance.signer_name:
        instance.signer_name = signer.full_name
        instance.signer_position = signer.position_label
        if hasattr(instance, "signer_post"):
            instance.signer_post = signer.post


def next_number(commune_id: int, year: int) -> int:
    """The number the commune's next letter of ``year`` takes."""
    last = Letter.objects.filter(commune_id=commune_id, year=year).aggregate(last=Max("number"))
    return (last["last"] or 0) + 1


def register_letter(letter: Letter) -> Letter:
    """Saves a new letter with the next number of its commune's register for
    the year of its date. Two editors registering at the same moment draw the
    same number; the unique constraint refuses the second, which draws again."""
    letter.year = letter.letter_date.year
    for _attempt in range(NUMBERING_ATTEMPTS):
        letter.number = next_number(letter.commune_id, letter.year)
        try:
            with transaction.atomic():
                letter.save()
        except IntegrityError:
            letter.pk = None
            continue
        return letter
    raise IntegrityError("could not give the letter a register number")


def stored_signer_id(letter: Letter) -> int | None:
    if letter.pk is None:
        return None
    return Letter.objects.filter(pk=letter.pk).values_list("signer_id", flat=True).first()


def save_letter(letter: Letter, *, user=None) -> Letter:
    """Saves a letter as every writer must: its signer kept as signed; a new
    letter registered (numbered, with ``user`` as its drafter); a registered
    one keeps its number, whatever else changes."""
    freeze_signer(letter, stored_signer_id(letter))
    if letter.number:
        letter.save()
        return letter
    if user is not None and letter.drafted_by_id is None:
        letter.drafted_by = user
    return register_letter(letter)
