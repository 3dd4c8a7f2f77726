"""The WSGI application (gunicorn intercambio.wsgi), with a clean exit on bad configuration."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercambio.settings")

try:
    from django.core.wsgi import get_wsgi_application
    from django.urls import get_resolver

    application = get_wsgi_application()
    # Import every view now (about 2 s): with --preload once, in gunicorn's master, instead
    # of in each worker's first request.
    get_resolver().url_patterns  # noqa: B018
except ImproperlyConfigured as error:
    # As in `intercambio <command>`: a bad environment variable is the operator's mistake, not a
    # bug, so say what to fix in one line (exit code 2) instead of a traceback. Under gunicorn
    # this stops the server only when the application is loaded by the master (--preload, as
    # bin/serve does); otherwise each worker exits and gunicorn starts another one.
    sys.stderr.write(f"intercambio: configuration error: {error}\n")
    sys.exit(2)
