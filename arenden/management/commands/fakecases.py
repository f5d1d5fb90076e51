from django.core.management.base import BaseCommand, CommandError

from arenden import fakedata


class Command(BaseCommand):
    help = "Lägger till N syntetiska ärenden med handlingar, tjänsteskrivelser och beslut."

    def add_arguments(self, parser):
        parser.add_argument("antal", type=int, help="Antal ärenden att lägga till.")
        parser.add_argument("--seed", type=int, default=None, help="Slumpfrö, för upprepbarhet.")

    def handle(self, *args, antal, seed, **options):
        if antal < 1:
            raise CommandError("Antalet måste vara minst 1.")
        resultat = fakedata.skapa(antal, seed=seed, skriv=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"{resultat['arenden']} ärenden tillagda på {resultat['sekunder']} s."
            )
        )
