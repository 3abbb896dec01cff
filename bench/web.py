"""The web application under load (issue 13): a province-year of target tables (40,000 by
default) in a database of the bench's own, served by gunicorn on loopback, and 20 reviewers
asking for the table list (plain, filtered, searched), table pages and the API at once.

Run with `make bench` (or `.venv/bin/python bench/web.py [--db sqlite|postgres|both]
[--tables N] [--clients 20] [--seconds S] [--workers 2,4] [--json FILE]`).

What it does, for each database:

1. A database of its own: SQLite in a temporary JIXIAO_DATA_DIR, or the PostgreSQL database
   `jixiao_bench`, made and dropped again (JIXIAO_BENCH_POSTGRES names the server, default
   postgres://jixiao:jixiao@127.0.0.1:5432/jixiao_bench; skipped, saying so, when none
   answers). Migrated like a new installation.
2. A province: 13 cities, each a finance bureau with 8 authorities of 5 units (520 units), a
   reviewer per bureau and a filler per unit.
3. The tables: the seeds and every corpus file jixiao reads are parsed once; copies of their
   tables go to random units and years, each copy's texts marked so that no copy is reviewed
   from another's cached readings. Two figures:
   - the import rate: `store.create_tables`, the path of a confirmed import (summary with the
     review, the row, the history event), on a sample (--sample, 2,000 tables);
   - a fixture load, not an import rate: the rest written by bulk_create from summaries
     computed once per original table and year, with statuses and dates spread so that the
     filters have something to choose.
4. gunicorn (sync workers, as `python -m jixiao.web serve` runs it; DEBUG off, no access log)
   on a free loopback port, once per --workers count.
5. --clients clients in separate processes (threads within them), each signed in as one of
   the reviewers through the login form with its CSRF token, each asking one thing after
   another with no pause for --seconds per scenario. Each reviewer sees its bureau's tables
   (about 1/13 of them). Latency is from sending the request to the last byte of the answer;
   an error is any answer but 200 or a failed connection.
6. Where the CPU went, from /proc, per scenario: cpu/req is gunicorn's and PostgreSQL's CPU
   time per request, which does not depend on what else the machine is doing (with no pause
   between requests, the clients keep the server busy, so the median latency is about
   clients × cpu/req ÷ cores); others is the share of the machine's CPU that processes outside
   the bench took meanwhile, which the server then did not have. The clients' own share is in
   the heading.

The aim (issue 13): at 40,000 tables, the table page's p95 ≤ 100 ms and the list's p95 ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse, urlunparse

import orjson

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
CORPUS = ROOT / "tests" / "corpus"
POSTGRES = os.environ.get("JIXIAO_BENCH_POSTGRES", "postgres://jixiao:jixiao@127.0.0.1:5432/jixiao_bench")
PASSWORD = "bench-Passw0rd-13"
SECRET_KEY = "bench-only-secret-key-not-for-any-installation-0123456789"
AIM = {"detail": 100.0, "list": 200.0}

CITIES = ["南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江", "泰州", "宿迁"]
DEPARTMENTS = ["教育局", "科学技术局", "民政局", "人力资源和社会保障局", "住房和城乡建设局", "交通运输局", "农业农村局",
               "卫生健康委员会"]
UNITS = ["（机关）", "直属事业单位一", "直属事业单位二", "直属事业单位三", "直属事业单位四"]
YEARS = {2023: 1, 2024: 2, 2025: 3, 2026: 4}  # year: weight
STATUSES = {"draft": 3, "submitted": 2, "returned": 1, "reviewed": 1, "approved": 3}
COMMON_SEARCH = "满意度"

# The scenarios, in the order they run. The API's run only when it answers.
SCENARIOS = ["list", "list_filtered", "search_common", "search_rare", "detail", "api_list", "api_detail"]
LABELS = {
    "list": "list, page 1",
    "list_filtered": "list ?year&status",
    "search_common": f"list ?q={COMMON_SEARCH}",
    "search_rare": "list ?q=(rare)",
    "detail": "table page",
    "api_list": "API /api/tables?…",
    "api_detail": "API /api/tables/{id}",
}


# ---- the tables, read once ------------------------------------------------------------------

def _read(path: str) -> tuple[str, list[dict]]:
    from jixiao.api import parse_file
    from jixiao.errors import InputError
    from jixiao.record import to_record

    try:
        tables = parse_file(path)
    except InputError:
        return Path(path).name, []
    return Path(path).name, [to_record(t) for t in tables]


def read_sources() -> list[tuple[str, list[dict]]]:
    """(file name, table records) of the seeds and of every corpus file jixiao reads."""
    paths = sorted(SEEDS.glob("*.txt"))
    for entry in sorted(p for p in CORPUS.iterdir() if (p / "gold.json").is_file()):
        paths.append(entry / json.loads((entry / "gold.json").read_text(encoding="utf-8"))["file"])
    with ProcessPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        return [(name, records) for name, records in pool.map(_read, map(str, paths)) if records]


# ---- the database: made, migrated and filled in a child process ------------------------------

def _tag(n: int) -> str:
    """A mark without digits (a digit would be a figure to the review) that tells copies apart."""
    letters = ""
    n += 26 * 26
    while n:
        n, r = divmod(n, 26)
        letters = chr(ord("A") + r) + letters
    return letters


def variant(record: dict, n: int, year: int, unit) -> dict:  # noqa: ANN001 (a Unit)
    """Copy `n` of a table: another unit, another year, its texts marked as its own."""
    out = orjson.loads(orjson.dumps(record))  # a deep copy, ten times faster than copy.deepcopy
    out["year"] = year
    out["unit"], out["authority"] = unit.name, unit.authority.name
    out["texts"] = [[key, f"{text}（{_tag(n)}）" if text else text] for key, text in out["texts"]]
    return out


def load(work: Path, tables: int, sample: int) -> None:
    """In a child process whose environment names the database: migrate, make the province,
    import a sample through store.create_tables, bulk-load the rest; write load.json."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from jixiao.record import from_record
    from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit
    from jixiao.web.tables import store
    from jixiao.web.tables.models import Action, Event, Table

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    rng = random.Random(13)
    sources = json.loads((work / "sources.json").read_text(encoding="utf-8"))
    bases = [(name, record) for name, records in sources for record in records]

    # The province: bureaus, authorities, units; a reviewer per bureau, a filler per unit.
    User = get_user_model()
    hashed = make_password(PASSWORD)  # once: hashing 533 passwords would take minutes
    bureaus = FinanceBureau.objects.bulk_create(FinanceBureau(name=f"{c}市财政局") for c in CITIES)
    authorities = Authority.objects.bulk_create(
        Authority(name=f"{b.name[:-3]}{d}", bureau=b) for b in bureaus for d in DEPARTMENTS)
    units = Unit.objects.bulk_create(Unit(name=f"{a.name}{u}", authority=a) for a in authorities for u in UNITS)
    reviewers = User.objects.bulk_create(User(username=f"reviewer{i:02d}", password=hashed, first_name=f"审核{i}")
                                         for i in range(len(bureaus)))
    fillers = User.objects.bulk_create(User(username=f"filler{i:03d}", password=hashed, first_name=f"填报{i}")
                                       for i in range(len(units)))
    Membership.objects.bulk_create([Membership(user=u, role=Role.REVIEWER, bureau=b) for u, b in zip(reviewers, bureaus)]
                                   + [Membership(user=u, role=Role.FILLER, unit=n) for u, n in zip(fillers, units)])
    units = list(Unit.objects.select_related("authority__bureau").order_by("id"))
    filler_of = {m.unit_id: m.user for m in Membership.objects.filter(role=Role.FILLER).select_related("user")}
    years, year_weights = list(YEARS), list(YEARS.values())

    # (a) The import rate: store.create_tables, one call per file as a confirmed import makes it.
    sample = min(sample, tables)
    imported, spent, n = 0, 0.0, 0
    while imported < sample:
        for name, records in sources:
            if imported >= sample:
                break
            unit, year = rng.choice(units), rng.choices(years, year_weights)[0]
            parsed = [from_record(variant(r, n, year, unit)) for r in records[:sample - imported]]
            n += 1
            begun = time.perf_counter()
            store.create_tables(filler_of[unit.id], unit, parsed, name)
            spent += time.perf_counter() - begun
            imported += len(parsed)

    # (b) The fixture load: the summary (and so the review) once per original table and year,
    # then rows written in batches. Dates and statuses spread as a year of work leaves them.
    summaries: dict[tuple[int, int], dict] = {}
    now = timezone.now()
    for field in ("created_at", "updated_at"):
        Table._meta.get_field(field).auto_now = Table._meta.get_field(field).auto_now_add = False
    statuses, status_weights = list(STATUSES), list(STATUSES.values())
    rest = tables - imported
    begun = time.perf_counter()
    batch: list[Table] = []
    written = 0

    def flush() -> None:
        with transaction.atomic():
            rows = Table.objects.bulk_create(batch)
            Event.objects.bulk_create(Event(table_id=row.id, user_id=filler_of[row.unit_id].id, action=Action.IMPORT,
                                            status_after="draft", note=f"从“{row.source_name}”导入", version=1)
                                      for row in rows)
        batch.clear()

    for i in range(rest):
        index = i % len(bases)
        name, record = bases[index]
        unit, year = rng.choice(units), rng.choices(years, year_weights)[0]
        key = (index, year)
        if key not in summaries:
            summary = store._summary(from_record(variant(record, 0, year, unit)))
            summary.pop("record")
            summaries[key] = summary
        fields = dict(summaries[key])
        fields["record"] = variant(record, n + i, year, unit)
        fields["name"] = (record["project"] or record["title"] or unit.name or "（无名称）")[:300]
        status = rng.choices(statuses, status_weights)[0]
        updated = now - timedelta(seconds=rng.randrange(365 * 86400))
        batch.append(Table(unit=unit, status=status, source_name=name, version=rng.randint(1, 6),
                           created_at=updated - timedelta(seconds=rng.randrange(30 * 86400)), updated_at=updated,
                           submitted_at=None if status == "draft" else updated, **fields))
        if len(batch) == 500:
            flush()
            written += 500
    written += len(batch)
    if batch:
        flush()
    bulk_seconds = time.perf_counter() - begun
    with connection.cursor() as cursor:  # as autovacuum leaves a table after a load of new rows
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    # The table page's review of its table (store.review_of: the review stored with the table, made
    # again only when the reviewing code has changed): what that costs, on tables picked at random.
    spent_review = []
    for pk in rng.sample(range(1, tables + 1), min(300, tables)):
        row = Table.objects.filter(pk=pk).first()
        if row is not None:
            begun = time.perf_counter()
            store.review_of(row)
            spent_review.append((time.perf_counter() - begun) * 1000)
    spent_review.sort()

    # What the clients need: who they are, which tables each may open, what to ask for.
    rare = _rare_term(Table, bases)
    plan = {"reviewers": [], "years": years, "statuses": statuses, "common": COMMON_SEARCH, "rare": rare}
    for user, bureau in zip(reviewers, bureaus):
        ids = list(Table.objects.filter(unit__authority__bureau=bureau).values_list("id", flat=True))
        plan["reviewers"].append({"username": user.username, "tables": len(ids), "ids": rng.sample(ids, min(2000, len(ids)))})
    figures = {
        "tables": Table.objects.count(),
        "originals": len(bases), "files": len(sources), "units": len(units), "bureaus": len(bureaus),
        "migrate_s": round(migrated, 2),
        "import": {"path": "store.create_tables", "tables": imported, "seconds": round(spent, 2),
                   "rate": round(imported / spent, 1)},
        "fixture": {"path": "bulk_create of precomputed rows (a fixture load, not the import rate)",
                    "tables": written, "seconds": round(bulk_seconds, 2), "rate": round(written / bulk_seconds, 1)},
        "review_ms": {"median": round(spent_review[len(spent_review) // 2], 2),
                      "p95": round(spent_review[math.ceil(0.95 * len(spent_review)) - 1], 2),
                      "max": round(spent_review[-1], 2)} if spent_review else None,
        "matches": {"common": Table.objects.filter(search_text__contains=COMMON_SEARCH.upper()).count(),
                    "rare": Table.objects.filter(search_text__contains=rare.upper()).count()},
        "record_bytes": _record_bytes(connection),
    }
    (work / "load.json").write_text(json.dumps({"figures": figures, "plan": plan}, ensure_ascii=False), encoding="utf-8")


def _rare_term(Table, bases) -> str:  # noqa: ANN001
    """Four characters of an indicator's name found in one original table only: a search that
    finds about one table in two hundred."""
    texts = ["\n".join([r["project"] or "", r["title"] or ""] + [i["name"] for i in r["indicators"]]) for _, r in bases]
    for _, record in bases:
        for indicator in record["indicators"]:
            name = indicator["name"]
            for start in range(0, max(0, len(name) - 3)):
                term = name[start:start + 4]
                if re.fullmatch(r"[\u4e00-\u9fff]{4}", term) and sum(term in t for t in texts) == 1:
                    return term
    return "不存在的指标"


def _record_bytes(connection) -> int:  # noqa: ANN001
    """The average size of a stored record, as the database keeps it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT avg(pg_column_size(record)) FROM tables_table")
        else:
            cursor.execute("SELECT avg(length(record)) FROM tables_table")
        return int(cursor.fetchone()[0] or 0)


# ---- PostgreSQL: the bench's own database ----------------------------------------------------

def postgres_database(create: bool) -> str | None:
    """Make (or drop) the bench's database; None when made, else why it cannot be."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    parts = urlparse(POSTGRES)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(urlunparse(parts._replace(path="/postgres")), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if create:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        return f"{parts.hostname}:{parts.port or 5432} does not answer as {parts.username}: {str(error).strip().splitlines()[0]}"
    return None


# ---- gunicorn --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5"],
        env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at once; see {log}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/login/")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer within a minute; see {log}")


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# ---- where the machine's CPU went -------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_sample(server: int, bench: int, database: str | None) -> dict:
    """CPU seconds used so far, from /proc: each process of gunicorn (the master and its
    workers), of the PostgreSQL server serving the bench's database and of the bench's clients
    (its other children), and the whole machine's, busy and in all. Empty without /proc."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(t) for t in stat.readline().split()[1:9]]
    except OSError:
        return {}
    processes: dict[int, tuple[str, float]] = {}
    tag = f" {database} ".encode() if database else None
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ppid, used = int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK
            if pid == server or ppid == server:
                processes[pid] = ("server", used)
            elif ppid == bench:
                processes[pid] = ("clients", used)
            elif tag:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    title = cmdline.read(200)  # postgres: 15/main: jixiao jixiao_bench 127.0.0.1(…) idle
                if title.startswith(b"postgres: ") and tag in title:
                    processes[pid] = ("database", used)
        except (OSError, ValueError, IndexError):
            continue  # a process that ended meanwhile
    return {"processes": processes, "busy": (sum(ticks) - ticks[3] - ticks[4]) / TICK, "all": sum(ticks) / TICK}


def cpu_spent(before: dict, after: dict, requests: int) -> dict:
    """What a scenario cost: the server's and the database's CPU per request (the figure that
    does not depend on what else the machine was doing), and the shares of the machine's CPU
    taken by the bench's clients and by processes outside the bench. A process that began
    meanwhile counts whole; one that ended (a database connection closed after its minute)
    takes its last seconds with it, so the figure may be a little low."""
    if not before or not after or after["all"] <= before["all"]:
        return {}
    spent = {"server": 0.0, "database": 0.0, "clients": 0.0}
    for pid, (kind, used) in after["processes"].items():
        earlier = before["processes"].get(pid)
        spent[kind] += used - (earlier[1] if earlier and earlier[0] == kind else 0.0)
    elapsed, busy = after["all"] - before["all"], after["busy"] - before["busy"]
    others = busy - sum(spent.values())
    return {"server_ms_per_request": round((spent["server"] + spent["database"]) * 1000 / max(requests, 1), 2),
            "database_ms_per_request": round(spent["database"] * 1000 / max(requests, 1), 2),
            "clients_share": round(spent["clients"] / elapsed, 3),
            "others_share": round(max(0.0, others) / elapsed, 3),
            "idle_share": round(1 - busy / elapsed, 3)}


# ---- the clients -----------------------------------------------------------------------------

class Client:
    """One person's browser, reduced to what the bench needs: a connection and cookies."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()  # the next request opens a new connection
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()  # gunicorn's sync workers answer one request per connection
        return response.status, data

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            raise RuntimeError(f"login page: {status}")
        body = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1).decode(),
                          "next": "/tables/"})
        status, _ = self.request("POST", "/login/", body)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not sign in: {status}")


def _path(scenario: str, rng: random.Random, plan: dict, me: dict) -> str:
    if scenario == "list":
        return "/tables/"
    if scenario == "list_filtered":
        return f"/tables/?year={rng.choice(plan['years'])}&status={rng.choice(plan['statuses'])}"
    if scenario == "search_common":
        return f"/tables/?q={quote(plan['common'])}"
    if scenario == "search_rare":
        return f"/tables/?q={quote(plan['rare'])}"
    if scenario == "detail":
        return f"/tables/{rng.choice(me['ids'])}/"
    if scenario == "api_list":
        return f"/api/tables?year={rng.choice(plan['years'])}&status={rng.choice(plan['statuses'])}"
    return f"/api/tables/{rng.choice(me['ids'])}"


def _client_process(port: int, plan: dict, indexes: list[int], scenarios: list[str], seconds: float,
                    barrier, results, watch: tuple) -> None:  # noqa: ANN001 (multiprocessing objects)
    """Threads, one per client: sign in, warm up, then each scenario for `seconds` together.
    Client 0 also notes the CPU used at the start and the end of each scenario (`watch`: the
    server's pid, the bench's pid, the database's name)."""
    found: dict[str, dict] = {s: {"latencies": [], "errors": 0, "error_kinds": {}} for s in scenarios}
    samples: dict[str, list] = {}
    lock = threading.Lock()

    failures: list[str] = []

    def run(index: int) -> None:
        try:
            steps(index)
        except Exception as error:  # noqa: BLE001 (told to the parent, which stops)
            failures.append(f"client {index}: {type(error).__name__}: {error}")
            barrier.abort()

    def steps(index: int) -> None:
        rng = random.Random(index)
        me = plan["reviewers"][index % len(plan["reviewers"])]
        client = Client(port)
        client.login(me["username"])
        for scenario in scenarios:  # warm up: templates, connections, the workers' imports
            for _ in range(2):
                client.request("GET", _path(scenario, rng, plan, me))
        for scenario in scenarios:
            barrier.wait(timeout=120 + seconds)
            if index == 0:
                samples[scenario] = [cpu_sample(*watch)]
            latencies, errors, kinds = [], 0, {}
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                path = _path(scenario, rng, plan, me)
                begun = time.perf_counter()
                try:
                    status, _ = client.request("GET", path)
                except (OSError, http.client.HTTPException) as error:
                    status = type(error).__name__
                if status == 200:
                    latencies.append((time.perf_counter() - begun) * 1000)
                else:
                    errors += 1
                    kinds[str(status)] = kinds.get(str(status), 0) + 1
            if index == 0:
                samples[scenario].append(cpu_sample(*watch))
            with lock:
                found[scenario]["latencies"] += latencies
                found[scenario]["errors"] += errors
                for kind, count in kinds.items():
                    found[scenario]["error_kinds"][kind] = found[scenario]["error_kinds"].get(kind, 0) + count

    threads = [threading.Thread(target=run, args=(i,)) for i in indexes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = os.times()
    results.put({"found": found, "cpu": times.user + times.system, "failures": failures, "samples": samples})


def api_answers(port: int, plan: dict) -> str | None:
    """None when the API answers a signed-in reviewer with JSON, else what it answered."""
    client = Client(port)
    client.login(plan["reviewers"][0]["username"])
    client.request("GET", "/tables/")
    try:
        client.conn.request("GET", "/api/tables", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items())})
        response = client.conn.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    if response.status == 200 and "json" in (response.getheader("Content-Type") or ""):
        return None
    return f"HTTP {response.status}"


def drive(port: int, plan: dict, clients: int, scenarios: list[str], seconds: float,
          server: int = 0, database: str | None = None) -> dict:
    """The clients in processes (so that one GIL does not hold them all), their figures merged."""
    processes = max(1, min(clients, 4))
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(clients)
    results = context.Queue()
    groups = [list(range(p, clients, processes)) for p in range(processes)]
    watch = (server, os.getpid(), database)
    procs = [context.Process(target=_client_process, args=(port, plan, g, scenarios, seconds, barrier, results, watch))
             for g in groups]
    begun = time.perf_counter()
    for proc in procs:
        proc.start()
    merged = {s: {"latencies": [], "errors": 0, "error_kinds": {}} for s in scenarios}
    cpu = 0.0
    failures: list[str] = []
    samples: dict[str, list] = {}
    for _ in procs:
        part = results.get(timeout=60 + len(scenarios) * (seconds + 120))
        cpu += part["cpu"]
        failures += part["failures"]
        samples.update(part["samples"])
        for scenario, found in part["found"].items():
            merged[scenario]["latencies"] += found["latencies"]
            merged[scenario]["errors"] += found["errors"]
            for kind, count in found["error_kinds"].items():
                merged[scenario]["error_kinds"][kind] = merged[scenario]["error_kinds"].get(kind, 0) + count
    for proc in procs:
        proc.join()
    wall = time.perf_counter() - begun
    if failures:
        raise SystemExit("the clients stopped:\n" + "\n".join(failures[:5]))
    figures = {s: summarise(found, seconds) for s, found in merged.items()}
    for scenario, (before, after) in samples.items():
        figures[scenario]["cpu"] = cpu_spent(before, after, figures[scenario]["requests"])
    figures["_clients_cpu_share"] = round(cpu / wall / (os.cpu_count() or 1), 4)
    return figures


def summarise(found: dict, seconds: float) -> dict:
    latencies = sorted(found["latencies"])
    n = len(latencies)

    def rank(p: float) -> float | None:  # nearest rank
        return round(latencies[max(0, math.ceil(p * n) - 1)], 1) if n else None

    return {"requests": n + found["errors"], "per_second": round((n + found["errors"]) / seconds, 1),
            "median_ms": rank(0.5), "p95_ms": rank(0.95), "max_ms": round(latencies[-1], 1) if n else None,
            "errors": found["errors"], **({"error_kinds": found["error_kinds"]} if found["errors"] else {})}


# ---- one database ----------------------------------------------------------------------------

def bench_database(db: str, args: argparse.Namespace, work: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JIXIAO_DATA_DIR", "JIXIAO_DEBUG")}
    env.update({"JIXIAO_SECRET_KEY": SECRET_KEY, "DJANGO_SETTINGS_MODULE": "jixiao.web.settings",
                "PYTHONDONTWRITEBYTECODE": "1"})
    data = work / f"data-{db}"
    data.mkdir()
    if db == "postgres":
        why = postgres_database(create=True)
        if why:
            print(f"PostgreSQL: skipped ({why}). Start it with `pg_ctlcluster 15 main start` and make the role as "
                  "`make test-postgres` does, or name another server in JIXIAO_BENCH_POSTGRES.")
            return {"skipped": why}
        env["DATABASE_URL"] = POSTGRES
    env["JIXIAO_DATA_DIR"] = str(data)  # SQLite's file; for PostgreSQL only the (unused) data folder
    try:
        print(f"{db}: migrating and loading {args.tables:,} tables …", flush=True)
        subprocess.run([sys.executable, __file__, "--load", str(work), "--tables", str(args.tables),
                        "--sample", str(args.sample)], env=env, check=True, cwd=ROOT)
        loaded = json.loads((work / "load.json").read_text(encoding="utf-8"))
        figures, plan = loaded["figures"], loaded["plan"]
        result = {"load": figures, "rare_search": plan["rare"], "runs": {}}
        print(f"{db}: {figures['tables']:,} tables; import (store.create_tables, {figures['import']['tables']:,} tables): "
              f"{figures['import']['rate']:,.0f} tables/s; fixture load (bulk_create, {figures['fixture']['tables']:,} "
              f"tables): {figures['fixture']['rate']:,.0f} tables/s", flush=True)
        if figures["review_ms"]:
            print(f"{db}: the table page's review of its table (store.review_of, as stored): median "
                  f"{figures['review_ms']['median']:.1f} ms, p95 {figures['review_ms']['p95']:.1f} ms", flush=True)
        for workers in args.workers:
            load_before = os.getloadavg()[0]
            server, port = serve(env, workers, work / f"gunicorn-{db}-{workers}.log")
            try:
                unavailable = api_answers(port, plan)
                scenarios = [s for s in SCENARIOS if not (unavailable and s.startswith("api"))]
                figures = drive(port, plan, args.clients, scenarios, args.seconds, server.pid,
                                urlparse(POSTGRES).path.lstrip("/") if db == "postgres" else None)
            finally:
                stop(server)
            figures["_api"] = "available" if not unavailable else f"not available ({unavailable})"
            figures["_load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            result["runs"][str(workers)] = figures
            print_run(db, workers, figures, args)
        return result
    finally:
        if db == "postgres":
            postgres_database(create=False)


def print_run(db: str, workers: int, figures: dict, args: argparse.Namespace) -> None:
    """One run as a table. cpu/req: gunicorn's and PostgreSQL's CPU per request, which does not
    depend on what else the machine did; others: the machine's CPU taken by processes outside
    the bench meanwhile (what the server could not have)."""
    print(f"\n{db}, gunicorn {workers} sync workers, {args.clients} clients, {args.seconds:g} s each "
          f"(the clients took {figures['_clients_cpu_share']:.1%} of the machine's CPU; "
          f"load average {figures['_load_average'][0]:.1f} before, {figures['_load_average'][1]:.1f} after)")
    print(f"  {'scenario':24s} {'requests':>8s} {'req/s':>7s} {'median':>8s} {'p95':>8s} {'max':>8s} {'errors':>6s}"
          f" {'cpu/req':>8s} {'others':>6s}")
    for scenario in SCENARIOS:
        f = figures.get(scenario)
        if f is None:
            continue
        ms = lambda v: "—" if v is None else f"{v:.0f}"  # noqa: E731
        cpu = f.get("cpu") or {}
        used = f"{cpu['server_ms_per_request']:6.1f}ms {cpu['others_share']:6.0%}" if cpu else f"{'—':>8s} {'—':>6s}"
        aim = AIM["detail"] if scenario == "detail" else AIM["list"] if not scenario.startswith("api") else None
        flag = "" if aim is None or f["p95_ms"] is None or f["p95_ms"] <= aim else f"  (aim p95 ≤ {aim:.0f} ms)"
        print(f"  {LABELS[scenario]:24s} {f['requests']:8d} {f['per_second']:7.1f} {ms(f['median_ms']):>6s}ms"
              f" {ms(f['p95_ms']):>6s}ms {ms(f['max_ms']):>6s}ms {f['errors']:6d} {used}{flag}")
    if not figures["_api"] == "available":
        print(f"  API: {figures['_api']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=40_000)
    parser.add_argument("--sample", type=int, default=2_000, help="tables imported through store.create_tables")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10, help="per scenario")
    parser.add_argument("--workers", default="2,4", help="gunicorn worker counts to try, comma-separated")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--sources", type=Path, help="keep the parsed tables in this file and read them from it next time")
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)  # the child that fills a database
    args = parser.parse_args()
    if args.load:
        load(args.load, args.tables, args.sample)
        return
    args.workers = [int(w) for w in args.workers.split(",") if w.strip()]
    work = Path(tempfile.mkdtemp(prefix="jixiao-bench-web-"))
    try:
        begun = time.perf_counter()
        if args.sources and args.sources.is_file():
            sources = json.loads(args.sources.read_text(encoding="utf-8"))
        else:
            sources = read_sources()
            if args.sources:
                args.sources.write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
        (work / "sources.json").write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
        count = sum(len(records) for _, records in sources)
        print(f"read {count} tables from {len(sources)} files (seeds and corpus) in {time.perf_counter() - begun:.0f} s",
              flush=True)
        report = {"tables": args.tables, "clients": args.clients, "seconds": args.seconds, "cores": os.cpu_count(),
                  "aim_p95_ms": AIM, "databases": {}}
        for db in (("sqlite", "postgres") if args.db == "both" else (args.db,)):
            report["databases"][db] = bench_database(db, args, work)
        if args.json:
            args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"\nfigures written to {args.json}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
