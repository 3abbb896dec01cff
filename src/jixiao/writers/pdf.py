"""The official layout as a PDF (reportlab): A4 landscape, a ruled table with merged level-1
and level-2 cells, Chinese in an embedded TrueType font from Debian's packages.

The table is cut into pieces only between rows that no merged cell spans, so that a page
break never splits a merged cell; the pieces join without a gap and read as one table.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from jixiao.errors import OutputError
from jixiao.layout import Layout, capped, layout
from jixiao.model import TargetTable

FONT_NAME = "JixiaoCJK"
# TrueType fonts with Chinese: those Debian installs (make install-system), then those every
# Chinese Windows has. reportlab embeds TrueType outlines, not the CFF ones of Noto CJK.
_WINDOWS_FONTS = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    str(_WINDOWS_FONTS / "simhei.ttf"),
    str(_WINDOWS_FONTS / "simsun.ttc"),
)
_TALLEST = 16  # rows a merged cell may span and still fit on an A4 landscape page
_WEIGHTS = {4: (1, 1.4, 3, 2.6), 5: (1, 1.4, 3, 1.5, 1.5), 7: (0.9, 2, 1.1, 1.6, 2.2, 1.1, 1.1)}


def font_file() -> str:
    """The font to embed: JIXIAO_PDF_FONT, or the first CJK TrueType font present (Debian's, then Windows')."""
    chosen = os.environ.get("JIXIAO_PDF_FONT")
    candidates = (chosen,) if chosen else FONT_FILES
    for path in candidates:
        if path and Path(path).is_file():
            return path
    raise OutputError("PDF 需要中文 TrueType 字体：Debian 上请运行 make install-system（安装 fonts-wqy-zenhei），"
                      "Windows 自带的黑体、宋体会自动使用；也可用环境变量 JIXIAO_PDF_FONT 指定字体文件")


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = font_file()
        pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0) if path.endswith(".ttc") else TTFont(FONT_NAME, path))


def _pieces(drawn: Layout) -> list[tuple[int, int]]:
    """Row ranges [start, end) that no merged cell crosses."""
    starts = [0] + [cut + 1 for cut in drawn.cuts()]
    return list(zip(starts, starts[1:]))


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register()
    base = ParagraphStyle("cell", fontName=FONT_NAME, fontSize=9, leading=12, wordWrap="CJK")
    styles = {
        "value": base, "text": base,
        "label": ParagraphStyle("label", parent=base, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=base, alignment=TA_CENTER),
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=20, alignment=TA_CENTER),
        "year": ParagraphStyle("year", parent=base, fontSize=11, leading=16, alignment=TA_CENTER),
    }
    page = landscape(A4)
    document = SimpleDocTemplate(str(path), pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm,
                                 topMargin=12 * mm, bottomMargin=12 * mm, title="绩效目标表", author="jixiao")
    usable = page[0] - 24 * mm
    story: list = []
    for index, table in enumerate(tables):
        if index:
            story.append(PageBreak())
        heading, drawn = layout(table).heading()
        story += [Paragraph(escape(line.text), styles[line.role]) for line in heading]
        story.append(Spacer(1, 3 * mm))
        drawn = capped(drawn, _TALLEST)
        rows = drawn.rows
        weights = _WEIGHTS.get(drawn.width, (1,) * drawn.width)
        widths = [usable * w / sum(weights) for w in weights]
        for start, end in _pieces(drawn):
            data = [[""] * drawn.width for _ in range(end - start)]
            commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
            for r in range(start, end):
                for box in rows[r]:
                    text = escape(box.text).replace("\n", "<br/>")
                    data[r - start][box.col] = Paragraph(text, styles.get(box.role, base))
                    if box.role == "head":
                        commands.append(("BACKGROUND", (box.col, r - start), (box.col, r - start), colors.HexColor("#EEEEEE")))
                    if box.colspan > 1 or box.rowspan > 1:
                        commands.append(("SPAN", (box.col, r - start),
                                         (box.col + box.colspan - 1, r - start + box.rowspan - 1)))
            piece = Table(data, colWidths=widths, hAlign="CENTER")
            piece.setStyle(TableStyle(commands))
            story.append(piece)
    document.build(story)
