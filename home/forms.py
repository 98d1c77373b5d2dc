"""Admin forms shared by every app: the login form and the page form.

The login form gives the password a translatable label: Wagtail's own form
leaves it to Django's automatic "Password", built from the field name and so
never translated, the only English word on the Vietnamese login screen.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.auth import LoginForm
from wagtail.models import Page, Site

from .concurrency import RevisionConflictGuard
from .ownership import OwnedReferencesFormMixin, scope_for_user, scope_of


class AdminLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")


def commune_for_tree(tree_path: str):
    """The commune whose tree holds this path, or None (the district portal).

    Read through the site rooted at the tree's top page, so that this module
    needs no model of its own app (models import the page form)."""
    root_path = tree_path[: 2 * Page.steplen]
    site = (
        Site.objects.filter(root_page__path=root_path, commune__isnull=False)
        .select_related("commune__collection")
        .first()
    )
    return site.commune if site else None


class BasePageForm(RevisionConflictGuard, OwnedReferencesFormMixin, WagtailAdminPageForm):
    """A commune's pages may only name that commune's pages, images and
    documents (and its own or the district's records): see ``home.ownership``.
    Pages of the district portal are the district admins'; there, commune
    editors are held to their own communes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrow_choices(self.ownership_scope())

    def tree_path(self) -> str:
        return self.instance.path or (self.parent_page.path if self.parent_page else "")

    @cached_property
    def page_commune(self):
        """The commune whose tree the page is in; None on the district portal."""
        tree_path = self.tree_path()
        return commune_for_tree(tree_path) if tree_path else None

    def commune_collection(self):
        commune = self.page_commune
        return commune.collection if commune else None

    @cached_property
    def _ownership_scope(self):
        if self.page_commune is not None:
            return scope_of([self.page_commune])
        user = getattr(self, "for_user", None)
        return scope_for_user(user) if user is not None else None

    def ownership_scope(self):
        return self._ownership_scope
