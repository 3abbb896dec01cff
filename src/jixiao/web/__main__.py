"""`python -m jixiao.web migrate`, `… runserver` and Django's other commands, with our settings;
`python -m jixiao.web serve` serves the application (jixiao.web.serve)."""

import os
import sys

if sys.argv[1:2] == ["serve"]:
    from jixiao.web.serve import main

    sys.exit(main(sys.argv[2:]))

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
execute_from_command_line(["python -m jixiao.web", *sys.argv[1:]])
