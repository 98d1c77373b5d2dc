from django.db import migrations

from home.moving_models import move_out


class Migration(migrations.Migration):
    """Letters and their register belong to the contact app."""

    dependencies = [("news", "0001_initial")]

    operations = [
        *move_out("Letter", to_app="contact"),
        *move_out("LetterSettings", to_app="contact"),
    ]
