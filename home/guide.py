"""The editors' guide in Vietnamese (/admin/huong-dan/) and the ways to it:
a dashboard panel and an item in the Help menu.

The guide's text is a document for Vietnamese editors, written in the
template; its screenshots are taken on the real admin by
``scripts/guide_screenshots.py`` into ``home/static/home/guide/``.
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_URL_NAME = "home_editors_guide"

# (anchor, heading, screenshots) of each section, in the guide's order; the
# template writes the steps, the tests check that every screenshot exists.
SECTIONS = [
    ("bat-dau", "Bắt đầu: đăng nhập và màn hình chính", ["dashboard.png"]),
    (
        "tin-tuc",
        "1. Đăng một tin tức",
        ["news-explorer.png", "news-add.png", "news-publish.png", "news-published.png"],
    ),
    (
        "thu-tuc",
        "2. Cập nhật ghi chú của xã cho một thủ tục",
        ["procedure-notes.png", "procedure-note-edit.png"],
    ),
    (
        "gop-y",
        "3. Trả lời và công khai ý kiến của người dân",
        ["feedback-list.png", "feedback-answer.png", "feedback-publish.png"],
    ),
    ("danh-gia", "4. Xem kết quả đánh giá hài lòng", ["ratings.png", "ratings-results.png"]),
    ("loi-chuc", "5. Viết lời chúc", ["greeting-add.png"]),
    ("thu", "6. Viết và in thư gửi công dân", ["letter-add.png", "letter-print.png"]),
    ("poster", "7. In tờ thông tin thủ tục dán tại quầy", ["poster.png"]),
]


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    """Open to everyone who may enter the admin (register_admin_urls checks it)."""

    template_name = "home/admin/guide.html"
    page_title = _("Guide for commune editors")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = [
            {"anchor": anchor, "heading": heading} for anchor, heading, _shots in SECTIONS
        ]
        return context


class EditorsGuidePanel(Component):
    """The dashboard's way to the guide, shown to every editor."""

    name = "editors_guide"
    template_name = "home/admin/guide_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        return {"guide_url": reverse_lazy(GUIDE_URL_NAME)}


def guide_menu_item() -> MenuItem:
    return MenuItem(
        _("Guide for commune editors"),
        reverse_lazy(GUIDE_URL_NAME),
        name="editors-guide-vi",
        icon_name="help",
        order=900,
    )
