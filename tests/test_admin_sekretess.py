"""The admin is read-only for registered data, and honours secrecy like every page."""

import pytest
from django.contrib.auth.models import Permission

from arenden.models import Sekretessatkomst
from tests import factories

pytestmark = pytest.mark.django_db

HEMLIGT = "Journalanteckning om Kalle Karlsson"
AVSANDARE = "Doktor Ekström"


def _personal(*, se_sekretess=False):
    user = factories.anvandare("Registrator", se_sekretess=se_sekretess, is_staff=True)
    for kod in ["view_handling", "view_historik", "view_sekretessatkomst", "view_tjansteskrivelse"]:
        user.user_permissions.add(Permission.objects.get(codename=kod))
    return user


@pytest.fixture
def hemlig(db):
    arende = factories.arende("Klagomål på vården")
    handling = factories.handling(arende, beskrivning=HEMLIGT, avsandare_mottagare=AVSANDARE)
    return factories.sekretessmarkera(handling)


def test_it_leaves_out_what_the_mark_covers(client, hemlig):
    client.force_login(_personal())
    sida = client.get(f"/admin/arenden/handling/{hemlig.pk}/change/")
    assert sida.status_code == 200
    assert hemlig.beteckning in sida.text
    assert "OSL 25 kap 1 §" in sida.text
    assert HEMLIGT not in sida.text
    assert AVSANDARE not in sida.text
    assert not Sekretessatkomst.objects.exists()


def test_it_shows_and_logs_it_for_a_user_with_the_right(client, hemlig):
    user = _personal(se_sekretess=True)
    client.force_login(user)
    assert HEMLIGT in client.get(f"/admin/arenden/handling/{hemlig.pk}/change/").text
    atkomst = Sekretessatkomst.objects.get()
    assert atkomst.anvandare == user
    assert atkomst.vad == "visade handlingen i admin"


def test_lists_name_a_handling_by_its_beteckning_only(client, hemlig):
    user = _personal()
    Sekretessatkomst.objects.create(
        anvandare=user, handling=hemlig, vad="visade", grund="behorighet"
    )
    client.force_login(user)
    for lista in ["handling", "sekretessatkomst"]:
        sida = client.get(f"/admin/arenden/{lista}/")
        assert hemlig.beteckning in sida.text
        assert HEMLIGT not in sida.text
    assert str(hemlig) == hemlig.beteckning


def test_the_history_hides_before_and_after_without_the_right(client, hemlig):
    from arenden.models import Historik

    post = Historik.objects.get(objekt_typ="handling", handelse__endswith="registrerades")
    client.force_login(_personal())
    assert HEMLIGT not in client.get(f"/admin/arenden/historik/{post.pk}/change/").text
    behorig = _personal(se_sekretess=True)
    behorig.groups.add(*factories.anvandare("Handläggare").groups.all())
    client.force_login(behorig)
    assert HEMLIGT in client.get(f"/admin/arenden/historik/{post.pk}/change/").text


def test_a_draft_is_not_shown_to_a_user_who_may_not_read_it(client, hemlig):
    from arenden.services import tjansteskrivelser

    skrivelse = factories.tjansteskrivelse(hemlig.arende, titel="Utkast om nedlagd vårdcentral")
    user = _personal()
    user.groups.clear()
    user.groups.add(*factories.anvandare("Politiker").groups.all())
    assert not tjansteskrivelser.far_se(skrivelse, user)
    client.force_login(user)
    sida = client.get(f"/admin/arenden/tjansteskrivelse/{skrivelse.pk}/change/")
    assert "nedlagd vårdcentral" not in sida.text
    assert "nedlagd vårdcentral" not in client.get("/admin/arenden/tjansteskrivelse/").text
    client.force_login(_personal())  # a registrator may see drafts
    assert "nedlagd vårdcentral" in client.get("/admin/arenden/tjansteskrivelse/").text
