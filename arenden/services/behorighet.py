"""Who may do and see what (DESIGN §3). Every view, search, download and PDF asks here."""

# The groups and their permissions are created by migration 0002.


def kan_lasa(user) -> bool:
    """May read the internal register (case lists, case and handling pages, files that
    are not secret): anyone in one of the four groups, which all hold this permission.

    A login alone is no role: an account outside every group reads only the public pages.
    """
    return user.has_perm("arenden.lasa_beslut")


def kan_registrera(user) -> bool:
    return user.has_perm("arenden.registrera")


def kan_se_utkast(user) -> bool:
    return user.has_perm("arenden.se_utkast")


def kan_skriva(user) -> bool:
    return user.has_perm("arenden.skriva_tjansteskrivelse")


def kan_hantera_sammantraden(user) -> bool:
    return user.has_perm("arenden.hantera_sammantraden")


def kan_se_sekretess(user, handling=None) -> bool:
    """The right to see a secret handling's contents: granted per user, never by role alone."""
    return sekretessgrund(user, handling) is not None


def sekretessgrund(user, handling=None) -> str | None:
    """On what ground `user` may see a secret handling's contents, or None.

    The ground goes into the access log (Sekretessatkomst.grund). Members of an organ
    may read the underlag on their own organ's sent agenda (services.lasrum).
    """
    from arenden.models import Sekretessatkomst
    from arenden.services import lasrum

    if not getattr(user, "is_authenticated", False):
        return None
    if user.has_perm("arenden.se_sekretess"):
        return Sekretessatkomst.Grund.BEHORIGHET
    if handling is not None and lasrum.ledamot_far_se(user, handling):
        return Sekretessatkomst.Grund.LEDAMOT
    return None


def roller(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(user.groups.values_list("name", flat=True))
