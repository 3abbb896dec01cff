"""The demonstration organisation and accounts `make run` creates (the `demo` command): three
cities with a bureau, an authority, a unit and their people, one administrator; made only where
missing, listed in Chinese on every run; the seed tables loaded once into their cities' units."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from jixiao.web.accounts.demo import DEMO_PASSWORD, ensure_demo_organisation
from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit

pytestmark = pytest.mark.django_db


def demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_three_cities_each_with_a_bureau_an_authority_and_a_unit():
    places = ensure_demo_organisation()
    assert list(places) == ["jiangyin", "changzhou", "nantong"]
    jiangyin = places["jiangyin"]
    assert (jiangyin.bureau.name, jiangyin.authority.name, jiangyin.unit.name) == \
        ("江阴市财政局", "江阴市科学技术局", "江阴市科学技术局（机关）")
    assert jiangyin.unit.bureau == jiangyin.bureau
    assert places["nantong"].unit.authority.bureau.name == "南通市财政局"
    assert ensure_demo_organisation() == places  # again: the same rows, nothing new
    assert (FinanceBureau.objects.count(), Authority.objects.count(), Unit.objects.count()) == (3, 3, 3)


def test_the_demo_command_lists_the_accounts_in_chinese(django_user_model):
    out = demo()
    assert "本次新建 10 个" in out
    assert "账号" in out and "密码" in out and "角色" in out and "单位或财政部门" in out
    listing = out.splitlines()
    start = next(n for n, line in enumerate(listing) if line.startswith("演示账号")) + 2  # after the column names
    lines = {line.split()[0]: line.split()[1:] for line in listing[start:]}
    assert lines["jiangyin-filler"] == [DEMO_PASSWORD, "填报人", "江阴市科学技术局（机关）"]
    assert lines["changzhou-head"] == [DEMO_PASSWORD, "单位负责人", "常州市科学技术局"]
    assert lines["nantong-reviewer"] == [DEMO_PASSWORD, "审核人", "南通市财政局"]
    assert lines["admin"] == [DEMO_PASSWORD, "管理员", "全部"]
    assert len(lines) == 10
    person = authenticate(username="jiangyin-filler", password=DEMO_PASSWORD)
    assert person is not None and person.get_full_name() == "周敏"
    assert not django_user_model.objects.filter(is_superuser=True).exists()
    assert Membership.objects.get(user__username="admin").role == Role.ADMIN


def test_the_demo_command_again_changes_nothing(django_user_model):
    demo()
    changed = django_user_model.objects.get(username="jiangyin-head")
    changed.set_password("另一个密码2026")
    changed.save()
    before = (django_user_model.objects.count(), Membership.objects.count(), Unit.objects.count())
    assert "本次新建 0 个" in demo()
    assert (django_user_model.objects.count(), Membership.objects.count(), Unit.objects.count()) == before
    assert authenticate(username="jiangyin-head", password="另一个密码2026") is not None  # kept


def test_the_seed_tables_are_loaded_once_into_their_cities_units():
    out = demo()
    assert "已把 examples/seeds 中的 18 张表导入演示单位" in out
    counts = {unit.name: unit.tables.count() for unit in Unit.objects.all()}
    assert counts == {"江阴市科学技术局（机关）": 5, "常州市科学技术局": 1, "南通市科学技术局": 12}
    assert "导入演示单位" not in demo()  # again: every seed file is already there
    assert sum(unit.tables.count() for unit in Unit.objects.all()) == 18
