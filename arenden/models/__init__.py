"""The domain model of DESIGN §1, one module per domain noun."""

from .arende import Arende, Diarium, Sokdokument
from .beslut import Beslut, Utfall
from .handling import Handling, Riktning, Sekretessatkomst
from .historik import Historik
from .motion import Motion, Motionar, MotionTyp, Yrkande
from .nummer import Nummerserie
from .organ import Organ, Person, Uppdrag
from .sammantrade import Dagordningspunkt, Justering, Sammantrade
from .tjansteskrivelse import (
    Arbetskopia,
    Attsats,
    Avsnitt,
    Granskningskommentar,
    Tjansteskrivelse,
    TjansteskrivelseVersion,
    Undertecknare,
    UtdragMottagare,
)

__all__ = [
    "Arbetskopia",
    "Arende",
    "Attsats",
    "Avsnitt",
    "Beslut",
    "Dagordningspunkt",
    "Diarium",
    "Granskningskommentar",
    "Handling",
    "Historik",
    "Justering",
    "Motion",
    "MotionTyp",
    "Motionar",
    "Nummerserie",
    "Organ",
    "Person",
    "Riktning",
    "Sammantrade",
    "Sekretessatkomst",
    "Sokdokument",
    "Tjansteskrivelse",
    "TjansteskrivelseVersion",
    "Undertecknare",
    "Uppdrag",
    "UtdragMottagare",
    "Utfall",
    "Yrkande",
]
