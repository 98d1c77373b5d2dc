from django.db import migrations

from home.moving_models import move_out


class Migration(migrations.Migration):
    """The portal's figures page belongs to the oversight layer (district)."""

    dependencies = [("contact", "0002_feedback_feedbackevent_feedbackpage_rating_and_more")]

    operations = move_out("SatisfactionOverviewPage", to_app="district")
