"""Merging communes and their approval (``home.moderation``): the old
approvers approve for the new commune and keep nothing of the old one (its
archived site is rooted at the tree's root, so a right left there would
reach every commune); the old workflow stops, and the moved pages wait for
the new commune's approvers."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import GroupPagePermission, Page, WorkflowState

from district.merge import merge_communes
from home.access import communes_for_user
from home.moderation import add_commune_approver
from home.sections import SECTIONS_BY_KEY
from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db


def test_the_old_approvers_approve_for_the_commune_they_merge_into(communes, editor_b):
    kep, voi = communes["kep"], communes["voi"]
    user, _ = add_commune_approver(username="chutich-kep", commune=kep, password="pw")
    kep_news = SECTIONS_BY_KEY["news"].existing_page(Page.objects.get(pk=kep.site.root_page_id))
    article = NewsArticlePage(title="Tin Kép", slug="tin-kep", lead="Chờ duyệt.", live=False)
    kep_news.add_child(instance=article)
    article.save_revision(user=editor_b)
    article.get_workflow().start(article, editor_b)

    merge_communes(sources=["kep"], target="voi")

    kep.refresh_from_db()
    approver = get_user_model().objects.get(pk=user.pk)
    assert list(communes_for_user(approver)) == [voi]
    assert not kep.approvers_group.user_set.exists()
    assert not GroupPagePermission.objects.filter(group=kep.approvers_group).exists()
    assert not kep.approval_workflow.active
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_CANCELLED
    kep_news.refresh_from_db()
    assert kep_news.get_workflow() == voi.approval_workflow
    assert kep_news.permissions_for_user(approver).can_publish_subpage()
