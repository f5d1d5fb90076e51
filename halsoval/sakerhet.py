"""Login throttling's two hooks for django-axes: the client's address and the lockout page."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render


def klientadress(request) -> str | None:
    """The address to count failed logins against.

    Behind TRUSTED_PROXY_COUNT proxies, the client is that many entries from the
    right of X-Forwarded-For: entries further left are whatever the client sent.
    Without proxies the header is ignored, so nobody can dodge the lockout by
    inventing one.
    """
    antal = settings.TRUSTED_PROXY_COUNT
    if antal > 0:
        kedja = [del_.strip() for del_ in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        kedja = [adress for adress in kedja if adress]
        if len(kedja) >= antal:
            return kedja[-antal]
    return request.META.get("REMOTE_ADDR")


def inloggning_sparrad(request, original_response=None, credentials=None):
    """The login page again, with the lockout said in Swedish, and 429."""
    minuter = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    anvandarnamn = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": anvandarnamn[:150]})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "sparrad": (
                "För många misslyckade inloggningsförsök. Inloggningen är spärrad i "
                f"{minuter} minuter. Vänta och försök igen, eller kontakta IT-supporten "
                "om du har glömt ditt lösenord."
            ),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
