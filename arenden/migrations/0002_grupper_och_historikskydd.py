"""The four groups of DESIGN §3 with their permissions, and PostgreSQL's guard of the history.

The trigger refuses UPDATE and DELETE; TRUNCATE stays possible because the test
suite's flush and a deliberate, logged gallring need it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRUPPER = {
    "Registrator": ["registrera", "se_utkast", "lasa_beslut"],
    "Handläggare": ["registrera", "se_utkast", "skriva_tjansteskrivelse", "lasa_beslut"],
    "Nämndsekreterare": [
        "registrera",
        "se_utkast",
        "skriva_tjansteskrivelse",
        "hantera_sammantraden",
        "lasa_beslut",
    ],
    "Politiker": ["lasa_beslut"],
}


def skapa_grupper(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for namn, kodnamn in GRUPPER.items():
        grupp, _ = Group.objects.get_or_create(name=namn)
        grupp.permissions.add(
            *Permission.objects.filter(content_type__app_label="arenden", codename__in=kodnamn)
        )


def skapa_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        CREATE OR REPLACE FUNCTION arenden_historik_skrivskydd() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'Historiken får inte ändras eller raderas (%).', TG_OP;
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER arenden_historik_skrivskydd
            BEFORE UPDATE OR DELETE ON arenden_historik
            FOR EACH ROW EXECUTE FUNCTION arenden_historik_skrivskydd();
        """,
        params=None,  # the SQL holds a literal % for RAISE; nothing is interpolated
    )


def ta_bort_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        DROP TRIGGER IF EXISTS arenden_historik_skrivskydd ON arenden_historik;
        DROP FUNCTION IF EXISTS arenden_historik_skrivskydd();
        """
    )


class Migration(migrations.Migration):
    dependencies = [
        ("arenden", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(skapa_grupper, migrations.RunPython.noop),
        migrations.RunPython(skapa_trigger, ta_bort_trigger),
    ]
