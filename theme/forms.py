"""The look of citizens' forms, whatever app they belong to."""

from django import forms


class CitizenForm(forms.Form):
    """Labels without Django's trailing colon, as Vietnamese forms write them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
