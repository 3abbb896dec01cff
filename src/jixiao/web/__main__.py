"""`python -m jixiao.web migrate`, `… runserver` and Django's other commands, with our settings."""

import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
execute_from_command_line(["python -m jixiao.web", *sys.argv[1:]])
