"""A procedure note's phone follows the one phone rule (``home.phones``):
stored numbers are rewritten in the national form; a value that is not a
number is kept as typed (shown as it is) until an editor corrects it."""

from django.db import migrations

import home.phones


def normalise_note_phones(apps, schema_editor):
    home.phones.normalise_stored_phones(apps.get_model("procedures", "LocalProcedureNote"))


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_move_dossiers_from_district")]

    operations = [
        migrations.AlterField(
            model_name="localprocedurenote",
            name="phone",
            field=home.phones.PhoneNumberField(
                blank=True, max_length=30, verbose_name="local phone"
            ),
        ),
        migrations.RunPython(normalise_note_phones, migrations.RunPython.noop),
    ]
