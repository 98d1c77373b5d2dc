"""Issue 17: the rating, reception, greetings, thank-you and dossier look-up
pages, created outside the menu by earlier provisioning, go into it (as
``home.sections`` now creates them), on the live page and in its latest
revision so that an editor's next publication keeps them there."""

from django.db import migrations

NOW_IN_MENU = [
    ("contact", "ratingpage"),
    ("contact", "receptionpage"),
    ("news", "greetingindexpage"),
    ("news", "thankyoupage"),
    ("procedures", "dossierlookuppage"),
]


def show_in_menus(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    types = [
        content_type.pk
        for app_label, model in NOW_IN_MENU
        for content_type in ContentType.objects.filter(app_label=app_label, model=model)
    ]
    pages = Page.objects.filter(depth=3, content_type__in=types, show_in_menus=False)
    for page in pages:
        page.show_in_menus = True
        page.save(update_fields=["show_in_menus"])
        if page.latest_revision_id:
            revision = Revision.objects.get(pk=page.latest_revision_id)
            revision.content["show_in_menus"] = True
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_unit_kind_ward"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(show_in_menus, migrations.RunPython.noop)]
