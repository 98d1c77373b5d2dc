"""The admin's login form, with a translatable password label.

Wagtail's own form leaves the label to Django's automatic "Password", built
from the field name and so never translated: the only English word on the
Vietnamese login screen.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
