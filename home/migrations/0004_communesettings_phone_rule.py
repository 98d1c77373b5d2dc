"""The commune's phone follows the one phone rule (``home.phones``): stored
numbers are rewritten in the national form; a value that is not a number is
kept as typed (shown as it is) until an editor corrects it."""

from django.db import migrations

import home.phones


def normalise_commune_phones(apps, schema_editor):
    home.phones.normalise_stored_phones(apps.get_model("home", "CommuneSettings"))


class Migration(migrations.Migration):
    dependencies = [("home", "0003_move_districthomepage_to_district")]

    operations = [
        migrations.AlterField(
            model_name="communesettings",
            name="phone",
            field=home.phones.PhoneNumberField(blank=True, verbose_name="phone"),
        ),
        migrations.RunPython(normalise_commune_phones, migrations.RunPython.noop),
    ]
