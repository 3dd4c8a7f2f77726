from django_tasks import task

from intercambio.library import domain


@task()
def extract_file(file_id: int) -> str:
    """Read the text of an uploaded library file (see domain.read_file)."""
    return domain.read_file(file_id=file_id)
