"""The domain model of DESIGN §1, one module per domain noun."""

from .arende import Arende, Diarium, Sokdokument
from .beslut import Beslut, Utfall
from .handling import Handling, Riktning, Sekretessatkomst
from .historik import Historik
from .kallelse import KallelsePaket
from .motion import Motion, Motionar, MotionTyp, Yrkande
from .nummer import Nummerserie
from .organ import Organ, Person, Uppdrag
from .protokoll import (
    Beslutsyrkande,
    Jav,
    Narvaro,
    Protokollsanteckning,
    Rattelse,
    Reservation,
    Rost,
    Tjanstgoring,
    Votering,
)
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
    "Beslutsyrkande",
    "Dagordningspunkt",
    "Diarium",
    "Granskningskommentar",
    "Handling",
    "Historik",
    "Jav",
    "Justering",
    "KallelsePaket",
    "Motion",
    "MotionTyp",
    "Motionar",
    "Narvaro",
    "Nummerserie",
    "Organ",
    "Person",
    "Protokollsanteckning",
    "Rattelse",
    "Reservation",
    "Riktning",
    "Rost",
    "Sammantrade",
    "Sekretessatkomst",
    "Sokdokument",
    "Tjansteskrivelse",
    "TjansteskrivelseVersion",
    "Tjanstgoring",
    "Undertecknare",
    "Uppdrag",
    "UtdragMottagare",
    "Utfall",
    "Votering",
    "Yrkande",
]
