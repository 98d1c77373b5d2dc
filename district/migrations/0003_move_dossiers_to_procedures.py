from django.db import migrations

from home.moving_models import move_out


class Migration(migrations.Migration):
    """A commune's dossier register belongs to the procedures app."""

    dependencies = [("district", "0002_move_portal_pages_from_home_and_contact")]

    operations = [
        *move_out("SmsMessage", to_app="procedures"),
        *move_out("DossierLookupPage", to_app="procedures"),
        *move_out("Dossier", to_app="procedures"),
    ]
