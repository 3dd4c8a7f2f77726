"""The `intercambio` command: Django's manage.py with a clean exit on bad configuration."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercambio.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A bad environment variable is the operator's mistake, not a bug: say what to fix.
        sys.stderr.write(f"intercambio: configuration error: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
