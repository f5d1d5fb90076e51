import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _testmiljo(settings, tmp_path):
    # The suite runs the production settings, less what needs a TLS proxy and a
    # collectstatic run; uploaded files go to a per-test folder.
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "filer"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    # A real password hash costs ~0.4 s per test user; the login tests still check passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def registrator(db):
    return factories.anvandare("Registrator")


@pytest.fixture
def handlaggare(db):
    return factories.anvandare("Handläggare")


@pytest.fixture
def sekreterare(db):
    return factories.anvandare("Nämndsekreterare")


@pytest.fixture
def politiker(db):
    return factories.anvandare("Politiker")


@pytest.fixture
def utan_roll(db):
    return factories.anvandare()


@pytest.fixture
def rs(db):
    return factories.diarium("RS", "Regionstyrelsens diarium")


@pytest.fixture
def demodata(db):
    from arenden import demodata as loader

    loader.ladda()


@pytest.fixture
def omedelbara_uppgifter(settings):
    """Background tasks run at once, in the test's process and transaction."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
