"""Migration operations that move a model from one app to another, table,
rows, content type and permissions included, without copying any row.

In the app the model leaves, ``move_out`` renames its table to the name the
new app gives it and drops the model from that app's migration state; in
the app it joins, ``move_in`` adds it to the state (the table is already
there) and relabels its content type, so that pages of that type, their
revisions, Wagtail's references and every group's permissions follow it.
Used by the migrations that gave each app the models its name promises.
"""

from django.db import migrations


def move_out(model_name: str, *, to_app: str) -> list:
    return [
        migrations.AlterModelTable(model_name, f"{to_app}_{model_name.lower()}"),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(model_name)]),
    ]


def _relabeller(old_app: str, new_app: str, model_names: list[str]):
    def relabel(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        for name in model_names:
            if not content_type.objects.filter(app_label=new_app, model=name).exists():
                content_type.objects.filter(app_label=old_app, model=name).update(app_label=new_app)

    return relabel


def move_in(*create_operations, from_app: str, to_app: str) -> list:
    names = [operation.name.lower() for operation in create_operations]
    return [
        migrations.SeparateDatabaseAndState(state_operations=list(create_operations)),
        migrations.RunPython(
            _relabeller(from_app, to_app, names), _relabeller(to_app, from_app, names)
        ),
    ]
