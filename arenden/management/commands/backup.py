from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arenden.services import sakerhetskopia


class Command(BaseCommand):
    help = (
        "Skriver en säkerhetskopia (databas och lagrade filer) till ett arkiv. "
        "Anges en katalog får arkivet ett daterat namn i den."
    )

    def add_arguments(self, parser):
        parser.add_argument("sokvag", type=Path, help="arkivfil (.tar.gz) eller katalog")

    def handle(self, *args, sokvag, **options):
        try:
            manifest = sakerhetskopia.skapa(sokvag)
        except sakerhetskopia.Sakerhetskopiefel as fel:
            raise CommandError(str(fel)) from None
        poster = sum(manifest["antal"].values())
        storlek = sum(f["storlek"] for f in manifest["filer"].values())
        self.stdout.write(
            f"Säkerhetskopia skriven: {manifest['arkiv']}\n"
            f"  {poster} poster i {len(manifest['antal'])} tabeller, "
            f"{len(manifest['filer'])} filer ({storlek / 1e6:.1f} MB), "
            f"Diariet {manifest['app']['version']}."
        )
