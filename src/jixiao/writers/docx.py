"""The official layout as a Word document: the title and year as paragraphs, then one
bordered table with merged level-1 and level-2 cells; A4 landscape, a CJK font."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from jixiao.layout import layout
from jixiao.model import TargetTable

FONT = "宋体"
_WIDTHS_CM = {4: (3, 4, 10, 8), 5: (3, 4, 9, 4.7, 4.7), 7: (2.4, 4.6, 2.8, 4, 5.6, 2.8, 2.8)}


def _font(run, size: float | None = None, bold: bool = False) -> None:
    """Only what differs from the document's Normal style (宋体 10.5 pt): setting the font on
    every run would double the time a large table takes."""
    if size is not None:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    for index, table in enumerate(tables):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading, drawn = layout(table).heading()
        for line in heading:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(line.text), 16 if line.role == "title" else 12, bold=True)
        rows = drawn.rows
        grid = document.add_table(rows=len(rows), cols=drawn.width)
        grid.style = "Table Grid"
        widths = _WIDTHS_CM.get(drawn.width, (26 / drawn.width,) * drawn.width)
        # Every cell once, before any merge (python-docx finds a cell by walking the whole table).
        cells = grid._cells
        for place, cell in enumerate(cells):
            cell.width = Cm(widths[place % drawn.width])
        for row in grid.rows:  # a row is never split over two pages
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for r, row in enumerate(rows):
            for box in row:
                cell = cells[r * drawn.width + box.col]
                if box.colspan > 1 or box.rowspan > 1:
                    corner = cells[(r + box.rowspan - 1) * drawn.width + box.col + box.colspan - 1]
                    cell = cell.merge(corner)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                for number, text in enumerate(box.text.split("\n")):
                    paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                    if box.role in ("head", "label"):
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    elif box.role == "number":
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    _font(paragraph.add_run(text), bold=box.role == "head")
    document.save(path)
