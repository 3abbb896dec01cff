"""The readers on layouts other producers make: several tables on one sheet, one table over
several sheets, numbers and dates as Excel stores them, Word paragraphs holding fields,
HTML spans, and a PDF table running over pages with its header repeated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import SEEDS
from jixiao.api import parse_file
from jixiao.layout import layout
from jixiao.readers.xlsx import shown
from test_roundtrip import model


@pytest.fixture(scope="module")
def tables():
    return parse_file(str(next(s for s in SEEDS if s.name.startswith("004"))))[:3]


def _put(sheet, rows, first_row: int = 1) -> int:
    for r, row in enumerate(rows, first_row):
        for box in row:
            cell = sheet.cell(row=r, column=box.col + 1, value=box.text or None)
            if box.text.startswith("="):
                cell.data_type = "s"  # typed as text in Excel ('=100%), not a formula
            if box.colspan > 1 or box.rowspan > 1:
                sheet.merge_cells(start_row=r, start_column=box.col + 1, end_row=r + box.rowspan - 1,
                                  end_column=box.col + box.colspan)
    return first_row + len(rows)


def test_several_tables_on_one_sheet(tables, tmp_path):
    book = Workbook()
    row = 1
    for table in tables:
        row = _put(book.active, layout(table).rows, row) + 2  # two blank rows between tables
    book.save(tmp_path / "一页多表.xlsx")
    assert [model(t) for t in parse_file(str(tmp_path / "一页多表.xlsx"))] == [model(t) for t in tables]


def test_one_table_over_several_sheets(tables, tmp_path):
    rows = layout(tables[0]).rows
    cut = next(i for i, r in enumerate(rows) if r and r[0].text == "一级指标")
    book = Workbook()
    _put(book.active, rows[:cut])
    _put(book.create_sheet("指标"), rows[cut:])
    book.save(tmp_path / "分页签.xlsx")
    back = parse_file(str(tmp_path / "分页签.xlsx"))
    assert [model(t) for t in back] == [model(tables[0])]


@pytest.mark.parametrize("value, number_format, seen", [
    (86.69000000000001, "General", "86.69"),
    (86.69, "0.00", "86.69"),
    (135.0, "General", "135"),
    (0.1 + 0.2, "General", "0.3"),
    (0.95, "0%", "95%"),
    (None, "General", ""),
    (dt.datetime(2026, 1, 1), "yyyy-mm-dd", "2026-01-01"),
    (dt.datetime(2026, 12, 31), 'yyyy"年"m"月"d"日"', "2026年12月31日"),
    ("≥1500家", "@", "≥1500家"),
])
def test_cells_read_as_excel_shows_them(value, number_format, seen):
    assert shown(value, number_format) == seen


def test_numbers_and_dates_stored_by_excel_come_back_as_written(tables, tmp_path):
    rows = layout(tables[0]).rows
    book = Workbook()
    _put(book.active, rows)
    sheet = book.active
    for line in sheet.iter_rows():
        for cell in line:
            if cell.value == "135":
                cell.value = 134.99999999999997  # a sum as Excel stores it
            elif cell.value == "2026" and cell.column > 1:
                cell.value = dt.datetime(2026, 1, 1)
                cell.number_format = 'yyyy"年"'
    book.save(tmp_path / "数字.xlsx")
    back = parse_file(str(tmp_path / "数字.xlsx"))[0]
    assert back.total_amount_wan == tables[0].total_amount_wan
    assert back.start == "2026年1月"


def test_word_paragraphs_hold_fields_before_the_table(tables, tmp_path):
    from docx import Document

    table = tables[1]
    document = Document()
    for text in ("南通市本级项目预算绩效目标表", "2026年度", f"项目名称：{table.project}",
                 f"主管部门：{table.authority}", f"年度目标：{table.texts['annual_goal']}"):
        document.add_paragraph(text)
    rows = layout(table).rows
    body = rows[next(i for i, r in enumerate(rows) if r and r[0].text == "一级指标"):]
    grid = document.add_table(rows=len(body), cols=5)
    for r, row in enumerate(body):
        for box in row:
            cell = grid.cell(r, box.col)
            if box.rowspan > 1 or box.colspan > 1:
                cell = cell.merge(grid.cell(r + box.rowspan - 1, box.col + box.colspan - 1))
            cell.text = box.text
    document.save(tmp_path / "段落.docx")
    back = parse_file(str(tmp_path / "段落.docx"))[0]
    assert (back.project, back.authority, back.year) == (table.project, table.authority, 2026)
    assert back.texts == {"annual_goal": table.texts["annual_goal"]}
    assert [i.to_json() | {"line": 0} for i in back.indicators] == [i.to_json() | {"line": 0} for i in table.indicators]
    assert back.report == []


def test_html_as_a_government_page_publishes_it(tmp_path):
    page = """<html><head><meta charset="gb2312"><style>td{border:1px}</style></head><body>
    <h2>项目支出绩效目标表</h2><p>2026年度</p>
    <p>项目名称：科技服务专项</p>
    <table border="1">
    <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>半年（程）指标值</th><th>全年（程）指标值</th></tr>
    <tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>举办培训场次</td><td>≥3场</td><td>≥6场</td></tr>
    <tr><td>服务企业数</td><td>≥50家</td><td>≥100家</td></tr>
    <tr><td>时效指标</td><td>补贴发放<br>及时率</td><td colspan="2">=100%</td></tr>
    <tr><td>满意度指标</td><td>服务对象满意度</td><td>企业满意度</td><td>≥90%</td><td>≥90%</td></tr>
    </table><script>var x = "<td>ignored</td>";</script></body></html>"""
    path = tmp_path / "网页.html"
    path.write_bytes(page.encode("gb18030"))
    table = parse_file(str(path))[0]
    assert (table.project, table.year) == ("科技服务专项", 2026)
    names = [(i.level1, i.level2, i.name, i.half_year.raw if i.half_year else None, i.full_year.raw if i.full_year else None)
             for i in table.indicators]
    assert names[:2] == [("产出", "数量指标", "举办培训场次", "≥3场", "≥6场"), ("产出", "数量指标", "服务企业数", "≥50家", "≥100家")]
    assert names[2][:3] == ("产出", "时效指标", "补贴发放及时率")
    assert names[3] == ("满意度", "服务对象满意度", "企业满意度", "≥90%", "≥90%")


def test_a_nul_in_a_pages_text_is_dropped_as_a_browser_drops_it(tables, tmp_path):
    """Past the first 4 KB (where it marks a binary file), a NUL byte in an HTML page is not
    shown by a browser and is not read: it would have reached the record, which PostgreSQL
    cannot store."""
    from jixiao.writers.html import write

    path = tmp_path / "正常.html"
    write(tables[:1], path)
    page = path.read_text(encoding="utf-8")
    name = tables[0].indicators[-1].name
    assert page.index(name) > 4096
    broken = tmp_path / "含空字符.html"
    broken.write_bytes(page.replace(name, name[:2] + "\x00" + name[2:]).encode("utf-8"))
    assert model(parse_file(str(broken))[0]) == model(parse_file(str(path))[0])


def test_a_pdf_table_over_pages_with_its_header_repeated(tmp_path):
    """Another producer's PDF: one ruled table of 80 indicators over several pages, its header
    row repeated on each page, long names wrapping inside their cells."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from jixiao.writers.pdf import FONT_NAME, _register

    _register()
    style = ParagraphStyle("c", fontName=FONT_NAME, fontSize=9, leading=11, wordWrap="CJK")
    head = ["一级指标", "二级指标", "三级指标", "半年（程）指标值", "全年（程）指标值"]
    data = [[Paragraph(h, style) for h in head]]
    for n in range(80):
        name = f"服务重点企业并开展技术对接和专题培训的场次第{n}项" if n % 7 == 0 else f"培训场次第{n}项"
        data.append([Paragraph("产出指标" if n == 0 else "", style), Paragraph("数量指标" if n == 0 else "", style),
                     Paragraph(name, style), Paragraph(f"≥{n}场", style), Paragraph(f"≥{2 * n + 1}场", style)])
    grid = Table(data, colWidths=[80, 90, 260, 110, 110], repeatRows=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    path = tmp_path / "跨页.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([Paragraph("项目支出绩效目标表", style), grid])
    table = parse_file(str(path))[0]
    assert len(table.indicators) == 80 and table.report == []
    assert table.indicators[7].name == "服务重点企业并开展技术对接和专题培训的场次第7项"
    assert all(i.level2 == "数量指标" for i in table.indicators)
    assert table.indicators[79].full_year.raw == "≥159场"


def test_a_wps_pdf_with_digits_and_quotes_set_off_the_baseline():
    """Chongqing's 科技局 budget book (WPS): digits, brackets and quotes are drawn in a second
    font up to a char height below the Chinese around them. They come back into their place in
    the sentence, and into the cell they belong to, not the row below. Read off the page."""
    path = next((Path(__file__).parent / "corpus" / "chongqing-chongqing-keji").glob("*.pdf"))
    tables = {t.project: t for t in parse_file(str(path))}
    assert tables["科技发展专项"].texts["annual_goal"] == (
        "2026年布局关键技术不少于260项,获批国家自然基金项目数量不少于800项,技术合同成交额不少于950亿元,"
        "带动企业研发投入不少于10亿元,实施科技传播与普及项目惠及受众不少于300万人次。")
    assert tables[None].texts["annual_goal"].startswith("提质建设 “416”科技创新布局,")
    assert "推动科技创新与产业创新深度融合" in tables[None].texts["annual_goal"]
    weights = [i.extra.get("weight") for i in tables["科技发展专项"].indicators]
    assert weights[:2] == [Decimal("20"), Decimal("30")]  # under 指标权重（%）, its `%` drawn below
