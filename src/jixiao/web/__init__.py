"""The web application: departments fill in and submit their target tables, the finance
bureau reviews and approves them. Django, on top of the core; the core never imports it."""
