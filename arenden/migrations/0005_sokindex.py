"""Full-text indexes (PostgreSQL only) and the headings of existing search documents.

GIN indexes on the two search vectors, and an index on the title in Swedish
collation for sorting A–Ö. SQLite has neither and searches the text instead.
"""

from django.db import migrations

INDEX = [
    "CREATE INDEX IF NOT EXISTS sokdokument_full_sv ON arenden_sokdokument USING gin (full_sv)",
    "CREATE INDEX IF NOT EXISTS sokdokument_publik_sv ON arenden_sokdokument USING gin (publik_sv)",
    'CREATE INDEX IF NOT EXISTS arende_titel_sv ON arenden_arende ((titel COLLATE "sv-x-icu"))',
]
TA_BORT = [
    "DROP INDEX IF EXISTS sokdokument_full_sv",
    "DROP INDEX IF EXISTS sokdokument_publik_sv",
    "DROP INDEX IF EXISTS arende_titel_sv",
]
VEKTORER = """
    UPDATE arenden_sokdokument SET
      full_sv = setweight(to_tsvector('swedish', rubrik), 'A')
             || setweight(to_tsvector('swedish', fulltext), 'B')
             || setweight(to_tsvector('swedish', utkasttext), 'D'),
      publik_sv = setweight(to_tsvector('swedish', publik_rubrik), 'A')
               || setweight(to_tsvector('swedish', publiktext), 'B')
"""


def skapa_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in INDEX:
        schema_editor.execute(sql)


def ta_bort_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in TA_BORT:
        schema_editor.execute(sql)


def fyll_rubriker(apps, schema_editor):
    # Documents written before the heading had its own field: the heading from the
    # case; the body is rebuilt the next time a domain function touches the case.
    from arenden.services.sok import maskera_personnummer

    Sokdokument = apps.get_model("arenden", "Sokdokument")
    for dokument in Sokdokument.objects.select_related("arende").iterator():
        a = dokument.arende
        dokument.rubrik = "\n".join(
            dict.fromkeys([a.diarienummer, str(a.lopnummer), a.titel, a.publik_titel])
        )
        dokument.publik_rubrik = maskera_personnummer(
            "\n".join([a.diarienummer, str(a.lopnummer), a.publik_titel])
        )
        dokument.save(update_fields=["rubrik", "publik_rubrik"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VEKTORER)


class Migration(migrations.Migration):
    dependencies = [("arenden", "0004_sokvektorer_och_sekretessomfang")]

    operations = [
        migrations.RunPython(skapa_index, ta_bort_index),
        migrations.RunPython(fyll_rubriker, migrations.RunPython.noop),
    ]
