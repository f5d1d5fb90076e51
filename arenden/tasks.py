"""Background tasks, through Django's tasks framework.

The task functions take only ids and plain values (JSON), and do nothing but call
the domain functions: no backend-specific API, so the database backend's worker
(`manage.py db_worker`), Celery or RQ can run them unchanged, in any process.
"""

from django.tasks import task


@task()
def rendera_kallelsedel(paket_id: int, index: int) -> None:
    """One part of the kallelse bundle: the front pages (index -1) or one item."""
    from arenden.services import kallelse

    kallelse.rendera_del(paket_id, index)


@task()
def sammanfoga_kallelse(paket_id: int) -> None:
    """Merge a bundle whose parts were all in the cache already."""
    from arenden.services import kallelse

    kallelse.sammanfoga(paket_id)


@task()
def skapa_protokollsutdrag(beslut_id: int, anvandare_id: int | None) -> None:
    """The protokollsutdrag of one justerad §, registered in its case."""
    from arenden.services import utdrag

    utdrag.skapa(beslut_id, anvandare_id=anvandare_id)
