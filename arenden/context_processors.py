from arenden.services import behorighet


def roller(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"kan_registrera": False, "kan_lasa": False}
    return {
        "kan_lasa": behorighet.kan_lasa(user),
        "kan_registrera": behorighet.kan_registrera(user),
        "kan_hantera_sammantraden": behorighet.kan_hantera_sammantraden(user),
        "kan_skriva_tjansteskrivelse": behorighet.kan_skriva(user),
    }
