from django.db import migrations

from home.moving_models import move_out


class Migration(migrations.Migration):
    """The portal's home page belongs to the oversight layer (district)."""

    dependencies = [("home", "0002_commune_merged_into")]

    operations = move_out("DistrictHomePage", to_app="district")
