"""Feedback photos saved before they moved to the private storage are moved
there from the public media folder, under the same names."""

from django.core.files.storage import default_storage, storages
from django.db import migrations


def move_photos(apps, schema_editor):
    Feedback = apps.get_model("contact", "Feedback")
    private = storages["private"]
    for name in Feedback.objects.exclude(photo="").values_list("photo", flat=True):
        if private.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            saved = private.save(name, handle)
        if saved == name:
            default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [("contact", "0005_feedback_notices_example_private_photo")]

    operations = [migrations.RunPython(move_photos, migrations.RunPython.noop)]
