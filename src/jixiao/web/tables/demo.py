"""The demo's tables: the five seed files, read as a unit's filler would import them."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from jixiao.api import parse_file
from jixiao.web.accounts.models import Membership, Role, Unit
from jixiao.web.tables import store

SEEDS = Path(settings.CHECKOUT) / "examples" / "seeds"
# Which city's unit imports which seed file (seed 002 is 江阴's 科技镇长团 table).
SEED_CITIES = {"000": "jiangyin", "001": "jiangyin", "002": "jiangyin", "003": "changzhou", "004": "nantong"}


def load_demo_tables(units: dict[str, Unit]) -> int:
    """Import each seed file into its city's unit, once: a file already imported there is
    skipped, so running the demo again keeps every change people made. Returns the count."""
    count = 0
    for path in sorted(SEEDS.glob("*.txt")):
        unit = units.get(SEED_CITIES.get(path.name[:3], ""))
        if unit is None or unit.tables.filter(source_name=path.name).exists():
            continue
        filler = Membership.objects.filter(unit=unit, role=Role.FILLER).select_related("user").first()
        if filler is None:
            continue
        tables = parse_file(str(path))
        for table in tables:
            table.source = path.name
        count += len(store.create_tables(filler.user, unit, tables, path.name))
    return count
