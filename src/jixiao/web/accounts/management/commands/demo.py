"""`python -m jixiao.web demo`: the demonstration organisation and accounts (jixiao.web.accounts.demo),
made where missing, then listed."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from jixiao.texts import width
from jixiao.web.accounts.demo import DEMO_PASSWORD, ensure_demo_organisation, ensure_demo_people
from jixiao.web.tables.demo import load_demo_tables


class Command(BaseCommand):
    help = "创建演示用的财政部门、单位和账号，导入示例表（已有的不作改动），并列出各账号"

    def handle(self, *args, **options):
        places = ensure_demo_organisation()
        accounts = ensure_demo_people(places)
        loaded = load_demo_tables({key: place.unit for key, place in places.items()})
        if loaded:
            self.stdout.write(f"已把 examples/seeds 中的 {loaded} 张表导入演示单位（已导入过的文件不再导入）")
        created = sum(account.created for account in accounts)
        rows = [("账号", "密码", "角色", "单位或财政部门")]
        rows += [(a.username, DEMO_PASSWORD, a.role.label, a.place) for a in accounts]
        widths = [max(width(row[i]) for row in rows) for i in range(3)]
        self.stdout.write(f"演示账号（本次新建 {created} 个；密码是新建时设置的演示密码，改过的以新密码为准）：")
        for row in rows:
            self.stdout.write("  " + "  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths))
                              + "  " + row[3])
