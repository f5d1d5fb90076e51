from django.core.management.base import BaseCommand

from arenden import demodata


class Command(BaseCommand):
    help = "Läser in de fem seed-ärendena och en demoanvändare per grupp (idempotent)."

    def handle(self, *args, **options):
        demodata.ladda(stdout=self.stdout)
