from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArendenConfig(AppConfig):
    name = "arenden"
    verbose_name = "Ärenden och sammanträden"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from arenden.grupper import skapa_grupper

        # After auth's own handler has created the permissions the groups need.
        post_migrate.connect(skapa_grupper, dispatch_uid="arenden_skapa_grupper")
