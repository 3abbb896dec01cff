"""Bad and hostile files of every format: each ends in one line of error that names the
file and the reason (exit status 2 from the command), never a traceback, and never by
unpacking or expanding what a real table could not hold."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile

import pytest

from conftest import SEEDS
from jixiao.api import parse_file
from jixiao.errors import InputError
from jixiao.writers import docx, html, pdf, xlsx

WRITERS = {"xlsx": xlsx, "docx": docx, "pdf": pdf, "html": html}


@pytest.fixture(scope="module")
def tables():
    return parse_file(str(next(s for s in SEEDS if s.name.startswith("004"))))[:2]


def written(fmt: str, tables, tmp_path) -> bytes:
    path = tmp_path / f"good.{fmt}"
    WRITERS[fmt].write(tables, path)
    return path.read_bytes()


def refused(path) -> str:
    with pytest.raises(InputError) as caught:
        parse_file(str(path))
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    return caught.value.reason


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf", "html"])
def test_a_truncated_file_is_refused(fmt, tables, tmp_path):
    data = written(fmt, tables, tmp_path)
    cut = tmp_path / f"cut.{fmt}"
    cut.write_bytes(data[: len(data) // 20])
    refused(cut)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_corrupt_archive_is_refused(fmt, tables, tmp_path):
    data = bytearray(written(fmt, tables, tmp_path))
    middle = len(data) // 2
    data[middle: middle + 400] = bytes(400)
    bad = tmp_path / f"bad.{fmt}"
    bad.write_bytes(bytes(data))
    refused(bad)


def test_a_corrupt_pdf_is_refused(tables, tmp_path):
    data = written("pdf", tables, tmp_path)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data[:200] + os.urandom(len(data) - 200))
    refused(bad)


def test_a_password_protected_workbook_is_refused(tables, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    good = tmp_path / "good.xlsx"
    xlsx.write(tables, good)
    locked = tmp_path / "加密.xlsx"
    with good.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)  # Excel's own encryption: an OLE container
    assert "加密" in refused(locked)


def test_a_password_protected_pdf_is_refused(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    locked = tmp_path / "加密.pdf"
    page = canvas.Canvas(str(locked), encrypt=StandardEncryption("secret", ownerPassword="owner"))
    page.drawString(72, 720, "budget")
    page.save()
    assert "密码" in refused(locked)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(250):  # 250 MB of zeros, a few hundred KB on disk
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert "压缩炸弹" in refused(bomb)


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";" if n > 1 else "&lol;") * 10}">' for n in range(1, 10))
          + ']>')


def with_entities(good, evil, member: str, tag: str) -> None:
    """A copy of an Office file whose `member` declares the billion laughs and uses them in its first `tag`."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == member:
                text = data.decode("utf-8")
                head, body = text.split("?>", 1) if text.startswith("<?xml") else ("", text)
                data = ((head + "?>" if head else "") + LAUGHS + body.replace(tag, tag + "&lol9;", 1)).encode("utf-8")
            target.writestr(item, data)


def test_xml_entity_expansion_is_refused(tables, tmp_path):
    good = tmp_path / "good.xlsx"
    xlsx.write(tables, good)
    with_entities(good, tmp_path / "实体.xlsx", "xl/worksheets/sheet1.xml", "<v>")
    assert "XML 实体" in refused(tmp_path / "实体.xlsx")


def test_a_file_far_larger_than_any_table_is_refused(tmp_path):
    huge = tmp_path / "巨大.txt"
    with huge.open("wb") as stream:
        stream.truncate(60 * 1024 * 1024)  # sparse: nothing is written, nothing is read
    assert "超过上限 50 MB" in refused(huge)


def test_the_size_limit_is_configurable(tmp_path):
    text = tmp_path / "表.txt"
    text.write_bytes(SEEDS[0].read_bytes() * 150)  # about 2 MB
    result = subprocess.run([sys.executable, "-m", "jixiao", "parse", str(text)], capture_output=True, text=True,
                            env={**os.environ, "JIXIAO_MAX_FILE_MB": "1"}, timeout=120)
    assert result.returncode == 2 and "JIXIAO_MAX_FILE_MB" in result.stderr and "Traceback" not in result.stderr


def test_a_pdf_without_a_table_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    plain = tmp_path / "无表.pdf"
    page = canvas.Canvas(str(plain))
    page.drawString(72, 720, "Annual report 2026")
    page.save()
    assert "未找到绩效目标表" in refused(plain)


def test_a_scanned_pdf_without_text_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    scan = tmp_path / "扫描.pdf"
    page = canvas.Canvas(str(scan))
    for y in range(100, 700, 20):  # a picture of a table: lines, and no text layer
        page.line(72, y, 520, y)
    page.save()
    assert "没有文字层" in refused(scan)


def test_the_command_gives_one_line_for_a_broken_file(tmp_path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04word/" + os.urandom(2000))
    result = subprocess.run([sys.executable, "-m", "jixiao", "parse", str(broken)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and str(broken) in lines[0]
    # No library's exception name (BadZipFile, KeyError …): the reason is said in Chinese.
    reason = lines[0].removeprefix(f"错误：{broken}：")
    assert not re.search(r"[a-z][A-Z]|Error|Exception", reason), reason


def test_xml_entities_in_a_word_file_are_not_expanded(tables, tmp_path):
    good = tmp_path / "good.docx"
    docx.write(tables, good)
    evil = tmp_path / "实体.docx"
    with_entities(good, evil, "word/document.xml", "<w:t>")
    try:
        back = parse_file(str(evil))
    except InputError as error:
        assert "\n" not in str(error)
    else:  # read, but the entity stayed unexpanded: nothing grew
        assert all(len(text) < 10_000 for table in back for text in table.texts.values())


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf", "html"])
def test_damaged_files_give_only_the_one_line_error(fmt, tables, tmp_path, capfd):
    """Bytes changed, cut or removed at random places (a fixed seed): whatever the damage,
    the reader answers with InputError or a table, and prints nothing of its own."""
    import random

    data = written(fmt, tables, tmp_path)
    rng = random.Random(fmt)
    for attempt in range(24):
        damaged = bytearray(data)
        if attempt % 3 == 0:
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        elif attempt % 3 == 1:
            damaged = damaged[: rng.randrange(len(damaged))]
        else:
            start = rng.randrange(len(damaged))
            del damaged[start: start + rng.randint(1, 2000)]
        path = tmp_path / f"damaged.{fmt}"
        path.write_bytes(bytes(damaged))
        try:
            parse_file(str(path))
        except InputError as error:
            assert "\n" not in str(error)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
