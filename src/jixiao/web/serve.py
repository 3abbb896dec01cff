"""`python -m jixiao.web serve`, what `make run` runs: the application served by a production
server, with its data kept in the data folder (JIXIAO_DATA_DIR, data/ in the checkout by default).

In order: the data folder and its secret key (made once, readable by its owner only; the settings
only read it), the database brought up to date, the static files collected, the demonstration
accounts made where missing and listed, then gunicorn in this process's place. Every step keeps
what is there, so running it again loses nothing. Served, DEBUG is off whatever JIXIAO_DEBUG says."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

# gunicorn's settings: two workers for the two cores of a small server; a request that takes
# more than a minute is cut (a worker is not held forever); access log on standard output; no
# control socket (unused, and it would sit in $HOME, one path for every instance).
GUNICORN = ["--workers", "2", "--timeout", "60", "--graceful-timeout", "20", "--keep-alive", "5",
            "--access-logfile", "-", "--error-logfile", "-", "--no-control-socket"]


def write_secret_key(path: Path) -> bool:
    """Make the secret key file where there is none, mode 0600; True when made."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(secrets.token_urlsafe(50) + "\n")
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jixiao.web serve",
        description="以生产服务器运行网页应用：更新数据库、收集静态文件、创建演示账号，然后启动 gunicorn。")
    parser.add_argument("--bind", default=os.environ.get("JIXIAO_BIND", "127.0.0.1:8000"),
                        help="监听的地址和端口（默认 127.0.0.1:8000，或环境变量 JIXIAO_BIND）")
    args = parser.parse_args(argv)

    os.environ["JIXIAO_SERVE"] = "1"
    if os.environ.pop("JIXIAO_DEBUG", None) == "1":
        print("提示：对外服务时不开启调试模式，已忽略 JIXIAO_DEBUG=1", file=sys.stderr)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from jixiao.web import settings

    settings.DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # the database holds password hashes
    if not os.environ.get("JIXIAO_SECRET_KEY") and write_secret_key(settings.DATA_DIR / "secret_key"):
        print(f"已生成密钥文件：{settings.DATA_DIR / 'secret_key'}")
        settings.SECRET_KEY = settings._secret_key()  # read before the file was there

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=1)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo")
    print(f"数据文件夹：{settings.DATA_DIR}")
    print(f"jixiao 网页应用：http://{args.bind}/ （按 Ctrl+C 停止）", flush=True)
    if os.name == "nt":  # gunicorn needs a Unix; Django's own server instead, for trying it out
        call_command("runserver", args.bind, use_reloader=False)
        return 0
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application",
                              "--bind", args.bind, *GUNICORN])
