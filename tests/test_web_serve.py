"""`make run` (`python -m jixiao.web serve`) really serves (issue 13, point 1): gunicorn answers
with the Chinese login page, the style sheet comes under its hashed name cached for a year, the
security headers are there, DEBUG stays off even when asked for, and a second start keeps the
data and the secret key. The real command in a subprocess, on a free port and a temporary data
folder, always SQLite: it must never migrate or fill the database DATABASE_URL names."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt", reason="gunicorn 只能在 Linux 等类 Unix 系统上运行")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


class Served:
    """`python -m jixiao.web serve` running until stop(); its output in a file."""

    def __init__(self, data: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_") and k != "DATABASE_URL"}
        env |= {"JIXIAO_DATA_DIR": str(data), "JIXIAO_DEBUG": "1", "PYTHONUNBUFFERED": "1"}
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "jixiao.web", "serve", "--bind", f"127.0.0.1:{self.port}"],
                                            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve 已退出：\n{self.output()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise AssertionError(f"serve 90 秒内没有开始监听：\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def people(data: Path) -> int:
    with sqlite3.connect(data / "jixiao.sqlite3") as db:
        return db.execute("SELECT count(*) FROM auth_user").fetchone()[0]


def test_serve_answers_with_the_login_page_and_keeps_its_data(tmp_path):
    data = tmp_path / "数据"
    served = Served(data, tmp_path / "first.log")
    try:
        status, headers, page = get(served.url + "/")
        assert status == 200 and "<h1>登录</h1>" in page and headers["Server"] == "gunicorn"
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        css = re.search(r'href="(/static/jixiao/app\.[0-9a-f]{12}\.css)"', page).group(1)
        status, headers, sheet = get(served.url + css)
        assert status == 200 and "text/css" in headers["Content-Type"] and "header{" in sheet
        assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
        status, _, missing = get(served.url + "/no-such-page/")
        assert status == 404 and "页面不存在" in missing and "URLconf" not in missing  # JIXIAO_DEBUG=1 ignored
    finally:
        served.stop()
    first = served.output()
    assert "本次新建 10 个" in first and "jiangyin-filler" in first and "忽略 JIXIAO_DEBUG=1" in first
    assert re.search(r'"GET /login/\?next=/ HTTP/1\.1" 200', first)  # the access log on standard output
    key = (data / "secret_key").read_text()
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600 and len(key.strip()) >= 50
    assert people(data) == 10

    again = Served(data, tmp_path / "second.log")
    try:
        assert get(again.url + "/login/")[0] == 200
    finally:
        again.stop()
    assert "本次新建 0 个" in again.output() and "No migrations to apply" in again.output()
    assert (data / "secret_key").read_text() == key and people(data) == 10
