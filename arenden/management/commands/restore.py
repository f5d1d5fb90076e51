from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arenden.services import sakerhetskopia


class Command(BaseCommand):
    help = (
        "Återställer en säkerhetskopia till en tom, migrerad databas och lagrar filerna. "
        "Vägrar om databasen inte är tom eller om något i arkivet inte stämmer."
    )

    def add_arguments(self, parser):
        parser.add_argument("sokvag", type=Path, help="arkivfilen som backup skrev")

    def handle(self, *args, sokvag, **options):
        if not sokvag.is_file():
            raise CommandError(f"{sokvag} finns inte.")
        try:
            manifest = sakerhetskopia.aterstall(sokvag)
        except sakerhetskopia.Sakerhetskopiefel as fel:
            raise CommandError(str(fel)) from None
        poster = sum(manifest["antal"].values())
        self.stdout.write(
            f"Återställt från {sokvag} (tagen {manifest['skapad']}): "
            f"{poster} poster, {len(manifest['filer'])} filer, alla kontrollsummor stämmer."
        )
