"""The tjänsteskrivelse editor's form: posted fields to content and back, and the
structural actions (add, move, remove a part) applied to the content.

The form repeats one field name per list (`avsnitt_rubrik`, `avsnitt_text`, `attsats`,
…), so the posted order is the order on screen. Structural actions are ordinary submit
buttons (`atgard=avsnitt-upp-2`): without JavaScript the server re-renders the form with
the change, with HTMX only the editor is swapped. Nothing here saves anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from arenden.services.tjansteskrivelser import REDIGERBARA_FALT

LISTOR = ("avsnitt", "attsats", "undertecknare", "utdrag")
# What a new, empty part looks like in each list.
_TOM = {
    "avsnitt": lambda: {"rubrik": "", "text": ""},
    "attsats": lambda: "",
    "undertecknare": lambda: {"namn": "", "titel": ""},
    "utdrag": lambda: "",
}
_NYCKEL = {
    "avsnitt": "avsnitt",
    "attsats": "attsatser",
    "undertecknare": "undertecknare",
    "utdrag": "utdrag_till",
}
_ATGARD = re.compile(
    r"^(?P<lista>avsnitt|attsats|undertecknare|utdrag)-(?P<vad>upp|ner|bort)-(?P<i>\d{1,3})$"
)


class FelaktigtFormular(ValueError):
    pass


def _text(varde) -> str:
    # Browsers send CRLF from a textarea; the stored Markdown uses LF.
    return str(varde or "").replace("\r\n", "\n").replace("\r", "\n")


def fran_post(post) -> dict:
    """The content the editor posted, in the shape `innehall()` returns.

    A conflict or restore page posts the whole content as JSON (`innehall_json`)
    instead of one field each.
    """
    if post.get("innehall_json"):
        return fran_json(post["innehall_json"])
    data = {falt: _text(post.get(falt, "")).strip() for falt in REDIGERBARA_FALT}
    data["datum"] = post.get("datum", "").strip()
    rubriker = post.getlist("avsnitt_rubrik")
    texter = post.getlist("avsnitt_text")
    if len(rubriker) != len(texter):
        raise FelaktigtFormular("Avsnittens rubriker och texter stämmer inte överens.")
    data["avsnitt"] = [
        {"rubrik": _text(r).strip(), "text": _text(t)}
        for r, t in zip(rubriker, texter, strict=True)
    ]
    data["attsatser"] = [_text(t) for t in post.getlist("attsats")]
    namn = post.getlist("undertecknare_namn")
    titlar = post.getlist("undertecknare_titel")
    if len(namn) != len(titlar):
        raise FelaktigtFormular("Undertecknarnas namn och titlar stämmer inte överens.")
    data["undertecknare"] = [
        {"namn": _text(n).strip(), "titel": _text(t).strip()}
        for n, t in zip(namn, titlar, strict=True)
    ]
    data["utdrag_till"] = [_text(m).strip() for m in post.getlist("utdrag")]
    return data


def till_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def fran_json(text: str) -> dict:
    """Content posted back as JSON by the conflict form, checked for shape."""
    try:
        data = json.loads(text)
    except ValueError as fel:
        raise FelaktigtFormular("Innehållet kunde inte läsas.") from fel
    return fran_dict(data)


def fran_dict(data) -> dict:
    """Content from stored or posted JSON with only the editable keys, as strings."""
    if not isinstance(data, dict):
        raise FelaktigtFormular("Innehållet kunde inte läsas.")
    rent = {falt: _text(data.get(falt)).strip() for falt in REDIGERBARA_FALT}
    rent["datum"] = str(data.get("datum") or "")
    try:
        rent["avsnitt"] = [
            {"rubrik": _text(a.get("rubrik")).strip(), "text": _text(a.get("text"))}
            for a in data.get("avsnitt") or []
        ]
        rent["attsatser"] = [_text(t) for t in data.get("attsatser") or []]
        rent["undertecknare"] = [
            {"namn": _text(u.get("namn")).strip(), "titel": _text(u.get("titel")).strip()}
            for u in data.get("undertecknare") or []
        ]
        rent["utdrag_till"] = [_text(m).strip() for m in data.get("utdrag_till") or []]
    except (AttributeError, TypeError) as fel:
        raise FelaktigtFormular("Innehållet kunde inte läsas.") from fel
    return rent


@dataclass(frozen=True)
class Utfall:
    data: dict
    fokus: str  # the id of the element that should have focus after the change
    meddelande: str  # what happened, for screen readers (aria-live)


def _versal(text: str) -> str:
    # str.capitalize() would lower-case a quoted heading ("Avsnittet ”bakgrund”").
    return text[:1].upper() + text[1:]


def _etikett(lista: str, del_, i: int) -> str:
    if lista == "avsnitt":
        return f"avsnittet ”{del_['rubrik']}”" if del_.get("rubrik") else f"avsnitt {i + 1}"
    if lista == "attsats":
        return f"att-sats {i + 1}"
    if lista == "undertecknare":
        return f"undertecknaren {del_['namn']}" if del_.get("namn") else f"undertecknare {i + 1}"
    return f"mottagaren {del_}" if del_ else f"mottagare {i + 1}"


def fokus_id(lista: str, i: int, falt: str = "") -> str:
    if lista == "avsnitt":
        return f"avsnitt-{i}-{falt or 'rubrik'}"
    if lista == "undertecknare":
        return f"undertecknare-{i}-{falt or 'namn'}"
    return f"{lista}-{i}" if not falt else f"{lista}-{i}-{falt}"


def tillampa(atgard: str, data: dict) -> Utfall | None:
    """Apply a structural action to the content; None when `atgard` is not one."""
    if atgard.startswith("lagg-till-"):
        lista = atgard.removeprefix("lagg-till-")
        if lista not in LISTOR:
            return None
        delar = list(data[_NYCKEL[lista]])
        delar.append(_TOM[lista]())
        ny = {**data, _NYCKEL[lista]: delar}
        i = len(delar) - 1
        return Utfall(
            ny, fokus_id(lista, i), f"{_versal(_etikett(lista, delar[i], i))} lades till."
        )
    m = _ATGARD.match(atgard)
    if not m:
        return None
    lista, vad, i = m["lista"], m["vad"], int(m["i"])
    delar = list(data[_NYCKEL[lista]])
    if not 0 <= i < len(delar):
        return None
    etikett = _etikett(lista, delar[i], i)
    if vad == "bort":
        delar.pop(i)
        ny = {**data, _NYCKEL[lista]: delar}
        fokus = fokus_id(lista, min(i, len(delar) - 1)) if delar else f"lagg-till-{lista}"
        return Utfall(ny, fokus, f"{_versal(etikett)} togs bort.")
    mal = i - 1 if vad == "upp" else i + 1
    if not 0 <= mal < len(delar):
        return Utfall(data, f"{lista}-{i}-{vad}", f"{_versal(etikett)} kan inte flyttas längre.")
    delar[i], delar[mal] = delar[mal], delar[i]
    ny = {**data, _NYCKEL[lista]: delar}
    # Focus follows the moved part, on the same button when it can be pressed again.
    kan_igen = (mal > 0) if vad == "upp" else (mal < len(delar) - 1)
    fokus = f"{lista}-{mal}-{vad if kan_igen else ('ner' if vad == 'upp' else 'upp')}"
    riktning = "uppåt" if vad == "upp" else "nedåt"
    return Utfall(
        ny,
        fokus,
        f"{_versal(etikett)} flyttades {riktning}, nu plats {mal + 1} av {len(delar)}.",
    )
