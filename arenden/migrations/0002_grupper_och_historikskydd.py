"""PostgreSQL's guard of the history: a trigger refuses UPDATE and DELETE.

TRUNCATE stays possible because the test suite's flush and a deliberate, logged
gallring need it. (The groups are kept by a post_migrate handler: arenden/grupper.py.)
"""

from django.db import migrations


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
    dependencies = [("arenden", "0001_initial")]

    operations = [migrations.RunPython(skapa_trigger, ta_bort_trigger)]
