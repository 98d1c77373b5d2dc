"""Posting the moderation form of a submission as an editor's browser does."""

from django.urls import reverse


def moderation_data(feedback, **extra) -> dict:
    """The form as the editor sees it (the stored values), changed by ``extra``."""
    return {
        "status": feedback.status,
        "assigned_to": "",
        "reason": "",
        "reply_template": "",
        "answer": feedback.answer,
        "published_title": feedback.published_title,
        "published_question": feedback.published_question,
        "published_answer": feedback.published_answer,
        **extra,
    }


def moderate(client, feedback, **extra):
    """Saves the form, opened on the submission as it is stored now."""
    feedback.refresh_from_db()
    return client.post(
        reverse("feedback:edit", args=[feedback.pk]), moderation_data(feedback, **extra)
    )
