"""Round trip: every seed table, written in each format by jixiao's writers and read back
through `parse_file` (the format told by content), gives the same model. Provenance (line
numbers, the file name) and the import's notes about the original file are set aside."""

from __future__ import annotations

from importlib import import_module

import pytest

from conftest import SEEDS, needs_cjk_font, needs_tool
from jixiao.api import parse_file

FORMATS = ["xlsx", "html", "docx", "pdf"]
TABLES = [(seed, n) for seed in SEEDS for n in range(len(parse_file(str(seed))))]


def model(table) -> dict:
    data = table.to_json()
    for key in ("source", "repairs", "warnings", "report"):
        data.pop(key)
    for item in data["indicators"] + data["empty_categories"]:
        item.pop("line")
    return data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed, index", TABLES, ids=[f"{s.name[:3]}-{n + 1}" for s, n in TABLES])
def test_seed_table_survives_the_round_trip(fmt, seed, index, tmp_path):
    table = parse_file(str(seed))[index]
    out = tmp_path / f"表.{fmt}"
    import_module(f"jixiao.writers.{fmt}").write([table], out)
    back = parse_file(str(out))
    assert len(back) == 1
    assert model(back[0]) == model(table)
    assert back[0].report == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_whole_file_of_tables_survives_in_one_file(fmt, tmp_path):
    seed = next(s for s in SEEDS if s.name.startswith("004"))
    tables = parse_file(str(seed))
    out = tmp_path / f"全部.{fmt}"
    import_module(f"jixiao.writers.{fmt}").write(tables, out)
    assert [model(t) for t in parse_file(str(out))] == [model(t) for t in tables]


def test_pdfs_made_by_libreoffice_read_back_the_same(tmp_path):
    """The PDF reader is not tuned to jixiao's own PDFs: LibreOffice prints our XLSX and DOCX
    of every seed file, and each of those PDFs gives the same tables."""
    import subprocess

    from jixiao.writers import docx, xlsx

    soffice = needs_tool("soffice", "libreoffice")
    sources = []
    for seed in SEEDS:
        tables = parse_file(str(seed))
        xlsx.write(tables, tmp_path / f"{seed.stem}.x.xlsx")
        docx.write(tables, tmp_path / f"{seed.stem}.d.docx")
        sources += [tmp_path / f"{seed.stem}.x.xlsx", tmp_path / f"{seed.stem}.d.docx"]
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, sources)], check=True, capture_output=True, timeout=600)
    for seed in SEEDS:
        expected = [model(t) for t in parse_file(str(seed))]
        for kind in ("x", "d"):
            pdf = tmp_path / f"{seed.stem}.{kind}.pdf"
            back = parse_file(str(pdf))
            assert [model(t) for t in back] == expected, pdf.name
            assert all(t.report == [] for t in back), pdf.name


LAYOUTS = sorted((SEEDS[0].parent.parent.parent / "tests" / "fixtures" / "layouts").glob("*.txt"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("fixture", LAYOUTS, ids=[p.stem[:2] for p in LAYOUTS])
def test_layout_fixtures_survive_the_round_trip(fmt, fixture, tmp_path):
    """The layout fixtures too: self-evaluation tables (funds with 执行数 and 得分, goals,
    实际完成值, 总分, 自评等级), a single target column, amounts in 元, several projects, a
    department table's annual tasks."""
    tables = parse_file(str(fixture))
    out = tmp_path / f"表.{fmt}"
    import_module(f"jixiao.writers.{fmt}").write(tables, out)
    assert [model(t) for t in parse_file(str(out))] == [model(t) for t in tables]


def test_pdf_embeds_a_chinese_font_and_renders_it(tmp_path):
    """Chinese in our PDF is drawn with an embedded TrueType font, and a page rendered by
    poppler (pdftoppm) carries ink where the table is."""
    import subprocess

    import pdfplumber

    from jixiao.writers import pdf

    needs_cjk_font()
    out = tmp_path / "表.pdf"
    pdf.write(parse_file(str(SEEDS[-1]))[:1], out)
    with pdfplumber.open(out) as document:
        fonts = {c["fontname"] for c in document.pages[0].chars if "\u4e00" <= c["text"] <= "\u9fff"}
    assert fonts and all("+" in name for name in fonts)  # a subset, embedded in the file
    needs_tool("pdftoppm")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.pgm")).read_bytes()
    pixels = image.split(b"\n", 3)[3]  # P5 header: magic, size, maxval
    assert sum(1 for b in pixels if b < 128) > 1000  # text and rules, not a blank page
