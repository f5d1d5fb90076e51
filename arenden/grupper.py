"""The four groups of DESIGN §3 and their permissions, kept in step after every migrate.

A post_migrate handler rather than a data migration, so the groups come back
after anything that empties the tables (a test flush, a restore into an empty
database) just as Django's own permissions do.
"""

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


def skapa_grupper(sender=None, using="default", apps=None, **kwargs):
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    for namn, kodnamn in GRUPPER.items():
        grupp, _ = Group.objects.using(using).get_or_create(name=namn)
        grupp.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="arenden", codename__in=kodnamn
            )
        )
