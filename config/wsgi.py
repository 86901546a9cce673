import os

from django.core.wsgi import get_wsgi_application
from django.template.loader import get_template
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Import every view (and what they import: REST framework, the apps' selectors) and compile the home
# page's template now, while the worker boots, rather than in the first request it serves: that request
# took 1,6-2,7 s, nearly all of it importing modules (issue 24).
get_resolver().url_patterns  # noqa: B018
get_template("targets/dashboard.html")
